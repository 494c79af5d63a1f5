-- expect: error
-- The same through a reader function, one small piece at a time.
local piece = "local a = 1\n"
local n = 0
local f, err = load(function()
  n = n + 1
  if n > 1000000 then return nil end
  return piece
end)
if not f then error(err, 0) end
