-- expect: forbidden
-- Read a system file through io.
local f = io.open("/etc/passwd", "r")
return f:read("a")
