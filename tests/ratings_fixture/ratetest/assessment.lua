assessment "annual" {
  title = "自定等次年度考核",
  ratings = { { "优秀", 90 }, { "合格", 70 }, { "基本合格", 50 }, { "不合格", 0 } },
  rating_points = { ["优秀"] = 1, ["合格"] = 0.8, ["基本合格"] = 0.6, ["不合格"] = 0.3 },
  areas = {
    { id = "report", label = "述职评议", weight = 100, items = { { evaluation = "report", weight = 1 } } },
  },
}
