-- 政治生日（000 §19、001（十三））：为党员过“政治生日”。政治生日是入党日期的周年日。
-- 每月为当月过政治生日的党员组织一次活动，填一份。
form "birthday" {
  title = "党员政治生日活动记录",
  description = "为当月入党周年的党员过“政治生日”",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "date", type = "date", label = "活动日期", required = true, within_period = true },
    { id = "members", type = "members", label = "过政治生日的党员", required = true, min_items = 1 },
    { id = "activities", type = "multiselect", label = "活动内容", required = true,
      options = { "重温入党誓词", "赠送政治生日贺卡", "组织谈心谈话", "回顾入党经历", "其他" } },
    { id = "note", type = "textarea", label = "活动情况", max_length = 1000 },
  },
}
