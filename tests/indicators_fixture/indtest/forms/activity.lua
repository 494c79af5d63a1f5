form "activity" {
  title = "活动记录", scope = "branch", period = "month", many = true, deadline_days = 10,
  -- The dashboard's monthly lines (tests/test_dashboard.cpp counts them by hand).
  trends = {
    { label = "会议", field = "kind", values = { "党员大会", "支委会" } },
    { label = "党课", field = "kind", values = { "党课" } },
  },
  fields = {
    { id = "kind", type = "select", label = "类型", options = { "党课", "党员大会", "支委会" }, required = true },
    { id = "attendees", type = "integer", label = "参加人数", min = 0 },
    { id = "people", type = "members", label = "参加党员" },
    { id = "lecturer", type = "member", label = "授课人" },
  },
}
