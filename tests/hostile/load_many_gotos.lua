-- expect: error
-- The parser matches every pending goto against every label: quadratic, and no
-- instruction runs meanwhile. The text is refused before the parser sees it.
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = "goto l" .. i .. "\n" end
for i = 1, 20000 do parts[#parts + 1] = "::l" .. i .. "::\n" end
local f, err = load(table.concat(parts))
if not f then error(err, 0) end
