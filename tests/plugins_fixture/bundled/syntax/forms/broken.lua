form "broken" {
  title = "缺一个逗号"
  period = "month",
}
