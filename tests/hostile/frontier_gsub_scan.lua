-- expect: timeout
-- %f with a huge class inside gsub: the frontier is tested (two class scans) at
-- every position of the subject, and gsub moves one character at a time.
local frontier = "%f[" .. ("q"):rep(50000) .. "]"
return (" "):rep(200000):gsub(frontier, "x")
