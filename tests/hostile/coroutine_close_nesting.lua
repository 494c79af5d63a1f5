-- expect: error
-- Lua 5.4.4 bug: each coroutine.close runs the __close of the next one without counting
-- C-stack depth; 5000 levels overflow the C stack (a segmentation fault).
local co = false
for i = 1, 5000 do
  local previous = co
  co = coroutine.create(function()
    local guard <close> = setmetatable({}, { __close = function()
      if previous then
        local ok, err = coroutine.close(previous)
        if not ok then error(err, 0) end
      end
    end })
    coroutine.yield()
  end)
  coroutine.resume(co)
end
local ok, err = coroutine.close(co)
if not ok then error(err, 0) end
