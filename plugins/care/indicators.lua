-- 关爱帮扶的指标和合规规则。每个指标的来源见 docs/plugins/care.md。
local period = require("dj.period")
local util = require("dj.util")
local members = require("lib.members")

-- 000 §19：为生活困难党员提供多种形式的帮助（走访慰问）。
indicator "visit_coverage" {
  name = "困难党员走访慰问覆盖率", unit = "%", period = "year", scope = "department",
  target = "visit_target", rollup = "avg", weight = 10,
  description = "本年走访慰问过的、登记在困难党员信息库中的党员人数 ÷ 信息库中登记的党员人数 × 100；信息库为空的不计",
  compute = function(q)
    -- Only a visit to a member on this year's register counts: visiting someone else does
    -- not cover a registered member (issue 15 item 3).
    local registered = { in_form = { "difficulty", "member" } }
    return util.percent(q:count_distinct("visit", "member", { target = "困难党员", member = registered }),
      q:count_distinct("difficulty", "member"))
  end,
}

-- 000 §19：重点加强因公殉职、牺牲党员的家庭的关怀帮扶。
indicator "family_visits" {
  name = "因公殉职、牺牲党员家庭走访", scope = "department", period = "year", weight = 5,
  description = "信息库中登记的因公殉职、牺牲党员家庭，本年未走访慰问的户数多于 0 时记 1 条问题",
  check = function(q)
    local need = q:count_distinct("difficulty", "fallen")
    local done = q:count_distinct("visit", "fallen")
    if done < need then
      return ("有 %d 户因公殉职、牺牲党员家庭本年度未走访慰问"):format(need - done)
    end
  end,
}

-- 000 §19：元旦、春节等重大节日、“七一”走访慰问。
indicator "holiday_visits" {
  name = "元旦、春节、七一走访慰问开展率", unit = "%", period = "year", scope = "department",
  target = 100, rollup = "avg", weight = 5,
  description = "元旦、春节、七一三个时机中开展了走访慰问的个数 ÷ 3 × 100；信息库为空的不计",
  compute = function(q)
    if q:count("difficulty") == 0 then return nil end
    local n = 0
    for _, o in ipairs({ "元旦", "春节", "七一" }) do
      if q:count("visit", { occasion = o }) > 0 then n = n + 1 end
    end
    return 100 * n / 3
  end,
}

-- 000 §19：按时足额发放老党员生活补贴。按月发放。
indicator "subsidy_on_time" {
  name = "老党员生活补贴按时足额发放率", unit = "%", period = "year", scope = "department",
  target = "subsidy_target", rollup = "avg", weight = 10,
  description = "当月足额发放的“人·月”数 ÷（补贴对象人数 × 月数）× 100；没有补贴对象的不计",
  compute = function(q)
    local eligible = members.subsidy_eligible(q)
    return util.percent(q:count_distinct("subsidy", "member_month", { full = true }), eligible * period.months(q))
  end,
}

-- 000 §19：党龄达到 50 年、一贯表现良好的党员，颁发“光荣在党50年”纪念章。
indicator "medal_pending" {
  name = "“光荣在党50年”纪念章应发未发", scope = "branch", period = "year", weight = 5,
  description = "到本年七月一日党龄（自转正之日起）满 50 年、尚无颁发或暂缓颁发记录的党员，每人记 1 条问题",
  check = function(q)
    local out = {}
    for _, m in ipairs(members.medal_pending(q, q.year)) do
      out[#out + 1] = ("党员%s（%s 转正）党龄已满 50 年，尚未颁发“光荣在党50年”纪念章"):format(m.name, m.full_date)
    end
    if #out > 0 then return out end
  end,
}

-- 000 §19、001（十三）：为党员过“政治生日”。
indicator "birthday_coverage" {
  name = "党员政治生日活动覆盖率", unit = "%", period = "year", scope = "department",
  target = 100, rollup = "avg", weight = 5,
  description = "本年参加过政治生日活动的党员人数 ÷ 本年之前入党的党员人数 × 100",
  compute = function(q)
    return util.percent(q:count_distinct("birthday", "members"), q:count_members({ joined_before = q.from }))
  end,
}

-- 003 二、四：“七个一”活动。
indicator "seven_ones_score" {
  name = "“七个一”活动完成率", unit = "%", period = "year", scope = "branch",
  target = 100, rollup = "avg", weight = 5,
  description = "“七个一”中已开展的项数 ÷ 7 × 100；未报的记 0",
  compute = function(q)
    local c = q:checklist("seven_ones")
    if c.submitted == 0 then return 0 end
    return 100 * c.average / 7
  end,
}

-- 003 二、四：每名机关党员每月至少到联系帮扶户家中开展 2 次帮扶活动。
indicator "help_visit_month" {
  name = "联系帮扶走访达标率（月）", unit = "%", period = "month", scope = "department",
  target = "help_target", rollup = "avg", weight = 0,
  description = "当月走访联系帮扶户达到规定次数的党员人数 ÷ 应承担联系帮扶的党员人数 × 100",
  compute = function(q)
    local per = q.settings.help_visits_per_month or 2
    return util.percent(q:count_distinct("help_visit", "member", nil, per), members.helpers(q))
  end,
}

indicator "help_visit_year" {
  name = "联系帮扶走访达标率（年）", unit = "%", period = "year", scope = "department",
  target = "help_target", rollup = "avg", weight = 10,
  description = "走访次数达到规定次数的“人·月”数 ÷（应承担联系帮扶的党员人数 × 月数）× 100",
  compute = function(q)
    local per = q.settings.help_visits_per_month or 2
    return util.percent(q:count_distinct("help_visit", "member_month", nil, per), members.helpers(q) * period.months(q))
  end,
}

-- 003 二、四：每年至少为报到社区和联系帮扶户帮办 1 件以上实事。
indicator "shishi_coverage" {
  name = "帮办实事党员覆盖率", unit = "%", period = "year", scope = "department",
  target = "shishi_target", rollup = "avg", weight = 5,
  description = "本年帮办过实事的党员人数 ÷ 应承担联系帮扶的党员人数 × 100",
  compute = function(q)
    return util.percent(q:count_distinct("shishi", "member"), members.helpers(q))
  end,
}
