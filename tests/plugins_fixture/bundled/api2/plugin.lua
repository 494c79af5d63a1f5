return { id = "future", name = "未来插件", version = "2.0.0", api = 2 }
