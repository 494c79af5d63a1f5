-- expect: error
-- Replace the string methods every string shares.
getmetatable("").__index.rep = function() return "pwned" end
