-- expect: timeout
-- string.rep("", huge) would loop in C without allocating.
while true do local _ = (""):rep(1e15) end
