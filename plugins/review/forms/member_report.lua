-- 机关党员向所属党支部述职（004（二）：机关党员向所属党支部述职，接受评议）。
-- 每名党员一份，由支部记录述职情况和评议等次。
form "member_report" {
  title = "党员向党支部述职评议",
  description = "机关党员向所属党支部述职，支部评议等次",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "member", type = "member", label = "述职党员", required = true },
    { id = "date", type = "date", label = "述职日期", required = true, within_period = true },
    { id = "mode", type = "select", label = "述职方式", required = true, options = { "会议述职", "书面述职" } },
    { id = "report", type = "textarea", label = "述职内容", required = true, min_length = 20, max_length = 5000,
      help = "学习贯彻党的理论和上级决策部署；参加“三会一课”、组织生活会、民主评议党员和主题党日；遵守政治纪律"
        .. "和政治规矩、履行党员义务；服务群众；发挥先锋模范作用、完成中心任务（004（二）1（1））" },
    { id = "rating", type = "rating", label = "支部评议等次", required = true },
    { id = "opinion", type = "textarea", label = "支部评议意见", max_length = 1000,
      visible_if = function(f) return f.rating == "一般" or f.rating == "差" end,
      required = "评为“一般”或“差”的须写明评议意见和整改要求" },
  },
}
