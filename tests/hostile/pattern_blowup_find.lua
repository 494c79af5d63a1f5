-- expect: timeout
-- Backtracking that never ends inside one C call.
return ("a"):rep(40000):find(".-.-.-.-.-b")
