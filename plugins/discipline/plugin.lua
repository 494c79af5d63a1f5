-- 纪律建设：警示教育、纪律处分条例学习、问题线索、廉政档案、廉政风险点、四风整治、
-- 两个责任清单，以及机关纪检组织设置规则。
-- 依据：000 §8、§9、§10；001（十五）（十八）（二十）（二十一）；002 五、1–3；004（三）。
return {
  id = "discipline",
  name = "纪律建设",
  version = "1.0.0",
  api = 1,
  -- 中心组学习次数读组织生活插件的 orglife.study。
  depends = { "orglife" },
  description = "警示教育、问题线索、廉政档案、廉政风险防控、四风整治、两个责任清单和纪检组织设置",
  settings = {
    warning_edu_target = { type = "number", label = "警示教育按季度开展率目标（%）", default = 100, min = 0, max = 100,
      help = "按每季度至少开展 1 次警示教育计算" },
    regulation_study_per_year = { type = "integer", label = "中心组每年学习《纪律处分条例》次数", default = 1, min = 0, max = 12 },
    integrity_file_target = { type = "number", label = "廉政档案建档率目标（%）", default = 100, min = 0, max = 100 },
    lead_close_target = { type = "number", label = "问题线索按期办结率目标（%）", default = 100, min = 0, max = 100 },
    rectify_target = { type = "number", label = "四风问题整改率目标（%）", default = 100, min = 0, max = 100 },
    veto_serious_case = { type = "bool", label = "严重违纪违法案件实行一票否决", default = true,
      help = "开启时，本年度有按第四种形态处置的问题线索，年度考核评为“差”" },
    work_report_target = { type = "number", label = "机关纪委向纪工委汇报按季度开展率目标（%）", default = 100, min = 0, max = 100,
      help = "002 五、3 只说“定期汇报”，按每季度 1 次计算" },
  },
  forms = {
    "forms/warning_edu.lua",
    "forms/lead.lua",
    "forms/integrity_file.lua",
    "forms/risk_point.lua",
    "forms/four_winds.lua",
    "forms/duty_list.lua",
    "forms/supervision_plan.lua",
    "forms/work_report.lua",
  },
  -- rules/*.lua: issue 15's missing rules, kept apart from indicators.lua
  indicators = { "indicators.lua", "rules/supervision.lua" },
  reminders = { "reminders.lua" },
}
