-- expect: forbidden
-- Load an absolute path as a module.
return require("/etc/passwd")
