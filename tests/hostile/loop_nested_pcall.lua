-- expect: timeout
local function spin() while true do end end
while true do
  pcall(pcall, pcall, spin)
  pcall(function() pcall(function() pcall(spin) end) end)
end
