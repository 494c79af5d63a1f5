-- 社区志愿服务记录（003 二、四）：确保每名机关党员每月至少参加 1 次社区党组织开展的集中志愿
-- 服务活动；服务方式为日常需求服务、岗位职责服务和集中主题服务。每人每次一份。
form "volunteer" {
  title = "党员社区志愿服务记录",
  description = "党员在报到社区参加志愿服务，每人每次一份",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "member", type = "member", label = "党员", required = true },
    { id = "community", type = "text", label = "服务社区", required = true, max_length = 60 },
    { id = "in_registered", type = "bool", label = "在本人报到的社区", required = true,
      help = "只有在报到社区参加的志愿服务计入每月至少 1 次的要求" },
    { id = "date", type = "date", label = "服务日期", required = true, within_period = true },
    { id = "kind", type = "select", label = "服务方式", required = true,
      options = { "日常需求服务", "岗位职责服务", "集中主题服务" } },
    { id = "hours", type = "number", label = "服务时长（小时）", required = true, min = 0.5, max = 24 },
    { id = "content", type = "textarea", label = "服务内容", required = true, min_length = 5, max_length = 1000 },
    { id = "member_month", type = "text", label = "服务月份标识",
      help = "党员编号/月份，由系统生成；不在报到社区的服务不生成",
      compute = function(f)
        if f.member and f.date and f.in_registered == true then return f.member .. "/" .. f.date:sub(1, 7) end
      end },
  },
}
