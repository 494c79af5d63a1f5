-- expect: forbidden
-- CVE-2022-0543: load a C function from libc.
local f = package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")
return f("id")
