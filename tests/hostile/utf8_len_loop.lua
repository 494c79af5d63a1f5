-- expect: timeout
local s = ("é"):rep(2000000)
while true do local _ = utf8.len(s) end
