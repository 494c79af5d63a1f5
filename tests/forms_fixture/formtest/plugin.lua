-- A plugin for the form and workflow tests: one form of each scope, through the real runtime.
return {
  id = "formtest",
  name = "表单测试",
  version = "1.0.0",
  api = 1,
  settings = {
    visits_per_month = { type = "integer", label = "每月走访次数", default = 2, min = 0, max = 31 },
    season = { type = "select", label = "重点时机", options = { "元旦", "春节", "七一" }, default = "春节" },
  },
  forms = { "forms/visit.lua", "forms/report.lua" },
}
