-- expect: 内存超限
-- The same blow-up handed over as a field's default value.
form "dag_default" {
  title = "默认值炸弹", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲", default = function()
    local t = { "值" }
    for i = 1, 40 do t = { x = t, y = t } end
    return t
  end } },
}
