-- expect: error
-- The same Lua 5.4.4 bug through coroutine.wrap: a wrapped coroutine that fails is
-- reset, running its __close, which calls the next failing wrapped coroutine, …
local function chain(depth)
  return coroutine.wrap(function()
    local guard <close> = setmetatable({}, { __close = function()
      if depth > 0 then chain(depth - 1)() end
    end })
    error("失败", 0)
  end)
end
chain(5000)()
