form "report" {
  title = "年度述职报告", scope = "department", period = "year", deadline_days = 30,
  evaluation = { rule = "average" },
  fields = {
    { id = "summary", type = "textarea", label = "述职内容", required = true },
    { id = "self", type = "rating", label = "自评等次" },
  },
}
