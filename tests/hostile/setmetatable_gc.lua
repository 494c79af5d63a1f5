-- expect: forbidden
-- A finalizer runs with hooks off: a loop in it could never be stopped.
setmetatable({}, { __gc = function() while true do end end })
collectgarbage()
