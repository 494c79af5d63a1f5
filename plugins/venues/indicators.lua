-- 阵地建设的指标。每个指标的来源见 docs/plugins/venues.md。
local period = require("dj.period")
local util = require("dj.util")

-- 003 二、一：全面推进机关党组织阵地规范化建设，达到“六有”标准；机关党组织（机关党委、党总支、
-- 党支部）都要有活动阵地。每个党组织每年报一份阵地表，所以达标的表数就是有达标阵地的党组织数；
-- 分母是应有阵地的党组织数，机关党委、党总支报的阵地也在其中（issue 15 第 2 条）。
indicator "six_haves_met" {
  name = "党组织阵地“六有”达标率", unit = "%", period = "year", scope = "department",
  target = "six_haves_target", rollup = "avg", weight = 10,
  description = "本年“六有”自评六项全有的阵地数 ÷ 本部门党组织（机关党委、党总支、党支部）数 × 100；没有党组织的不计",
  compute = function(q)
    local orgs = q:count_nodes({ type = "organ_committee" }) + q:count_nodes({ type = "general_branch" })
      + q:count_nodes({ type = "branch" })
    return util.percent(q:checklist("six_haves").passed, orgs)
  end,
}

indicator "six_haves_score" {
  name = "“六有”平均达标项数", unit = "项", period = "year", scope = "branch",
  target = 6, rollup = "avg", weight = 0,
  description = "本年“六有”自评的达标项数；未报的不计",
  compute = function(q)
    local c = q:checklist("six_haves")
    if c.submitted == 0 then return nil end
    return c.average
  end,
}

-- 000 §14：年内建设 10 个党建阵地综合体。部门的值是本部门牵头建成并达到“八个有”的综合体数，
-- 工委的值是各部门之和。10 个是全县的目标，不是每个部门的：主机还不能只给汇总值设目标，
-- 所以这里不设目标（见 docs/plugins/venues.md）。
indicator "complexes" {
  name = "建成达标的党建阵地综合体", unit = "个", period = "year", scope = "department",
  rollup = "sum", weight = 0,
  description = "本年填报“已建成”且“八个有”八项全有的综合体数（联盟综合体只由牵头单位填报，计 1 个）",
  compute = function(q) return q:checklist("eight_haves").passed end,
}

-- 000 §14“有常态的活动开展”、003 二、一：阵地经常开展活动。计划未定频次，按每月至少 1 次。
indicator "activity_months" {
  name = "阵地活动按月开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "有阵地活动记录的月数 ÷ 月数 × 100",
  compute = function(q) return util.percent(q:periods_with("activity", "month"), period.months(q)) end,
}

-- 003 二、一：机关党组织都要有活动阵地（单独设置或一室多用）。
indicator "venue_registered" {
  name = "党组织活动阵地登记", scope = "branch", period = "year", weight = 5,
  description = "本年未登记活动阵地的党支部，记 1 条问题",
  check = function(q)
    if q:count("venue") == 0 then return q.node.name .. "本年度未登记党组织活动阵地" end
  end,
}
