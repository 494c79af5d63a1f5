-- expect: memory
return ("x"):rep(100000):gsub(".", ("y"):rep(10000))
