-- expect: timeout
local t = setmetatable({}, { __tostring = function() while true do end end })
return tostring(t)
