-- expect: timeout
-- 100 000 references to one 1 MB string: little memory, but table.sort without a
-- comparator runs strcoll over the whole megabyte at every comparison, and no
-- instruction of it is visible to the count hook.
local s = ("x"):rep(1 << 20)
local t = {}
for i = 1, 100000 do t[i] = s end
table.sort(t)
