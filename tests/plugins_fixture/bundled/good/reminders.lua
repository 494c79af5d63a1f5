reminder "holiday" {
  title = "节日走访提醒",
  days_before = 7,
}
