-- 支部达标创优、星级评定和党员评星定级的指标（002 二、2–3，000 §4）。评定以机关工委审核通过
-- （工委评审）为准：只统计已通过的评定表。每个指标的来源和取值见 docs/plugins/stars.md。
local function percent(part, whole)
  if not whole or whole <= 0 then return nil end
  return math.min(100, 100 * part / whole)
end

local APPROVED = "approved"

indicator "standard_rate" {
  name = "党支部达标率", unit = "%", period = "year", scope = "department",
  target = "standard_target", rollup = "avg", weight = 5,
  description = "经工委评审为达标或优秀的党支部数 ÷ 党支部数 × 100",
  compute = function(q)
    return percent(q:count("branch_rating", { level = { "达标", "优秀" }, state = APPROVED }),
      q:count_nodes({ type = "branch" }))
  end,
}

-- 002 二、2：对不达标的进行督导整改，视情况列为软弱涣散基层党支部进行精准整顿。
indicator "failed_branch" {
  name = "不达标党支部督导整改", scope = "branch", period = "year", weight = 5,
  description = "经工委评审为不达标的党支部，记 1 条问题（须督导整改）",
  check = function(q)
    if q:count("branch_rating", { level = "不达标", state = APPROVED }) > 0 then
      return q.node.name .. "评定为不达标，须督导整改"
    end
  end,
}

indicator "member_rating_coverage" {
  name = "党员评星定级覆盖率", unit = "%", period = "year", scope = "department",
  target = "member_rating_target", rollup = "avg", weight = 5,
  description = "本年评星定级的党员人数 ÷ 党员人数 × 100（已提交或已通过的评定）",
  compute = function(q)
    return percent(q:count_distinct("member_rating", "member"), q:count_members())
  end,
}

-- 全县分布：每个星级一个计数指标，工委处为全县合计（rollup = "sum"）。
indicator "excellent_branches" {
  name = "优秀等次党支部数", unit = "个", period = "year", scope = "department", rollup = "sum", weight = 0,
  description = "经工委评审为优秀等次的党支部数",
  compute = function(q) return q:count("branch_rating", { level = "优秀", state = APPROVED }) end,
}

for s = 1, 5 do
  indicator("branch_stars_" .. s) {
    name = ("%d星级党支部数"):format(s), unit = "个", period = "year", scope = "department", rollup = "sum", weight = 0,
    description = ("经工委评审为 %d 星的党支部数"):format(s),
    compute = function(q) return q:count("branch_rating", { stars = s, state = APPROVED }) end,
  }
  indicator("member_stars_" .. s) {
    name = ("%d星党员人数"):format(s), unit = "人", period = "year", scope = "department", rollup = "sum", weight = 0,
    description = ("评星定级为 %d 星、经部门审核通过的党员人数"):format(s),
    compute = function(q) return q:count("member_rating", { stars = s, state = APPROVED }) end,
  }
end
