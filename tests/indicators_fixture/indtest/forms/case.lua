form "case" {
  title = "案件登记", scope = "department", period = "year", many = true, deadline_days = 30,
  fields = { { id = "serious", type = "bool", label = "严重违纪" } },
}
