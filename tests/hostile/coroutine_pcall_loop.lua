-- expect: timeout
-- A coroutine that swallows the stop, resumed by a loop that ignores failures.
local co = coroutine.create(function()
  while true do pcall(function() while true do end end) end
end)
while true do coroutine.resume(co) end
