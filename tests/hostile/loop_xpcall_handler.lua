-- expect: timeout
-- The message handler itself loops.
while true do
  xpcall(function() while true do end end, function() while true do end end)
end
