-- expect: timeout
while true do local _ = select("#", table.unpack({}, 1, 200000)) end
