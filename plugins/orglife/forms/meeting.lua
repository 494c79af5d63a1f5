-- 三会一课及主题党日记录：每开一次会填一份，按月报送。
local kinds = { "支部党员大会", "支部委员会", "党小组会", "党课", "主题党日" }

form "meeting" {
  title = "三会一课记录",
  description = "支部党员大会、支部委员会、党小组会、党课及主题党日活动的会议记录",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  approval = { "部门" },
  sections = {
    { id = "lecture", title = "党课", visible_if = function(f) return f.kind == "党课" end },
  },
  fields = {
    { id = "kind", type = "select", label = "会议类型", options = kinds, required = true },
    { id = "date", type = "date", label = "召开日期", required = true, within_period = true },
    { id = "topic", type = "text", label = "会议主题", required = true, max_length = 60 },
    { id = "place", type = "text", label = "地点", max_length = 40 },
    { id = "expected", type = "integer", label = "应到人数", required = true, min = 1 },
    { id = "attended", type = "integer", label = "实到人数", required = true, min = 0 },
    { id = "rate", type = "number", label = "到会率（%）",
      compute = function(f)
        if f.expected and f.attended and f.expected > 0 then
          return math.floor(f.attended * 1000 / f.expected + 0.5) / 10
        end
      end },
    { id = "absent_reason", type = "textarea", label = "缺席人员及原因", max_length = 500,
      visible_if = function(f) return f.expected and f.attended and f.attended < f.expected end,
      required = "有缺席人员时须写明缺席人员及原因" },
    { id = "lecturer", type = "member", label = "授课人", section = "lecture", required = "党课须填写授课人" },
    { id = "content", type = "textarea", label = "主要内容", required = true, min_length = 10, max_length = 3000 },
    { id = "photo", type = "attachment", label = "现场照片", accept = { ".jpg", ".jpeg", ".png" },
      max_bytes = 5 * 1024 * 1024, help = "会议现场照片作为留痕材料" },
  },
  check = function(f)
    if f.attended and f.expected and f.attended > f.expected then
      return { field = "attended", message = "实到人数不能多于应到人数" }
    end
  end,
}
