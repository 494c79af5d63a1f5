-- 三会一课及主题党日记录：每开一次会填一份，按月报送。
-- 003 二、三：党小组会、支委会每月至少 1 次；支部党员大会、党课每季度至少 1 次；
-- 003 二、二：每季度至少 1 次主题交流研讨；001（十三）：主题党日。
local kinds = { "支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "交流研讨" }
local lecturer_roles = { "党员领导干部", "支部书记", "其他党员", "外请人员" }

form "meeting" {
  title = "三会一课记录",
  description = "支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会和交流研讨的会议记录",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  approval = { "部门" },
  summary = { "kind", "date", "topic" },  -- what tells one meeting from another in lists
  -- 统计图表 counts these month by month: the “三会” (党员大会、支委会、党小组会) and “一课” (党课),
  -- and 主题党日 on its own line (003 二、三；001（十三）).
  trends = {
    { label = "三会一课", field = "kind", values = { "支部党员大会", "支部委员会", "党小组会", "党课" } },
    { label = "主题党日", field = "kind", values = { "主题党日" } },
  },
  -- A page of the paper 会议记录 book: the count key is not printed; 主持人 and 记录人 sign.
  print = { title = "会议记录", omit = { "group_month" }, signatures = { "主持人", "记录人" } },
  sections = {
    { id = "lecture", title = "党课", visible_if = function(f) return f.kind == "党课" end },
  },
  fields = {
    { id = "kind", type = "select", label = "会议类型", options = kinds, required = true },
    -- The 党小组 by its org code, so each group's meetings are counted for that group.
    { id = "group", type = "org", label = "党小组", help = "本支部下设的党小组（组织代码）",
      visible_if = function(f) return f.kind == "党小组会" end, required = "党小组会须选择党小组" },
    { id = "group_month", type = "text", label = "党小组会月份标识",
      help = "党小组/月份，由系统生成，用于统计每个党小组每月开会情况",
      compute = function(f)
        if f.kind == "党小组会" and f.group and f.date then return f.group .. "/" .. f.date:sub(1, 7) end
      end },
    { id = "date", type = "date", label = "召开日期", required = true, within_period = true },
    { id = "topic", type = "text", label = "会议主题", required = true, max_length = 60 },
    { id = "place", type = "text", label = "地点", max_length = 40 },
    -- Who came is picked from the branch's roster on the meeting day; 应到, 实到 and 缺席 follow
    -- from it (the host fills 应到 and 缺席: roster_count, roster_absent).
    { id = "host", type = "member", label = "主持人", roster = "date", required = "请从党员名册中选择主持人" },
    { id = "recorder", type = "member", label = "记录人", roster = "date", required = "请从党员名册中选择记录人" },
    { id = "attendees", type = "members", label = "参会人员", roster = "date",
      required = "请从党员名册中勾选参会人员", help = "本组织开会当日党员名册中的党员；未勾选的即为缺席" },
    { id = "expected", type = "integer", label = "应到人数", roster_count = "attendees",
      help = "开会当日本组织党员名册人数，自动计算" },
    { id = "attended", type = "integer", label = "实到人数",
      compute = function(f) if f.attendees then return #f.attendees end end },
    { id = "rate", type = "number", label = "到会率（%）",
      compute = function(f)
        if f.expected and f.attended and f.expected > 0 then
          return math.floor(f.attended * 1000 / f.expected + 0.5) / 10
        end
      end },
    { id = "absentees", type = "members", label = "缺席人员", roster_absent = "attendees" },
    { id = "absent_reason", type = "textarea", label = "缺席原因", max_length = 500,
      visible_if = function(f) return f.absentees ~= nil and #f.absentees > 0 end,
      required = "有缺席人员时须写明缺席原因" },
    { id = "lecturer_role", type = "select", label = "授课人身份", section = "lecture", options = lecturer_roles,
      required = "党课须选择授课人身份" },
    { id = "leader", type = "member", label = "授课领导干部", section = "lecture", filter = { flag = "领导干部" },
      visible_if = function(f) return f.lecturer_role == "党员领导干部" end,
      required = "请选择讲党课的党员领导干部",
      help = "党员名册中标记为「领导干部」的党员；用于统计党员领导干部每年讲党课情况" },
    { id = "lecturer", type = "member", label = "授课人", section = "lecture",
      visible_if = function(f) return f.lecturer_role == "支部书记" or f.lecturer_role == "其他党员" end,
      required = "党课须填写授课人" },
    { id = "guest", type = "text", label = "外请授课人", section = "lecture", max_length = 40,
      visible_if = function(f) return f.lecturer_role == "外请人员" end,
      required = "请填写外请授课人的姓名和单位" },
    { id = "content", type = "textarea", label = "主要内容", required = true, min_length = 10, max_length = 3000 },
    { id = "photos", type = "attachment", label = "现场照片", multiple = true, max_items = 9,
      accept = { ".jpg", ".jpeg", ".png" }, max_bytes = 5 * 1024 * 1024, help = "会议现场照片作为留痕材料，可上传多张" },
    -- Records filed before 0.3.0 carry one photo here; it stays readable and editable.
    { id = "photo", type = "attachment", label = "现场照片（旧版单张）", accept = { ".jpg", ".jpeg", ".png" },
      max_bytes = 5 * 1024 * 1024, visible_if = function(f) return f.photo ~= nil end },
  },
  check = function(f)
    if f.attended and f.expected and f.attended > f.expected then
      return { field = "attended", message = "实到人数不能多于应到人数" }
    end
  end,
}
