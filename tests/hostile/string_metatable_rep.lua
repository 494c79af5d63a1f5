-- expect: error
-- Fetch the raw string.rep behind the metatable.
local rep = getmetatable("").__index.rep
return rep("x", 1e10)
