-- expect: forbidden
-- Compile an arbitrary file.
return loadfile("/etc/passwd")
