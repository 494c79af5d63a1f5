-- expect: 表单出错
-- A unit's script whose error paints over the terminal and carries invalid UTF-8: the
-- status lists (and plugins list --json) must show it escaped, as valid UTF-8.
error("\27[2K\r表单出错\255\254 \27]0;试运行通过\7")
