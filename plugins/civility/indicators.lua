-- 精神文明创建的指标和合规规则。每个指标的来源见 docs/plugins/civility.md。
local period = require("dj.period")
local util = require("dj.util")
local volunteers = require("lib.volunteers")
local scoring = require("lib.scoring")

-- 004（五）1（3）、2（2）：文明单位测评体系、扣分淘汰办法。
indicator "civility_score" {
  name = "文明单位测评得分", unit = "分", period = "year", scope = "department",
  target = "pass_score", rollup = "avg", weight = 10,
  description = "自评总分 − 违法违纪扣分 − 随机抽查不合格扣分，最低 0 分；触发淘汰的记 0 分；未报自评表的不计",
  compute = function(q)
    if q:count("scorecard") == 0 then return nil end
    if #scoring.eliminations(q) > 0 then return 0 end
    local base = q:sum("scorecard", "total")
    return math.max(0, base - scoring.deductions(q))
  end,
}

indicator "elimination" {
  name = "文明单位淘汰情形", scope = "department", period = "year", weight = 0,
  description = "党政正职违法违纪被纪委查处（可在设置中改为扣分）、干部职工涉嫌犯罪被移送司法机关的，每种情形记 1 条",
  check = function(q)
    local out = scoring.eliminations(q)
    if #out > 0 then return out end
  end,
}

-- 004（五）1（3）：严格资格审查。
indicator "eligibility" {
  name = "文明单位资格审查", scope = "department", period = "year", weight = 0,
  description = "自评表资格审查三项中不符合的，每项记 1 条问题；未报自评表的不计",
  check = function(q)
    local out = {}
    local items = {
      { "created_plan", "未制定年度创建工作计划" },
      { "in_assessment", "文明创建未纳入机关党建工作考核" },
      { "no_major_incident", "本年度发生重大安全责任事故或群体性事件" },
    }
    for _, it in ipairs(items) do
      if q:count("scorecard", { [it[1]] = false }) > 0 then out[#out + 1] = "资格审查：" .. it[2] end
    end
    if #out > 0 then return out end
  end,
}

-- 004（五）2（2）：对在届文明单位开展年度复查。
indicator "reexam" {
  name = "在届文明单位年度复查", scope = "department", period = "year", weight = 5,
  description = "设置为在届文明单位、本年没有复查记录的记 1 条问题；复查结论为撤销称号的记 1 条问题",
  check = function(q)
    local title = q.settings.civilized_unit
    local out = {}
    if title and title ~= "否" and q:count("reexam") == 0 then
      out[#out + 1] = ("在届%s本年度未开展年度复查"):format(title)
    end
    if q:count("reexam", { result = "撤销称号" }) > 0 then out[#out + 1] = "年度复查结论为撤销文明单位称号" end
    if #out > 0 then return out end
  end,
}

-- 004（五）2（1）：道德模范和身边好人推荐评选。
indicator "nominations" {
  name = "道德模范、身边好人推荐人数", unit = "人", period = "year", scope = "department",
  target = "nominations_per_year", rollup = "sum", weight = 5,
  description = "本年推荐道德模范、身边好人的人数",
  compute = function(q) return q:count("nomination") end,
}

-- 003 二、四：每名机关党员每月至少参加 1 次社区党组织开展的集中志愿服务活动。
indicator "volunteer_month" {
  name = "社区志愿服务达标率（月）", unit = "%", period = "month", scope = "department",
  target = "volunteer_target", rollup = "avg", weight = 0,
  description = "当月在报到社区参加过志愿服务的党员人数 ÷ 应参加的党员人数 × 100",
  compute = function(q)
    return util.percent(q:count_distinct("volunteer", "member", { in_registered = true }), volunteers.volunteers(q))
  end,
}

indicator "volunteer_year" {
  name = "社区志愿服务达标率（年）", unit = "%", period = "year", scope = "department",
  target = "volunteer_target", rollup = "avg", weight = 10,
  description = "在报到社区参加过志愿服务的“人·月”数 ÷（应参加的党员人数 × 月数）× 100",
  compute = function(q)
    return util.percent(q:count_distinct("volunteer", "member_month"), volunteers.volunteers(q) * period.months(q))
  end,
}

-- 003 二、四：组织机关党员到居住地或单位所在地社区报到。
indicator "community_registration" {
  name = "在职党员到社区报到", scope = "branch", period = "year", weight = 5,
  description = "应参加社区志愿服务、但从未登记到社区报到的党员人数大于 0 时记 1 条问题",
  check = function(q)
    local n = q:count_members(volunteers.volunteer_filter(q, { not_in_form = { "civility.community_reg", "member" } }))
    if n > 0 then return ("有 %d 名党员尚未到社区报到"):format(n) end
  end,
}

-- 004（五）2（1）、002 四、2：结对共建。计划未定频次，按每季度至少 1 次。
indicator "pairing_quarters" {
  name = "结对共建按季度开展率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "开展过结对共建活动的季度数 ÷ 季度数 × 100",
  compute = function(q) return util.percent(q:periods_with("pairing", "quarter"), period.quarters(q)) end,
}

-- 004（五）2（3）：建立信息报送制度。计划未定频次，按每月至少 1 条。
indicator "info_months" {
  name = "信息报送按月报送率", unit = "%", period = "year", scope = "department",
  target = "info_target", rollup = "avg", weight = 5,
  description = "报送过信息的月数 ÷ 月数 × 100",
  compute = function(q) return util.percent(q:periods_with("info_report", "month"), period.months(q)) end,
}
