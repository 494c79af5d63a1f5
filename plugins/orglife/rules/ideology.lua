-- 党员干部思想状况分析研判（001（八））：党支部每季度 1 次，机关党委每半年 1 次。
local util = require("dj.util")
local period = require("dj.period")

indicator "ideology_quarters" {
  name = "党支部思想状况分析研判按季度开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "报送了思想状况分析研判的季度数 ÷ 支部存在的季度数 × 100",
  compute = function(q)
    -- A branch founded mid-year is held to the quarters since its founding.
    return util.percent(q:periods_with("ideology", "quarter"), period.quarters_within(q, q.node.founded))
  end,
}

-- 机关党委的研判按部门检查：部门下设机关党委的，每半年应有一次“研判组织”为机关党委的记录。
indicator "ideology_committee_rule" {
  name = "机关党委每半年思想状况分析研判", scope = "department", period = "year", weight = 5,
  description = "下设机关党委的部门，有机关党委研判记录的半年数少于期间的半年数（全年 2 个）的，记 1 条问题",
  check = function(q)
    if q:count_nodes({ type = "organ_committee" }) == 0 then return nil end
    local halves = q:periods_with("ideology", "half", { level = "机关党委" })
    local need = math.max(1, period.months(q) // 6)
    if halves < need then
      return ("机关党委本年开展思想状况分析研判覆盖 %d 个半年，应每半年 1 次"):format(halves)
    end
  end,
}
