-- expect: forbidden
-- Climb out of the plugin folder.
return require("../../../etc/passwd")
