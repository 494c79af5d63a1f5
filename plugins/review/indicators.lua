-- 述职评议和考核的指标和合规规则。每个指标的来源见 docs/plugins/review.md。
local util = require("dj.util")

-- 004（二）：机关党员向所属党支部述职，接受评议。
indicator "member_report_coverage" {
  name = "党员述职评议覆盖率", unit = "%", period = "year", scope = "department",
  target = "member_report_target", rollup = "avg", weight = 5,
  description = "本年向党支部述职并接受评议的党员人数 ÷ 党员人数 × 100",
  compute = function(q)
    return util.percent(q:count_distinct("member_report", "member"), q:count_members())
  end,
}

-- 004（二）：党组织书记向县直机关工委述职。
indicator "branch_report_done" {
  name = "党支部书记述职", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "本年报送了书记述职报告的党支部记 100，否则记 0；部门取平均，即已述职党支部所占比例",
  compute = function(q) return q:count("branch_report") > 0 and 100 or 0 end,
}

-- 004（一）2（3）：按“好”“较好”“一般”“差”提出评价意见。换算为分：好 100、较好 85、一般 70、差 50
-- （与年度考核方案的 rating_points 一致）。
local POINTS = { ["好"] = 100, ["较好"] = 85, ["一般"] = 70, ["差"] = 50 }

indicator "dept_assessment_points" {
  name = "部门党组抓机关党建考核评价", unit = "分", period = "year", scope = "department",
  target = 100, rollup = "avg", weight = 10,
  description = "工委总体评价换算为分：好 100、较好 85、一般 70、差 50；尚未评价的不计",
  compute = function(q)
    for rating, points in pairs(POINTS) do
      if q:count("dept_assessment", { overall = rating }) > 0 then return points end
    end
    return nil
  end,
}

-- 000 §7、003 二、一：专职党务工作人员一般占机关工作人员总数的 1% 至 2%，总量不少于 2 人。
-- 规则只查下限（1% 向上取整与 2 人取大者）；2% 是“一般”上限，不作为问题。
indicator "party_staff_rule" {
  name = "专职党务干部配备", scope = "department", period = "year", weight = 5,
  description = "专职党务干部人数少于 max(最少人数, ⌈在编人数 × 最低比例⌉) 的，记 1 条问题；未填在编人数的也记 1 条",
  check = function(q)
    local staff, pa = q.node.staff_count, q.node.party_affairs_staff
    if not staff then return "未填写在编人数，无法核对专职党务干部配备" end
    local ratio, least = q.settings.staff_ratio or 1, q.settings.staff_min or 2
    local need = math.max(least, math.ceil(staff * ratio / 100 - 1e-9))
    if (pa or 0) < need then
      return ("专职党务干部 %d 名，按在编人数 %d 人应不少于 %d 名"):format(pa or 0, staff, need)
    end
  end,
}

-- 003 二、一：严禁安排非党干部从事党务工作。名册只能登记党员，登记的专职党务干部少于组织信息中
-- 的配备人数，说明有未登记或非党员在岗。
indicator "party_staff_members" {
  name = "专职党务干部均为党员", scope = "department", period = "year", weight = 5,
  description = "党务干部名册中登记的专职党务干部（党员）人数少于组织信息中的专职党务干部人数的，记 1 条问题",
  check = function(q)
    local pa = q.node.party_affairs_staff or 0
    local listed = q:count_distinct("party_staff", "member", { kind = "专职" })
    if listed < pa then
      return ("专职党务干部 %d 名，名册中登记的党员只有 %d 名；严禁安排非党干部从事党务工作"):format(pa, listed)
    end
  end,
}

-- 000 §16：每个部门单位至少申报 1 个书记抓基层党建工作突破项目。
indicator "breakthrough" {
  name = "书记抓基层党建突破项目", scope = "department", period = "year", weight = 5,
  description = "本年没有申报突破项目的，记 1 条问题",
  check = function(q)
    if q:count("breakthrough") == 0 then return "本年度未申报书记抓基层党建突破项目" end
  end,
}

-- 004（二）2（3）述后整改；考核扣分用。
indicator "rectify_overdue" {
  name = "整改事项逾期未完成", unit = "项", period = "year", scope = "department",
  target = 0, direction = "lower", rollup = "sum", weight = 0,
  description = "整改期限已过、尚未完成的整改事项数",
  compute = function(q) return q:rectifications({ overdue = true }) end,
}
