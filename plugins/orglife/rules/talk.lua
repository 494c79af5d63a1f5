-- 谈心谈话的指标和提醒（001（十一）、002 一、2、003 二、二、二、三）。计划只说“常态化”“定期”，
-- 次数是本插件的取值：每名党员每年至少被谈 1 次（设置 talks_per_member），见 docs/plugins/orglife.md。
local util = require("dj.util")

indicator "talk_coverage" {
  name = "谈心谈话党员覆盖率", unit = "%", period = "year", scope = "department",
  target = "talk_target", rollup = "avg", weight = 5,
  description = "本年被谈心谈话达到规定次数的党员人数 ÷ 党员人数 × 100",
  compute = function(q)
    local per = q.settings.talks_per_member or 1
    return util.percent(q:count_distinct("talk", "talkee", nil, per), q:count_members())
  end,
}

-- 002 一、2：党员领导干部深入所在党支部和基层联系点开展谈心谈话。
indicator "leader_talks" {
  name = "党员领导干部开展谈心谈话覆盖率", unit = "%", period = "year", scope = "department",
  target = "talk_target", rollup = "avg", weight = 5,
  description = "本年作为谈话人开展过谈心谈话的「领导干部」人数 ÷ 标记为「领导干部」的党员人数 × 100",
  compute = function(q)
    return util.percent(q:count_distinct("talk", "talker", { talker_role = "党员领导干部" }),
      q:count_members({ flag = "领导干部" }))
  end,
}

-- 提醒只看得到当月（HOST-GAPS 5），所以从提醒月份起，按“谈心谈话记录中从未出现过的党员”提醒。
reminder "talk_pending" {
  name = "谈心谈话提醒", scope = "branch",
  check = function(q)
    if (q.month or 0) < (q.settings.talk_remind_month or 10) then return nil end
    local n = q:count_members({ not_in_form = { "talk", "talkee" } })
    if n == 0 then return nil end
    return { text = ("%s有 %d 名党员尚无谈心谈话记录，请在年底前谈心谈话"):format(q.node.name, n),
      level = "warning", due = ("%04d-12-31"):format(q.year) }
  end,
}
