-- expect: forbidden
-- Ask load for binary mode explicitly.
return load("return 1", "chunk", "b")
