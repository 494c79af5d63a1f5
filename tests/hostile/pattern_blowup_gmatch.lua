-- expect: timeout
for w in ("a"):rep(20000):gmatch("a-a-a-a-b") do end
