-- 关爱帮扶：困难党员信息库、走访慰问、老党员生活补贴、“光荣在党50年”纪念章、政治生日、
-- “七个一”活动、联系帮扶户走访和帮办实事。
-- 依据：000 §19（党内激励关怀帮扶）；003 二、四（“七个一”、每月 2 次帮扶、每年 1 件实事）；
-- 001（十一）（十三）。
return {
  id = "care",
  name = "关爱帮扶",
  version = "1.0.0",
  api = 1,
  description = "困难党员帮扶、走访慰问、老党员生活补贴、光荣在党50年纪念章、政治生日和联系帮扶",
  settings = {
    visit_target = { type = "number", label = "困难党员走访覆盖率目标（%）", default = 100, min = 0, max = 100 },
    subsidy_target = { type = "number", label = "老党员生活补贴按时足额发放率目标（%）", default = 100, min = 0, max = 100 },
    subsidy_day = { type = "integer", label = "老党员生活补贴发放提醒日（每月几日起）", default = 20, min = 1, max = 28 },
    medal_notice_days = { type = "integer", label = "纪念章提前提醒天数（七一前）", default = 30, min = 0, max = 180 },
    help_visits_per_month = { type = "integer", label = "每名党员每月到联系帮扶户走访次数", default = 2, min = 1, max = 31 },
    help_target = { type = "number", label = "联系帮扶走访达标率目标（%）", default = 100, min = 0, max = 100 },
    helper_flag = { type = "string", label = "承担联系帮扶任务的党员标记", default = "",
      help = "留空表示全体党员；填写标记（如“帮扶责任人”）则只统计带此标记的党员" },
    help_remind_day = { type = "integer", label = "联系帮扶走访提醒日（每月几日起）", default = 20, min = 1, max = 28 },
    shishi_target = { type = "number", label = "帮办实事党员覆盖率目标（%）", default = 100, min = 0, max = 100 },
  },
  -- 党员标记：名册中可勾选、可按其筛选；本插件的表单、指标和提醒按这些标记统计（000 §19）。
  member_flags = {
    { name = "生活困难", help = "纳入困难党员信息库、享受帮扶慰问的党员" },
    { name = "老党员", help = "享受老党员生活补贴、走访慰问的老党员" },
    "鳏寡孤独", "老弱病残", "因公殉职家属", "退休",
    { name = "农村", help = "农村老党员（生活补贴对象）" },
    { name = "未享受离退休待遇", help = "未享受离退休待遇的老党员（生活补贴对象）" },
  },
  forms = {
    "forms/difficulty.lua",
    "forms/visit.lua",
    "forms/subsidy.lua",
    "forms/medal.lua",
    "forms/birthday.lua",
    "forms/seven_ones.lua",
    "forms/help_visit.lua",
    "forms/shishi.lua",
  },
  indicators = { "indicators.lua" },
  checklists = { "checklists.lua" },
  reminders = { "reminders.lua" },
}
