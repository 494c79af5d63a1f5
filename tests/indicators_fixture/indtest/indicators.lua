indicator "activities" {
  name = "活动次数", unit = "次", scope = "department", rollup = "sum", target = "activity_target",
  compute = function(q) return q:count("activity") end,
}
indicator "lectures" {
  name = "党课按季开展率", unit = "%", scope = "branch", rollup = "avg", target = 100,
  compute = function(q) return 100 * q:periods_with("activity", "quarter", { kind = "党课" }) / 4 end,
}
indicator "big_meetings" {
  name = "到会人数不少于5的会议", unit = "次", scope = "branch", rollup = "share", target = 1,
  compute = function(q) return q:count("indtest.activity", { attendees = { ">=", 5 } }) end,
}
indicator "attendance" {
  name = "参加人次", scope = "department", rollup = "sum",
  compute = function(q) return q:sum("activity", "attendees", { kind = { "党课", "党员大会" } }) end,
}
indicator "attendance_avg" {
  name = "平均参加人数", scope = "department",
  compute = function(q) return q:avg("activity", "attendees") end,
}
indicator "people" {
  name = "参加过活动的党员", scope = "department", rollup = "sum",
  compute = function(q) return q:count_distinct("activity", "people") end,
}
indicator "regulars" {
  name = "参加两次以上的党员", scope = "department", rollup = "sum",
  compute = function(q) return q:count_distinct("activity", "people", nil, 2) end,
}
indicator "formal" {
  name = "正式党员", scope = "department", rollup = "sum",
  compute = function(q) return q:count_members { status = "正式" } end,
}
indicator "fifty_years" {
  name = "党龄50年以上", scope = "department", rollup = "sum",
  compute = function(q) return q:count_members { min_party_years = 50 } end,
}
indicator "no_lecture_yet" {
  name = "未讲过党课的正式党员", scope = "department", rollup = "sum",
  compute = function(q) return q:count_members { status = "正式", not_in_form = { "activity", "lecturer" } } end,
}
indicator "branches_without_member" {
  name = "未设纪检委员的支部", scope = "department", rollup = "sum",
  compute = function(q) return q:count_nodes { type = "branch", has_discipline_member = false } end,
}
indicator "filed" {
  name = "活动记录报送月数", scope = "department", rollup = "sum",
  compute = function(q) return q:completeness("activity").submitted end,
}
indicator "venues_passed" {
  name = "三有达标支部", scope = "department", rollup = "sum", target = 1,
  compute = function(q) return q:checklist("three").passed end,
}
indicator "staffing" {
  name = "专职党务干部配备", scope = "department",
  check = function(q)
    local staff, pa = q.node.staff_count, q.node.party_affairs_staff or 0
    if not staff then return "未填写编制人数" end
    local need = math.max(2, math.ceil(staff / 100))
    if pa < need then return ("专职党务干部 %d 名，应不少于 %d 名"):format(pa, need) end
  end,
}
indicator "overdue_items" {
  name = "逾期整改事项", unit = "项", scope = "department", rollup = "sum", target = 0, direction = "lower",
  compute = function(q) return q:rectifications { overdue = true } end,
}
indicator "serious_cases" {
  name = "严重违纪案件", unit = "件", scope = "department", rollup = "sum", target = 0, direction = "lower",
  compute = function(q) return q:count("case", { serious = true }) end,
}
indicator "fragile" {
  name = "在乙局出错的指标", scope = "department",
  compute = function(q)
    if q.node.code == "D2" then error("乙局的数据无法计算") end
    return 1
  end,
}
indicator "monthly" {
  name = "本月活动", period = "month", scope = "branch", rollup = "sum",
  compute = function(q) return q:count("activity") end,
}
indicator "lectures_set" {
  name = "党课开展率（目标由设置决定）", unit = "%", scope = "branch", rollup = "avg", target = "lecture_target",
  compute = function(q) return 100 * q:periods_with("activity", "quarter", { kind = "党课" }) / 4 end,
}
