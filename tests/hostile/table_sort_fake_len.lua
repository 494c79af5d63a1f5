-- expect: timeout
-- Sorting 2^31 phantom elements through C metamethods.
local t = setmetatable({}, { __len = function() return 2^31 - 2 end,
                              __index = rawlen, __newindex = rawequal })
table.sort(t)
