-- 警示教育：以案为鉴、以案示警，分领域分行业开展（000 §9）；深入剖析身边案件，以案促改
-- （001（七）（二十））；警示教育、观看教育片（002 五、1）。
form "warning_edu" {
  title = "警示教育活动记录",
  description = "以案为鉴、以案示警，分领域分行业开展警示教育，每次活动填一份",
  scope = "department", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "date", type = "date", label = "活动日期", required = true, within_period = true },
    { id = "format", type = "select", label = "教育形式", required = true, options = {
        "通报典型案例", "观看警示教育片", "参观警示教育基地", "旁听庭审", "警示教育专题党课", "以案促改专题会", "其他" } },
    { id = "format_other", type = "text", label = "其他形式", max_length = 40,
      visible_if = function(f) return f.format == "其他" end, required = "请写明教育形式" },
    { id = "field", type = "text", label = "所属领域（行业）", required = true, max_length = 40,
      help = "分领域分行业开展，如“财政系统”“教育系统”“行政审批”" },
    { id = "case_source", type = "select", label = "案例来源", required = true,
      options = { "本单位", "本系统本行业", "本县", "外地" } },
    { id = "disciplines", type = "multiselect", label = "涉及纪律", required = true,
      options = { "政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律" } },
    { id = "cases", type = "textarea", label = "剖析的典型案例", required = true, min_length = 10, max_length = 2000 },
    { id = "participants", type = "integer", label = "参加人数", required = true, min = 1 },
    { id = "effect", type = "textarea", label = "以案促改措施", max_length = 2000 },
    { id = "photo", type = "attachment", label = "现场照片", accept = { ".jpg", ".jpeg", ".png" }, max_bytes = 5 * 1024 * 1024 },
  },
}
