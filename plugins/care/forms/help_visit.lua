-- 联系帮扶户走访（003 二、四）：每名机关党员每月至少要到联系帮扶户家中开展 2 次帮扶活动。
-- 每次走访填一份。
form "help_visit" {
  title = "联系帮扶户走访记录",
  description = "机关党员到联系帮扶户家中开展帮扶活动，每次一份",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "member", type = "member", label = "帮扶党员", required = true },
    { id = "household", type = "text", label = "帮扶户（户主姓名、村组）", required = true, max_length = 60 },
    { id = "date", type = "date", label = "走访日期", required = true, within_period = true },
    { id = "content", type = "select", label = "帮扶内容", required = true,
      options = { "宣传政策", "交心谈心", "排忧解难", "谋划发展", "其他" } },
    { id = "detail", type = "textarea", label = "帮扶情况", required = true, min_length = 5, max_length = 1000 },
    { id = "member_month", type = "text", label = "走访月份标识",
      help = "党员编号/月份，由系统生成，用于统计每人每月走访次数",
      compute = function(f) if f.member and f.date then return f.member .. "/" .. f.date:sub(1, 7) end end },
  },
}
