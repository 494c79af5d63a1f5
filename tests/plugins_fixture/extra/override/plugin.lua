return { id = "shared", name = "单位自定版本", version = "2.0.0", api = 1 }
