-- expect: error
-- An explicit environment gives no way out either.
return assert(load("return io", "x", "t", {})(), "no io")
