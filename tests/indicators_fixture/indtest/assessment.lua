assessment "annual" {
  title = "测试年度考核",
  ratings = { { "好", 90 }, { "较好", 80 }, { "一般", 60 }, { "差", 0 } },
  rating_points = { ["好"] = 1, ["较好"] = 0.85, ["一般"] = 0.7, ["差"] = 0.5 },
  areas = {
    { id = "work", label = "日常工作", weight = 60, weight_setting = "weight_work",
      items = {
        { indicator = "activities", weight = 2 },
        { indicator = "venues_passed", weight = 1, scoring = "pass" },
      } },
    { id = "report", label = "述职评议", weight = 40, items = { { evaluation = "report", weight = 1 } } },
  },
  deductions = { { indicator = "overdue_items", label = "整改逾期", points = 5, max = 10 } },
  vetoes = { { indicator = "serious_cases", label = "发生严重违纪案件", above = 0 } },
}
