form "report" {
  title = "述职报告", scope = "department", period = "year", deadline_days = 30,
  evaluation = { rule = "average" },
  fields = { { id = "summary", type = "textarea", label = "述职内容", required = true } },
}
form "report_majority" {
  title = "述职报告（多数）", scope = "department", period = "year", deadline_days = 30,
  evaluation = { rule = "majority" },
  fields = { { id = "summary", type = "textarea", label = "述职内容", required = true } },
}
form "report_custom" {
  title = "述职报告（自定）", scope = "department", period = "year", deadline_days = 30,
  evaluation = { rule = function(t) if t["差"] > 0 then return "差" end return "好" end },
  fields = { { id = "summary", type = "textarea", label = "述职内容", required = true } },
}
