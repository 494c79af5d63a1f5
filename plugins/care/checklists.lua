-- 003 二、四：“七个一”活动，七项全部开展为达标。
checklist "seven_ones" {
  title = "“七个一”活动",
  form = "seven_ones",
  items = { "visit", "counsel", "problems", "theme", "plan", "policy", "mechanism" },
  pass = 7,
}
