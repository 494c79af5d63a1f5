-- expect: error
-- Strip the traps off the global table.
setmetatable(_G, nil)
return io
