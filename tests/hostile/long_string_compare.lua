-- expect: timeout
-- Each comparison is one instruction but megabytes of work: the wall clock stops it.
local a = ("x"):rep(4000000)
local b = ("x"):rep(4000000)
while true do local _ = (a == b) end
