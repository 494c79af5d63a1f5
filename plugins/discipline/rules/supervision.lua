-- 机关纪委监督立项（001（二十一））和向纪工委定期汇报（002 五、3）。只对设有机关纪委的部门
-- （其机关党委的组织信息中“设有纪委”）适用。
local util = require("dj.util")
local period = require("dj.period")

local function has_commission(q)
  return q:count_nodes({ type = "organ_committee", has_discipline_committee = true }) > 0
end

indicator "supervision_plan_rule" {
  name = "机关纪委年度监督立项计划", scope = "department", period = "year", weight = 5,
  description = "设有机关纪委的部门，本年没有监督立项计划的，记 1 条问题",
  check = function(q)
    if not has_commission(q) then return nil end
    if q:count("supervision_plan") == 0 then return "机关纪委本年度未制订监督立项计划" end
  end,
}

indicator "work_report_quarters" {
  name = "机关纪委向纪工委汇报按季度开展率", unit = "%", period = "year", scope = "department",
  target = "work_report_target", rollup = "avg", weight = 5,
  description = "设有机关纪委的部门，向纪工委汇报过工作的季度数 ÷ 季度数 × 100；没有机关纪委的不计",
  compute = function(q)
    if not has_commission(q) then return nil end
    return util.percent(q:periods_with("work_report", "quarter"), period.quarters(q))
  end,
}
