-- A plugin for the indicator, reminder and assessment tests: small forms whose answers are
-- computed by hand in tests/test_indicators.cpp.
return {
  id = "indtest",
  name = "指标测试",
  version = "1.0.0",
  api = 1,
  settings = {
    activity_target = { type = "integer", label = "年度活动次数目标", default = 4, min = 0, max = 100 },
    lecture_target = { type = "number", label = "党课开展率目标（%）", default = 50, min = 0, max = 100 },
    weight_work = { type = "number", label = "日常工作权重", default = 60, min = 0, max = 100 },
  },
  forms = { "forms/activity.lua", "forms/venue.lua", "forms/report.lua", "forms/case.lua" },
  indicators = { "indicators.lua" },
  checklists = { "checklists.lua" },
  reminders = { "reminders.lua" },
  assessment = { "assessment.lua" },
}
