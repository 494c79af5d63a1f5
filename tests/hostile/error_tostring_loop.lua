-- expect: error
-- The host must not call this __tostring while reporting the error.
error(setmetatable({}, { __tostring = function() while true do end end }))
