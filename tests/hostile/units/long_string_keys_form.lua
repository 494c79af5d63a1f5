-- expect: 内存超限
-- One 1 MB string used as 64 different keys' values inside a registered form: shared in
-- Lua, 64 copies in the host.
local s = ("字"):rep(350000)
local t = {}
for i = 1, 64 do t["k" .. i] = s end
form "long_strings" { title = "长字符串", scope = "branch", period = "month", extra = t, fields = {} }
