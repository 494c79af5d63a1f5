-- expect: forbidden
-- Remove the budget hook.
debug.sethook()
while true do end
