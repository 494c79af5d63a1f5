-- expect: forbidden
-- Round-trip a function through bytecode (binary chunks can crash the VM).
local code = string.dump(function() return 1 end)
return load(code)()
