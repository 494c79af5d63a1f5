-- expect: 运行超时
-- Every default loops until stopped and turns the stop into its own error; the host
-- used to catch each one and start the next with a fresh budget (30 × the limit).
local fields = {}
for i = 1, 30 do
  fields[i] = { id = "f" .. i, type = "text", label = "字段" .. i, default = function()
    local ok = pcall(function() while true do end end)
    error("默认值出错", 0)
  end }
end
form "slow_defaults" { title = "慢默认值", scope = "branch", period = "month", fields = fields }
