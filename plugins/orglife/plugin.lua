-- 组织生活：三会一课、主题党日、党费收缴。
-- 依据：《中国共产党支部工作条例（试行）》第十九条（支部党员大会一般每季度召开 1 次，
-- 支部委员会一般每月召开 1 次，党小组会一般每月召开 1 次，党课每季度至少 1 次）；
-- 县直机关党建工作要点（组织生活规范化建设）；每月 1 次主题党日（各地通行做法）。
return {
  id = "orglife",
  name = "组织生活",
  version = "0.1.0",
  api = 1,
  description = "三会一课、主题党日记录与党费收缴台账",
  settings = {
    min_attendance = { type = "number", label = "党员大会最低到会率（%）", default = 80, min = 0, max = 100 },
    dues_day = { type = "integer", label = "每月党费收缴截止日", default = 25, min = 1, max = 28 },
  },
  forms = { "forms/meeting.lua", "forms/dues.lua" },
}
