-- 阵地建设：党组织活动阵地登记及“六有”达标、党建阵地综合体“八个有”、阵地活动。
-- 依据：003 二、一（“六有”标准，单独设置或“党群共建、一室多用”）；000 §14（党建阵地综合体、
-- 功能区、“八个有”建设标准、年内建设 10 个）；002 二、2（“六化”之阵地建设规范化）。
return {
  id = "venues",
  name = "阵地建设",
  version = "1.0.0",
  api = 1,
  description = "党组织活动阵地“六有”达标、党建阵地综合体“八个有”建设和阵地活动",
  settings = {
    six_haves_target = { type = "number", label = "“六有”达标率目标（%）", default = 100, min = 0, max = 100 },
    activity_remind_day = { type = "integer", label = "阵地活动提醒日（每月几日起）", default = 20, min = 1, max = 28 },
  },
  forms = { "forms/venue.lua", "forms/complex.lua", "forms/activity.lua" },
  indicators = { "indicators.lua" },
  checklists = { "checklists.lua" },
  reminders = { "reminders.lua" },
}
