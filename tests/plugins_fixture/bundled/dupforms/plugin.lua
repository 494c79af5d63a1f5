return { id = "dupforms", name = "重复表单插件", version = "1.0.0", api = 1,
         forms = { "forms/a.lua", "forms/b.lua" } }
