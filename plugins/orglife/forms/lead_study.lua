-- 党员领导干部领学带学督学记录：002 一、2“市直各单位党员领导干部全年到相应基层党组织开展领学带学
-- 督学活动不少于 1 次”（深入所在党支部和基层联系点讲党课作辅导、开展谈心谈话）。每次一份，由部门填报。
-- 按年报送：要求是“全年不少于 1 次”，按月报送会让没有活动的月份显示为逾期未报。
form "lead_study" {
  title = "党员领导干部领学带学督学记录",
  description = "党员领导干部到所在党支部或基层联系点领学、带学、督学，每次一份",
  scope = "department", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "leader", type = "member", label = "党员领导干部", required = true, filter = { flag = "领导干部" },
      help = "党员名册中标记为「领导干部」的党员" },
    { id = "date", type = "date", label = "活动日期", required = true, within_period = true },
    { id = "place", type = "select", label = "到何处", required = true, options = { "所在党支部", "基层联系点" } },
    { id = "org_name", type = "text", label = "党组织名称", required = true, max_length = 40 },
    { id = "activities", type = "multiselect", label = "活动形式", required = true,
      options = { "领学", "带学", "督学", "讲党课", "作辅导", "谈心谈话" } },
    { id = "topic", type = "text", label = "学习主题", required = true, max_length = 60 },
    { id = "participants", type = "integer", label = "参加人数", required = true, min = 1 },
    { id = "content", type = "textarea", label = "活动情况", required = true, min_length = 10, max_length = 3000 },
  },
}
