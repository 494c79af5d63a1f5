-- expect: 内存超限
-- Registering ids without end: each registration is a host callback, charged, its
-- table held until the cap; the registry's duplicate lookup no longer scans every entry.
local i = 0
while true do
  i = i + 1
  form("f" .. i) { title = "表单", scope = "branch", period = "month", fields = {} }
end
