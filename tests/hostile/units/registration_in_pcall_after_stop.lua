-- expect: 运行超时
-- The stop is caught by pcall, then the script keeps registering: every host
-- callback refuses once the call is doomed.
while true do
  pcall(function() while true do end end)
  pcall(form("again"), { title = "再来", scope = "branch", period = "month", fields = {} })
end
