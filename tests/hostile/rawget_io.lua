-- expect: error
-- Raw access finds nothing to steal.
return assert(rawget(_G, "io"), "no io")
