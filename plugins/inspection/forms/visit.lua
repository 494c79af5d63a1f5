-- “四不两直”督查记录（000 §17）：工委督查组到部门单位的一次督查，每次一份，由工委填报。
-- 发现的问题逐条列出；报送时每条问题由主机登记为被督查单位的整改事项（来源“督查检查”，
-- 见 rectifications），本插件的规则核对是否都已登记（另行登记的也算）。
local ways = { "不发通知", "不打招呼", "不听汇报", "不用陪同和接待", "直奔单位", "直插现场" }
local items = {
  "督任务", "督进度", "督成效", "查认识", "查责任", "查作风",
  "“三会一课”纪实", "巡视巡察反馈问题整改", "党建重点任务落实", "党建阵地", "党费收缴", "党员教育管理",
}

form "visit" {
  title = "“四不两直”督查记录",
  description = "工委督查组不发通知、不打招呼、不听汇报、不用陪同和接待，直奔单位、直插现场的督查",
  -- By year: visits are unannounced and irregular, a monthly period would show every month
  -- without a visit as overdue (HOST-GAPS 16).
  scope = "department", period = "year", many = true, deadline_days = 31,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "admin" },
  fields = {
    { id = "date", type = "date", label = "督查日期", required = true, within_period = true },
    { id = "unannounced", type = "bool", label = "事先未通知被督查单位", required = true },
    { id = "ways", type = "multiselect", label = "“四不两直”落实情况", options = ways, required = true,
      help = "勾选本次督查做到的各项；六项全部做到才算“四不两直”督查" },
    { id = "inspectors", type = "text", label = "督查组成员", required = true, max_length = 100 },
    { id = "items", type = "multiselect", label = "督查事项", options = items, required = true },
    { id = "findings", type = "table", label = "发现的问题", max_rows = 50,
      help = "报送后每条问题自动登记为本单位的整改事项（来源：督查检查）",
      columns = {
        { id = "problem", type = "text", label = "问题", required = true, max_length = 200 },
        { id = "requirement", type = "text", label = "整改要求", max_length = 200 },
        { id = "deadline", type = "date", label = "整改期限", required = true },
      } },
    { id = "finding_count", type = "integer", label = "发现问题条数",
      compute = function(f) return f.findings and #f.findings or 0 end },
    { id = "full", type = "bool", label = "“四不两直”",
      compute = function(f)
        local n = 0
        for _ in ipairs(f.ways or {}) do n = n + 1 end
        return f.unannounced == true and n == #ways
      end },
    { id = "summary", type = "textarea", label = "督查情况", required = true, min_length = 10, max_length = 3000 },
  },
  -- 000 §17：督查发现的问题逐条整改。每条问题成为一个整改事项，期限为所填的整改期限。
  rectifications = function(f)
    local out = {}
    for _, row in ipairs(f.findings or {}) do
      out[#out + 1] = { title = row.problem, deadline = row.deadline, source = "inspection",
                        detail = row.requirement or "“四不两直”督查发现的问题" }
    end
    return out
  end,
  check = function(f)
    if f.unannounced == false then
      return { field = "unannounced", message = "“四不两直”督查不发通知、不打招呼，事先通知的不是“四不两直”督查" }
    end
  end,
}
