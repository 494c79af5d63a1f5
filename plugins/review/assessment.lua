-- 县直机关党建工作年度考核方案。
-- 000 §18–§20、004（一）2（3）：每个部门单位的党建工作按“好”“较好”“一般”“差”评价。
-- 计划只规定了四个等次，没有规定分数线和各项权重；以下分数线（90、80、60）和权重是本插件的
-- 取值，各领域权重是插件设置，工委可按部门调整（weight_*）。
-- issue 15 补充的规则（谈心谈话、思想状况分析研判、集中学习、领学带学督学、监督立项和向纪工委汇报、
-- 支部达标创优和评星定级、“四不两直”督查、行业系统党建权重、撤销先进称号）也计入本方案，见
-- docs/plugins/review.md“年度考核方案”。达标创优、评星定级和督查检查来自 stars、inspection 两个
-- 插件：某部门未启用的，这些项目既不计得分也不计满分（不设为依赖，县里可以不用它们）。
assessment "annual" {
  title = "县直机关党建工作年度考核",
  scope = "department",
  ratings = { { "好", 90 }, { "较好", 80 }, { "一般", 60 }, { "差", 0 } },
  veto_rating = "差",
  rating_points = { ["好"] = 1, ["较好"] = 0.85, ["一般"] = 0.7, ["差"] = 0.5 },
  rectify_ratings = { "一般", "差" },   -- 评为一般、差的，须制定整改方案
  areas = {
    { id = "orglife", label = "组织生活", weight = 25, weight_setting = "weight_orglife",
      items = {
        { indicator = "orglife.committee_months", weight = 10 },
        { indicator = "orglife.group_months", weight = 5 },
        { indicator = "orglife.general_quarters", weight = 10 },
        { indicator = "orglife.lecture_quarters", weight = 10 },
        { indicator = "orglife.theme_day_months", weight = 5 },
        { indicator = "orglife.discussion_quarters", weight = 5 },
        { indicator = "orglife.attendance", weight = 5 },
        { indicator = "orglife.leader_lectures", weight = 5 },
        { indicator = "orglife.study_months", weight = 10 },
        { indicator = "orglife.dues_months", weight = 5 },
        { indicator = "orglife.dues_paid", weight = 5 },
        { indicator = "orglife.appraisal_rule", weight = 5, scoring = "pass" },
        -- 001（十一）、002 一、2、003 二、二和二、三：谈心谈话
        { indicator = "orglife.talk_coverage", weight = 5 },
        { indicator = "orglife.leader_talks", weight = 5 },
        -- 001（八）：思想状况分析研判（党支部每季、机关党委每半年）
        { indicator = "orglife.ideology_quarters", weight = 5 },
        { indicator = "orglife.ideology_committee_rule", weight = 5, scoring = "pass" },
        -- 003 二、二：每月集中学习；002 一、2：党员领导干部领学带学督学
        { indicator = "orglife.group_study_months", weight = 5 },
        { indicator = "orglife.lead_study_coverage", weight = 5 },
      } },
    { id = "discipline", label = "纪律建设", weight = 15, weight_setting = "weight_discipline",
      items = {
        { indicator = "discipline.warning_edu_quarters", weight = 10 },
        { indicator = "discipline.regulation_study", weight = 5, scoring = "pass" },
        { indicator = "discipline.leads_on_time", weight = 10 },
        { indicator = "discipline.leads_overdue", weight = 5, scoring = "pass" },
        { indicator = "discipline.integrity_coverage", weight = 10 },
        { indicator = "discipline.risk_points", weight = 5, scoring = "pass" },
        { indicator = "discipline.four_winds_check", weight = 5, scoring = "pass" },
        { indicator = "discipline.four_winds_rectified", weight = 10 },
        { indicator = "discipline.duty_lists", weight = 10, scoring = "pass" },
        { indicator = "discipline.duty_overdue", weight = 5, scoring = "pass" },
        { indicator = "discipline.structure", weight = 5, scoring = "pass" },
        { indicator = "discipline.branch_structure", weight = 5, scoring = "pass" },
        -- 001（二十一）：机关纪委年度监督立项；002 五、3：定期向纪工委汇报
        { indicator = "discipline.supervision_plan_rule", weight = 5, scoring = "pass" },
        { indicator = "discipline.work_report_quarters", weight = 5 },
      } },
    { id = "venues", label = "阵地建设", weight = 10, weight_setting = "weight_venues",
      items = {
        { indicator = "venues.six_haves_met", weight = 10 },
        { indicator = "venues.venue_registered", weight = 5, scoring = "pass" },
        { indicator = "venues.activity_months", weight = 5 },
      } },
    { id = "care", label = "关爱帮扶", weight = 10, weight_setting = "weight_care",
      items = {
        { indicator = "care.visit_coverage", weight = 10 },
        { indicator = "care.family_visits", weight = 5, scoring = "pass" },
        { indicator = "care.holiday_visits", weight = 5 },
        { indicator = "care.subsidy_on_time", weight = 10 },
        { indicator = "care.medal_pending", weight = 5, scoring = "pass" },
        { indicator = "care.birthday_coverage", weight = 5 },
        { indicator = "care.seven_ones_score", weight = 5 },
        { indicator = "care.help_visit_year", weight = 10 },
        { indicator = "care.shishi_coverage", weight = 5 },
      } },
    { id = "civility", label = "精神文明创建", weight = 10, weight_setting = "weight_civility",
      items = {
        { indicator = "civility.civility_score", weight = 10 },
        { indicator = "civility.reexam", weight = 5, scoring = "pass" },
        { indicator = "civility.nominations", weight = 5 },
        { indicator = "civility.volunteer_year", weight = 10 },
        { indicator = "civility.community_registration", weight = 5, scoring = "pass" },
        { indicator = "civility.pairing_quarters", weight = 5 },
        { indicator = "civility.info_months", weight = 5 },
      } },
    { id = "report", label = "述职评议", weight = 15, weight_setting = "weight_report",
      items = {
        { evaluation = "review.dept_report", weight = 10 },
        { indicator = "review.branch_report_done", weight = 5 },
        { indicator = "review.member_report_coverage", weight = 5 },
      } },
    { id = "duty", label = "党组抓机关党建", weight = 15, weight_setting = "weight_duty",
      items = {
        { indicator = "review.dept_assessment_points", weight = 10 },
        { indicator = "review.party_staff_rule", weight = 5, scoring = "pass" },
        { indicator = "review.party_staff_members", weight = 5, scoring = "pass" },
        { indicator = "review.breakthrough", weight = 5, scoring = "pass" },
        -- 000 §17：“四不两直”督查发现的问题登记整改并整改到位（inspection 插件）
        { indicator = "inspection.findings_registered", weight = 5, scoring = "pass" },
        { indicator = "inspection.findings_rectified", weight = 5 },
      } },
    -- 000 §4、002 二、2–3：支部达标创优、党员评星定级（stars 插件）
    { id = "stars", label = "达标创优和评星定级", weight = 10, weight_setting = "weight_stars",
      items = {
        { indicator = "stars.standard_rate", weight = 10 },
        { indicator = "stars.failed_branch", weight = 5, scoring = "pass" },
        { indicator = "stars.member_rating_coverage", weight = 5 },
      } },
  },
  deductions = {
    { indicator = "review.rectify_overdue", label = "整改事项逾期未完成", points = 1, max = 5 },
    -- 000 §5：行业系统综合考核中党建工作权重低于三分之一的，每个方案扣 2 分
    { indicator = "review.sector_party_weight", label = "行业系统综合考核党建权重低于三分之一", points = 2, max = 4 },
    -- 000 §20：先进称号被撤销（摘牌）的，每项扣 3 分
    { indicator = "review.honour_withdrawn", label = "被撤销先进称号", points = 3, max = 6 },
  },
  vetoes = {
    { indicator = "discipline.serious_cases", label = "发生严重违纪违法案件（第四种形态）", above = 0 },
  },
}
