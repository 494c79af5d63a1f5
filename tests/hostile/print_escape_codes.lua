-- expect: error
-- Terminal control codes in print output, then a plain failure.
print("\27]0;已通过\7\27[1A\27[2K试运行通过")
error("真正的错误")
