-- expect: forbidden
-- Read the environment (secrets live there).
return os.getenv("HOME")
