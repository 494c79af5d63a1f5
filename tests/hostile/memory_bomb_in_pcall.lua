-- expect: memory
-- Catch the memory error and go on allocating.
local ok = pcall(function()
  local t = {}
  while true do t[#t + 1] = ("x"):rep(4096) end
end)
local again = {}
for i = 1, 1e6 do again[i] = { i } end
return ok
