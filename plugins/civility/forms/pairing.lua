-- 结对共建（004（五）2（1）；002 四、2）：开展机关党支部与社区、农村党支部共建主题活动。
-- 每次共建活动一份。
form "pairing" {
  title = "结对共建活动记录",
  description = "机关党组织与社区、村等党组织结对共建的活动",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "partner", type = "text", label = "共建对象", required = true, max_length = 60 },
    { id = "partner_type", type = "select", label = "共建对象类型", required = true,
      options = { "社区党组织", "村党组织", "企业党组织", "其他" } },
    { id = "date", type = "date", label = "活动日期", required = true, within_period = true },
    { id = "theme", type = "text", label = "活动主题", required = true, max_length = 60 },
    { id = "participants", type = "integer", label = "参加党员人数", required = true, min = 1 },
    { id = "content", type = "textarea", label = "活动内容和成效", required = true, min_length = 10, max_length = 2000 },
  },
}
