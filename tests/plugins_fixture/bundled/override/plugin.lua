return { id = "shared", name = "内置版本", version = "1.0.0", api = 1 }
