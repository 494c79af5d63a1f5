-- expect: error
-- Nested closes hidden inside pcall at every level: the depth guard still counts them,
-- and the refusal surfaces at the top.
local co = false
for i = 1, 5000 do
  local previous = co
  co = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = function()
      if previous then
        local ok, a, b = pcall(coroutine.close, previous)
        if not ok then error(a, 0) end
        if not a then error(b, 0) end
      end
    end })
    coroutine.yield()
  end)
  coroutine.resume(co)
end
local ok, err = coroutine.close(co)
if not ok then error(err, 0) end
