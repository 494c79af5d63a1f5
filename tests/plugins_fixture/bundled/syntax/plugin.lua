return { id = "syntax", name = "语法错误插件", version = "1.0.0", api = 1,
         forms = { "forms/broken.lua" } }
