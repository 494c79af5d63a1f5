-- expect: error
-- Invalid UTF-8 and a NUL in an error message: replaced, never passed on raw.
error("坏\255\254字节\0结束")
