-- expect: timeout
-- The budget stop must not be swallowed by the plugin's own pcall.
while true do
  pcall(function() while true do end end)
end
