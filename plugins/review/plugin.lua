-- 述职评议和考核：三级述职评议、部门党组抓机关党建考核（党组、书记“第一责任人”、其他成员
-- “一岗双责”）、党务干部配备、书记抓基层党建突破项目、换届提醒，以及全县年度考核方案。
-- 依据：004（一）（二）（四）；000 §7、§13、§16、§18、§20；002 二、1、三、2；003 二、一、三、一。
return {
  id = "review",
  name = "述职评议和考核",
  version = "1.0.0",
  api = 1,
  -- 年度考核方案读另外五个插件的指标。
  depends = { "orglife", "discipline", "venues", "care", "civility" },
  description = "三级述职评议、部门党建工作考核、党务干部配备、突破项目和年度考核方案",
  settings = {
    weight_orglife = { type = "number", label = "年度考核权重：组织生活", default = 25, min = 0, max = 100 },
    weight_discipline = { type = "number", label = "年度考核权重：纪律建设", default = 15, min = 0, max = 100 },
    weight_venues = { type = "number", label = "年度考核权重：阵地建设", default = 10, min = 0, max = 100 },
    weight_care = { type = "number", label = "年度考核权重：关爱帮扶", default = 10, min = 0, max = 100 },
    weight_civility = { type = "number", label = "年度考核权重：精神文明创建", default = 10, min = 0, max = 100 },
    weight_report = { type = "number", label = "年度考核权重：述职评议", default = 15, min = 0, max = 100 },
    weight_duty = { type = "number", label = "年度考核权重：党组抓机关党建", default = 15, min = 0, max = 100 },
    weight_stars = { type = "number", label = "年度考核权重：达标创优和评星定级", default = 10, min = 0, max = 100,
      help = "stars 插件未启用的部门不计这一领域" },
    staff_ratio = { type = "number", label = "专职党务干部最低比例（占机关工作人员总数的 %）", default = 1, min = 0, max = 100,
      help = "000 §7：一般占机关工作人员总数的 1% 至 2%" },
    staff_min = { type = "integer", label = "专职党务干部最少人数", default = 2, min = 0, max = 100,
      help = "000 §7：总量不少于 2 人" },
    member_report_target = { type = "number", label = "党员述职覆盖率目标（%）", default = 100, min = 0, max = 100 },
    term_notice_days = { type = "integer", label = "换届提前提醒天数", default = 90, min = 0, max = 365 },
  },
  member_flags = {
    { name = "党务干部", help = "专职党务干部，核对党务干部配备时统计" },
  },
  forms = {
    "forms/member_report.lua",
    "forms/branch_report.lua",
    "forms/dept_report.lua",
    "forms/dept_assessment.lua",
    "forms/party_staff.lua",
    "forms/breakthrough.lua",
    "forms/sector_scheme.lua",
    "forms/honours.lua",
  },
  -- rules/*.lua: issue 15's missing rules (000 §1、§5、§20), kept apart from indicators.lua
  indicators = { "indicators.lua", "rules/sector.lua", "rules/honours.lua" },
  reminders = { "reminders.lua" },
  assessment = { "assessment.lua" },
}
