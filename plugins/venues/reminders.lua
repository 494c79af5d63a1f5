-- 阵地建设的提醒。
local period = require("dj.period")

reminder "activity_gap" {
  name = "阵地活动提醒", scope = "branch",
  check = function(q)
    if period.day(q.date) < (q.settings.activity_remind_day or 20) then return nil end
    if q:count("activity") > 0 then return nil end
    return { text = q.node.name .. "本月尚未在党组织活动阵地开展活动", level = "info", due = period.month_end(q.date) }
  end,
}
