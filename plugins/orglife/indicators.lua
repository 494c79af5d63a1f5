-- 组织生活的指标和合规规则。每个指标的来源见 docs/plugins/orglife.md。
local period = require("dj.period")
local util = require("dj.util")
local branch = require("dj.branch")

-- The months (or quarters) of q's period the node existed in: a branch founded mid-year is
-- held to the months since its founding, not to all twelve (issue 15 item 5). A branch closed
-- before the period's end is not in the tree at q.to, so it is not scored at all.
local function due(q, per)
  if per == "month" then return period.months_within(q, q.node.founded) end
  return period.quarters_within(q, q.node.founded)
end

-- How many sub-periods of q's period held a meeting of this kind, as a % of those it existed in.
local function held_rate(q, per, kind)
  return util.percent(q:periods_with("meeting", per, { kind = kind }), due(q, per))
end

-- 003 二、三：每月至少召开 1 次支委会。不设支部委员会的支部（正式党员不足 7 人）不适用。
indicator "committee_months" {
  name = "支部委员会按月召开率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 10,
  description = "召开过支部委员会的月数 ÷ 支部存在的月数 × 100；正式党员不足 7 人、不设支委会的支部不计",
  compute = function(q)
    if not branch.has_committee(q) then return nil end
    return held_rate(q, "month", "支部委员会")
  end,
}

-- 003 二、三：每月至少召开 1 次党小组会。每个党小组都要开，所以按党小组计：一个从不开会的党小组
-- 会拉低本支部的值（issue 15 第 5 条）。未划分党小组的支部不适用。
indicator "group_months" {
  name = "党小组会按月召开率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "各党小组召开过党小组会的“党小组·月”数 ÷（党小组数 × 月数）× 100；未划分党小组的支部不计",
  compute = function(q)
    local groups = q:count_nodes({ type = "group" })
    if groups == 0 then return nil end
    return util.percent(q:count_distinct("meeting", "group_month", { kind = "党小组会" }), groups * due(q, "month"))
  end,
}

-- 003 二、三：每季度至少召开 1 次支部党员大会。
indicator "general_quarters" {
  name = "支部党员大会按季度召开率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 10,
  description = "召开过支部党员大会的季度数 ÷ 支部存在的季度数 × 100",
  compute = function(q) return held_rate(q, "quarter", "支部党员大会") end,
}

-- 003 二、三：每季度至少讲 1 次党课。
indicator "lecture_quarters" {
  name = "党课按季度开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 10,
  description = "讲过党课的季度数 ÷ 支部存在的季度数 × 100",
  compute = function(q) return held_rate(q, "quarter", "党课") end,
}

-- 001（十三）、003 二、三：主题党日。按每月 1 次计（各地通行做法）。
indicator "theme_day_months" {
  name = "主题党日按月开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "开展过主题党日的月数 ÷ 支部存在的月数 × 100",
  compute = function(q) return held_rate(q, "month", "主题党日") end,
}

-- 003 二、二：每季度至少确定 1 个主题开展 1 次交流研讨活动。
indicator "discussion_quarters" {
  name = "交流研讨按季度开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "开展过交流研讨的季度数 ÷ 支部存在的季度数 × 100",
  compute = function(q) return held_rate(q, "quarter", "交流研讨") end,
}

-- 党员大会到会率不低于设置的最低到会率。按部门计，取本部门各支部各次党员大会到会率的平均。
indicator "attendance" {
  name = "支部党员大会平均到会率", unit = "%", period = "year", scope = "department",
  target = "min_attendance", rollup = "avg", weight = 5,
  description = "本部门本年各次支部党员大会到会率的平均值；未召开党员大会的不计",
  compute = function(q) return q:avg("meeting", "rate", { kind = "支部党员大会" }) end,
}

-- 003 二、三：党员领导干部每年讲党课不少于 1 次。领导干部以党员名册「领导干部」标记为准。
indicator "leader_lectures" {
  name = "党员领导干部讲党课覆盖率", unit = "%", period = "year", scope = "department",
  target = "leader_lecture_target", rollup = "avg", weight = 5,
  description = "本年讲党课达到规定次数的党员领导干部人数 ÷ 标记为「领导干部」的党员人数 × 100",
  compute = function(q)
    local per = q.settings.lectures_per_leader or 1
    return util.percent(q:count_distinct("meeting", "leader", { kind = "党课" }, per),
      q:count_members({ flag = "领导干部" }))
  end,
}

-- 003 二、二：每月至少组织 1 次中心组理论学习。
indicator "study_months" {
  name = "中心组理论学习按月开展率", unit = "%", period = "year", scope = "department",
  target = "study_target", rollup = "avg", weight = 10,
  description = "组织过中心组理论学习的月数 ÷ 月数 × 100",
  compute = function(q) return util.percent(q:periods_with("study", "month"), period.months(q)) end,
}

-- 003 二、三：按月缴纳党费。
indicator "dues_months" {
  name = "党费按月收缴登记率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "登记了党费收缴台账的月数 ÷ 支部存在的月数 × 100",
  compute = function(q) return util.percent(q:periods_with("dues", "month"), due(q, "month")) end,
}

indicator "dues_paid" {
  name = "党费收缴率", unit = "%", period = "year", scope = "department",
  target = "dues_target", rollup = "avg", weight = 5,
  description = "本部门各支部各月实交人数之和 ÷ 各月应交人数之和 × 100；未登记台账的不计",
  compute = function(q)
    return util.percent(q:sum("dues", "paid"), q:sum("dues", "payable"))
  end,
}

-- 003 二、三、000 §12：每年开展民主评议党员。
indicator "appraisal_rule" {
  name = "民主评议党员", scope = "branch", period = "year", weight = 5,
  description = "本年没有民主评议党员记录的党支部，记 1 条问题",
  check = function(q)
    if q:count("appraisal") == 0 then return q.node.name .. "本年度未开展民主评议党员" end
  end,
}
