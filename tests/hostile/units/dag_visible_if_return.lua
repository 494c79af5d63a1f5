-- expect: 内存超限
-- And as the result of visible_if, converted after the call returns.
form "dag_visible" {
  title = "条件炸弹", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲", visible_if = function()
    local t = { 1 }
    for i = 1, 40 do t = { t, t, t } end
    return t
  end } },
}
