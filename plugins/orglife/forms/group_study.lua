-- 党员集中学习记录：003 二、二“坚持每月至少组织 1 次中心组理论学习和党员集中学习”。中心组学习见
-- forms/study.lua（部门填报）；党员集中学习由党组织组织全体党员参加，每次一份，按月报送。
form "group_study" {
  title = "党员集中学习记录",
  description = "党组织组织全体党员集中学习，每月至少 1 次",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "date", type = "date", label = "学习日期", required = true, within_period = true },
    { id = "topic", type = "text", label = "学习主题", required = true, max_length = 60 },
    { id = "presenter", type = "text", label = "领学人", required = true, max_length = 20 },
    { id = "expected", type = "integer", label = "应参加党员人数", required = true, min = 1 },
    { id = "attended", type = "integer", label = "实参加人数", required = true, min = 0 },
    { id = "absent_reason", type = "textarea", label = "缺席人员及原因", max_length = 500,
      visible_if = function(f) return f.expected and f.attended and f.attended < f.expected end,
      required = "有缺席人员时须写明缺席人员及原因" },
    { id = "content", type = "textarea", label = "学习内容摘要", required = true, min_length = 10, max_length = 3000 },
  },
  check = function(f)
    if f.attended and f.expected and f.attended > f.expected then
      return { field = "attended", message = "实参加人数不能多于应参加党员人数" }
    end
  end,
}
