-- expect: memory
-- Removing the global string table does not remove the methods.
string = nil
return ("x"):rep(2e9)
