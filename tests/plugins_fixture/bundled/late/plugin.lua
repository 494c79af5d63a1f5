return { id = "late", name = "迟到的注册", version = "1.0.0", api = 1,
         indicators = { "indicators.lua" } }
