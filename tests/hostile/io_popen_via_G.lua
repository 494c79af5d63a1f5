-- expect: forbidden
-- Reach io through _G and start a process.
local p = _G["io"].popen("id")
return p:read("a")
