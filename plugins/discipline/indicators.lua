-- 纪律建设的指标和合规规则。每个指标的来源见 docs/plugins/discipline.md。
local period = require("dj.period")
local util = require("dj.util")
local branch = require("dj.branch")

local OPEN = { "待处置", "谈话函询", "初步核实", "立案审查调查" }

-- 000 §9：以案为鉴、以案示警，分领域分行业开展警示教育。计划未定频次，按每季度至少 1 次。
indicator "warning_edu_quarters" {
  name = "警示教育按季度开展率", unit = "%", period = "year", scope = "department",
  target = "warning_edu_target", rollup = "avg", weight = 10,
  description = "开展过警示教育的季度数 ÷ 季度数 × 100",
  compute = function(q)
    return util.percent(q:periods_with("warning_edu", "quarter"), period.quarters(q))
  end,
}

-- 000 §9：把学习《中国共产党纪律处分条例》纳入党组（党委）理论学习中心组学习内容。
-- 读组织生活插件的中心组学习记录（orglife.study）中勾选了该条例的次数。
indicator "regulation_study" {
  name = "中心组学习《纪律处分条例》", scope = "department", period = "year", weight = 5,
  description = "本年中心组学习记录中勾选《中国共产党纪律处分条例》的次数少于设置次数的，记 1 条问题",
  check = function(q)
    local need = q.settings.regulation_study_per_year or 1
    local n = q:count("orglife.study", { subjects = "《中国共产党纪律处分条例》" })
    if n < need then
      return ("本年度中心组学习《中国共产党纪律处分条例》%d 次，应不少于 %d 次"):format(n, need)
    end
  end,
}

-- 000 §9：加强问题线索管理，加大审查调查力度。
indicator "leads_on_time" {
  name = "问题线索按期办结率", unit = "%", period = "year", scope = "department",
  target = "lead_close_target", rollup = "avg", weight = 10,
  description = "按期办结（办结日期不晚于办理时限）的线索数 ÷（已到办理时限的线索数 + 未到时限但已按期办结的线索数）× 100；没有线索的不计",
  compute = function(q)
    local on_time = q:count("lead", { closed_on_time = true })
    local due = q:count("lead", { deadline = { "<=", q.date } })
      + q:count("lead", { deadline = { ">", q.date }, closed_on_time = true })
    return util.percent(on_time, due)
  end,
}

indicator "leads_overdue" {
  name = "问题线索超期未办结", scope = "department", period = "year", weight = 5,
  description = "办理时限已过、仍处于待处置、谈话函询、初步核实或立案审查调查状态的线索",
  check = function(q)
    local n = q:count("lead", { status = OPEN, deadline = { "<", q.date } })
    if n > 0 then return ("有 %d 条问题线索超过办理时限仍未办结"):format(n) end
  end,
}

-- 一票否决用：本年按第四种形态处置（严重违纪涉嫌违法立案审查）的线索数。
indicator "serious_cases" {
  name = "严重违纪违法案件数", unit = "件", period = "year", scope = "department",
  target = 0, direction = "lower", rollup = "sum",
  description = "本年办结、按第四种形态处置的问题线索数；设置“严重违纪违法案件实行一票否决”关闭时为 0",
  compute = function(q)
    if q.settings.veto_serious_case == false then return 0 end
    return q:count("lead", { form4 = "第四种形态" })
  end,
}

-- 000 §10：建立健全党员干部廉政档案。
indicator "integrity_coverage" {
  name = "党员干部廉政档案建档率", unit = "%", period = "year", scope = "department",
  target = "integrity_file_target", rollup = "avg", weight = 10,
  description = "已建档人数 ÷ 应建档党员干部人数 × 100；未报建档情况的不计",
  compute = function(q)
    return util.percent(q:sum("integrity_file", "filed"), q:sum("integrity_file", "cadres"))
  end,
}

-- 000 §10、001（十八）：完善廉政风险防控机制。
indicator "risk_points" {
  name = "廉政风险点排查", scope = "department", period = "year", weight = 5,
  description = "本年没有登记任何廉政风险点及防控措施的，记 1 条问题",
  check = function(q)
    if q:count("risk_point") == 0 then return "本年度未排查登记廉政风险点及防控措施" end
  end,
}

-- 000 §8、001（十五）、002 五、2：四风问题自查自纠。
indicator "four_winds_check" {
  name = "“四风”问题自查", scope = "department", period = "year", weight = 5,
  description = "本年没有“四风”问题自查记录的，记 1 条问题",
  check = function(q)
    if q:count("four_winds") == 0 then return "本年度未开展“四风”问题自查" end
  end,
}

indicator "four_winds_rectified" {
  name = "“四风”问题整改率", unit = "%", period = "year", scope = "department",
  target = "rectify_target", rollup = "avg", weight = 10,
  description = "已整改的问题数 ÷ 自查发现的问题数 × 100；未发现问题的不计",
  compute = function(q)
    return util.percent(q:count("four_winds", { found = true, status = "已整改" }),
      q:count("four_winds", { found = true }))
  end,
}

-- 004（三）2（1）：每年年初形成主体责任清单和监督责任清单，建立工作台账。
indicator "duty_lists" {
  name = "“两个责任”清单", scope = "department", period = "year", weight = 10,
  description = "主体责任清单、监督责任清单各至少一项；缺一个记 1 条问题",
  check = function(q)
    local out = {}
    for _, list in ipairs({ "主体责任清单", "监督责任清单" }) do
      if q:count("duty_list", { list = list }) == 0 then out[#out + 1] = "本年度未建立" .. list end
    end
    if #out > 0 then return out end
  end,
}

-- 004（三）2（2）（3）：实行履责纪实，对责任落实不到位的严肃追责。
indicator "duty_overdue" {
  name = "“两个责任”逾期未完成", scope = "department", period = "year", weight = 5,
  description = "完成时限已过、落实情况仍为未开始或推进中的责任项",
  check = function(q)
    local n = q:count("duty_list", { status = { "未开始", "推进中" }, deadline = { "<", q.date } })
    if n > 0 then return ("有 %d 项“两个责任”清单事项超过完成时限仍未完成"):format(n) end
  end,
}

-- 002 五、3：凡设立机关党委的，要按照规定设立机关纪委；机关党总支（支部）中设立纪律检查委员。
-- 机关党委和党总支按部门查（q:nodes），党支部按支部查（要看支部是否设支部委员会）。
indicator "structure" {
  name = "机关纪委、总支纪检委员设置", scope = "department", period = "year", weight = 10,
  description = "部门内未设机关纪委的机关党委、未设纪律检查委员的党总支，每个记 1 条问题",
  check = function(q)
    local out = {}
    for _, n in ipairs(q:nodes({ type = "organ_committee", has_discipline_committee = false })) do
      out[#out + 1] = n.name .. "设有机关党委，但未设立机关纪委"
    end
    for _, n in ipairs(q:nodes({ type = "general_branch", has_discipline_member = false })) do
      out[#out + 1] = n.name .. "未设纪律检查委员"
    end
    if #out > 0 then return out end
  end,
}

-- 不设支部委员会的党支部（正式党员不足 7 人，支部工作条例第九条）不设纪检委员，不计。
indicator "branch_structure" {
  name = "党支部纪检委员设置", scope = "branch", period = "year", weight = 5,
  description = "设有支部委员会（正式党员 7 人以上）而未设纪律检查委员的党支部，记 1 条问题",
  check = function(q)
    local n = q.node
    if not n.has_discipline_member and branch.has_committee(q) then
      return n.name .. "设有支部委员会，但未设纪律检查委员"
    end
  end,
}
