-- expect: forbidden
-- Delete a file.
return os.remove("/tmp/dj_hostile_target")
