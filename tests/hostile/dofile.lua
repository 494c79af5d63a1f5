-- expect: forbidden
-- Run an arbitrary file.
return dofile("/etc/passwd")
