-- expect: error
-- A 4 MB chunk built at run time: refused by size before it is parsed.
local f, err = load("return 1 --" .. ("x"):rep(4 << 20))
if not f then error(err, 0) end
