-- 党员集中学习（003 二、二：每月至少 1 次）和党员领导干部领学带学督学（002 一、2：全年不少于 1 次）。
local util = require("dj.util")
local period = require("dj.period")

indicator "group_study_months" {
  name = "党员集中学习按月开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "组织过党员集中学习的月数 ÷ 支部存在的月数 × 100",
  compute = function(q)
    return util.percent(q:periods_with("group_study", "month"), period.months_within(q, q.node.founded))
  end,
}

indicator "lead_study_coverage" {
  name = "党员领导干部领学带学督学覆盖率", unit = "%", period = "year", scope = "department",
  target = "lead_study_target", rollup = "avg", weight = 5,
  description = "本年领学带学督学达到规定次数的「领导干部」人数 ÷ 标记为「领导干部」的党员人数 × 100",
  compute = function(q)
    local per = q.settings.lead_study_per_year or 1
    return util.percent(q:count_distinct("lead_study", "leader", nil, per), q:count_members({ flag = "领导干部" }))
  end,
}

reminder "group_study_gap" {
  name = "党员集中学习提醒", scope = "branch",
  check = function(q)
    if period.day(q.date) < (q.settings.remind_day or 20) then return nil end
    if q:count("group_study") > 0 then return nil end
    return { text = q.node.name .. "本月尚未组织党员集中学习", level = "warning", due = period.month_end(q.date) }
  end,
}

-- 提醒只看得到当月（HOST-GAPS 5）：从提醒月份起，提醒从未有领学带学督学记录的领导干部。
reminder "lead_study_pending" {
  name = "领学带学督学提醒", scope = "department",
  check = function(q)
    if (q.month or 0) < (q.settings.lead_study_remind_month or 10) then return nil end
    local n = q:count_members({ flag = "领导干部", not_in_form = { "lead_study", "leader" } })
    if n == 0 then return nil end
    return { text = ("%s有 %d 名党员领导干部尚无领学带学督学记录，全年应不少于 1 次"):format(q.node.name, n),
      level = "warning", due = ("%04d-12-31"):format(q.year) }
  end,
}
