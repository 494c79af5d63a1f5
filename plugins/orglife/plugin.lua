-- 组织生活：三会一课、主题党日、中心组学习、民主评议党员、党费收缴。
-- 依据：
--   003《在县直机关党建工作会议上的讲话》二、三：每月至少召开 1 次党小组会和支委会，每季度至少
--   召开 1 次支部党员大会、讲 1 次党课，党员领导干部每年讲党课不少于 1 次；二、二：每月至少组织
--   1 次中心组理论学习，每季度至少确定 1 个主题开展 1 次交流研讨；二、三：主题党日、民主评议党员、
--   按月缴纳党费。
--   001（十三）：严格落实“三会一课”、主题党日活动、党员政治生日等制度。
--   谈心谈话：001（十一）、002 一、2、003 二、二、二、三；思想状况分析研判：001（八）；
--   党员集中学习：003 二、二；党员领导干部领学带学督学：002 一、2。
--   000 §12：组织生活规范化建设（三会一课、主题党日、组织生活会、民主评议党员）。
--   《中国共产党支部工作条例（试行）》第九条、第十九条。
return {
  id = "orglife",
  name = "组织生活",
  version = "0.3.0",
  api = 1,
  description = "三会一课、主题党日、中心组学习、民主评议党员记录与党费收缴台账",
  settings = {
    min_attendance = { type = "number", label = "党员大会最低到会率（%）", default = 80, min = 0, max = 100 },
    dues_day = { type = "integer", label = "每月党费收缴截止日", default = 25, min = 1, max = 28,
      help = "当月到这一天仍未登记党费收缴台账的，提醒支部" },
    remind_day = { type = "integer", label = "会议提醒日（每月几日起）", default = 20, min = 1, max = 28,
      help = "当月到这一天仍未召开支委会、党小组会、主题党日或中心组学习的，发出提醒" },
    probation_notice_days = { type = "integer", label = "预备期满提前提醒天数", default = 30, min = 0, max = 365,
      help = "预备党员的预备期（一年）满前这么多天起，提醒支部讨论其转正" },
    lectures_per_leader = { type = "integer", label = "党员领导干部每年讲党课次数", default = 1, min = 1, max = 12 },
    leader_lecture_target = { type = "number", label = "党员领导干部讲党课覆盖率目标（%）", default = 100, min = 0, max = 100 },
    study_target = { type = "number", label = "中心组理论学习按月开展率目标（%）", default = 100, min = 0, max = 100 },
    dues_target = { type = "number", label = "党费收缴率目标（%）", default = 100, min = 0, max = 100 },
    -- 谈心谈话、党员集中学习、领学带学督学（issue 15）
    talks_per_member = { type = "integer", label = "每名党员每年被谈心谈话次数", default = 1, min = 1, max = 12,
      help = "计划只要求“常态化”“定期”开展谈心谈话，没有规定次数" },
    talk_target = { type = "number", label = "谈心谈话覆盖率目标（%）", default = 100, min = 0, max = 100 },
    talk_remind_month = { type = "integer", label = "谈心谈话提醒起始月份", default = 10, min = 1, max = 12,
      help = "从这个月起，提醒尚无谈心谈话记录的党员" },
    lead_study_per_year = { type = "integer", label = "党员领导干部每年领学带学督学次数", default = 1, min = 1, max = 12,
      help = "002 一、2：全年不少于 1 次" },
    lead_study_target = { type = "number", label = "领学带学督学覆盖率目标（%）", default = 100, min = 0, max = 100 },
    lead_study_remind_month = { type = "integer", label = "领学带学督学提醒起始月份", default = 10, min = 1, max = 12 },
  },
  member_flags = {
    { name = "领导干部", help = "党员领导干部：每年讲党课、参加双重组织生活" },
    { name = "流动党员", help = "外出流动、参加组织生活需另行安排的党员" },
  },
  forms = { "forms/meeting.lua", "forms/dues.lua", "forms/study.lua", "forms/appraisal.lua",
    "forms/talk.lua", "forms/ideology.lua", "forms/group_study.lua", "forms/lead_study.lua" },
  -- rules/*.lua: each rule's indicators and reminders together (issue 15's missing rules)
  indicators = { "indicators.lua", "rules/talk.lua", "rules/ideology.lua", "rules/learning.lua" },
  reminders = { "reminders.lua" },
}
