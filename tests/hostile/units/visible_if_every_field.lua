-- expect: 运行超时
-- 5000 fields, each with a visible_if: the host hands every field's value to every
-- callback (25 million values pushed), work the plugin causes but never runs itself.
local fields = {}
for i = 1, 5000 do
  fields[i] = { id = "f" .. i, type = "text", label = "字段" .. i, default = ("值"):rep(20),
                visible_if = function() return true end }
end
form "wide" { title = "很宽的表单", scope = "branch", period = "month", fields = fields }
