-- expect: forbidden
-- Run a shell command.
return os.execute("touch /tmp/dj_hostile_pwned")
