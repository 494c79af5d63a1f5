-- 文明单位年度复查（004（五）1（4）、2（2））：对在届文明单位开展年度复查，提出复查意见。
form "reexam" {
  title = "在届文明单位年度复查",
  description = "在届文明单位的年度复查情况和复查意见",
  scope = "department", period = "year", deadline_days = 31,
  approval = { "机关工委" },
  fields = {
    { id = "title_level", type = "select", label = "称号级别", required = true,
      options = { "县级文明单位", "市级文明单位", "省级文明单位", "全国文明单位" } },
    { id = "named_year", type = "integer", label = "命名年度", required = true, min = 1980, max = 2100 },
    { id = "date", type = "date", label = "复查日期", required = true, within_period = true },
    { id = "examiners", type = "text", label = "复查人员", required = true, max_length = 60 },
    { id = "result", type = "select", label = "复查结论", required = true, options = { "保留称号", "限期整改", "撤销称号" } },
    { id = "opinion", type = "textarea", label = "复查意见", required = true, min_length = 10, max_length = 3000 },
    { id = "rectify", type = "textarea", label = "整改要求和时限", max_length = 2000,
      visible_if = function(f) return f.result == "限期整改" end, required = "限期整改的须写明整改要求和时限" },
  },
}
