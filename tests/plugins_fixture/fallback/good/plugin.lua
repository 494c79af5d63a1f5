return { id = "good", name = "坏掉的覆盖版本", version = "9.0.0", api = 1,
         forms = { "forms/missing.lua" } }
