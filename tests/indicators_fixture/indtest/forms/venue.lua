form "venue" {
  title = "阵地检查", scope = "branch", period = "year", deadline_days = 30,
  fields = {
    { id = "has_place", type = "bool", label = "有场所" },
    { id = "has_flag", type = "bool", label = "有党旗" },
    { id = "has_rules", type = "bool", label = "有制度" },
  },
}
