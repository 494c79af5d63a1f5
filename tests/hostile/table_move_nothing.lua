-- expect: timeout
-- Moves 10^15 nils: no allocation, no Lua instruction.
table.move({}, 1, 1e15, 2)
