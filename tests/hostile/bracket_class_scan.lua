-- expect: timeout
-- A 60 000-character bracket class is scanned again at every position the matcher
-- tries it; each scan used to count as one step (hours of work for one find).
local class = "[" .. ("b"):rep(60000) .. "]"
return ("a"):rep(60000):find(class .. class)
