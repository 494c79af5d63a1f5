-- expect: error
-- The message names another file and line and paints over the terminal; the report
-- must still give this file's real line and show the control codes escaped.
error("plugin.lua:1: \27[2K\r试运行通过\n", 0)
