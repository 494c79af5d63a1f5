-- 党务干部名册（000 §7；003 二、一；004（四））：专职党务工作人员一般占机关工作人员总数的 1% 至
-- 2%，总量不少于 2 人；严禁安排非党干部从事党务工作。名册只能选党员，每人一份。
form "party_staff" {
  title = "党务干部名册",
  description = "本部门专兼职党务干部，每人一份",
  scope = "department", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "member", type = "member", label = "党务干部", required = true },
    { id = "kind", type = "select", label = "专职或兼职", required = true, options = { "专职", "兼职" } },
    { id = "post", type = "text", label = "党内职务", required = true, max_length = 40 },
    { id = "since", type = "date", label = "从事党务工作起始日期", required = true },
    { id = "trained", type = "bool", label = "本年度参加过党务培训" },
  },
}
