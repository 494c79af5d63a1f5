-- expect: forbidden
-- Kill the host process.
os.exit(1)
