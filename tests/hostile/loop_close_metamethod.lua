-- expect: timeout
-- A to-be-closed variable whose __close loops runs while the stop unwinds.
local guard <close> = setmetatable({}, { __close = function() while true do end end })
while true do end
