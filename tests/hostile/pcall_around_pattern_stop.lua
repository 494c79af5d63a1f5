-- expect: timeout
-- The stop raised inside a C pattern call is caught by pcall again and again; the
-- loop also calls host functions (string.format) that must refuse once doomed.
local n = 0
while true do
  pcall(function() return ("a"):rep(30000):find(".-.-.-.-b") end)
  pcall(string.format, "%d", n)
  n = n + 1
end
