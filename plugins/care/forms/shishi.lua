-- 帮办实事（003 二、四）：每年至少为报到社区和联系帮扶户帮办 1 件以上实事。每件一份。
form "shishi" {
  title = "帮办实事登记",
  description = "党员为报到社区或联系帮扶户帮办的实事",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "member", type = "member", label = "党员", required = true },
    { id = "beneficiary", type = "select", label = "服务对象", required = true, options = { "报到社区", "联系帮扶户" } },
    { id = "who", type = "text", label = "社区名称或帮扶户", required = true, max_length = 60 },
    { id = "date", type = "date", label = "办结日期", required = true, within_period = true },
    { id = "content", type = "textarea", label = "实事内容", required = true, min_length = 5, max_length = 1000 },
  },
}
