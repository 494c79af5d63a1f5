checklist "three" { title = "三有", form = "venue", items = { "has_place", "has_flag", "has_rules" }, pass = 3 }
