-- expect: 内存超限
-- A table that shares its two halves 40 times over: a few KB in Lua, 2^40 values once
-- the host expands the registered form into JSON.
local t = { "选项" }
for i = 1, 40 do t = { t, t } end
form "dag_options" {
  title = "共享子表", scope = "branch", period = "month",
  fields = { { id = "a", type = "select", label = "甲", options = t } },
}
