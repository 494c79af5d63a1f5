form "report" {
  title = "年度党建工作总结", scope = "department", period = "year",
  fields = {
    { id = "summary", type = "textarea", label = "工作总结", required = true, min_length = 10 },
    -- A default function: a new draft starts from once a quarter.
    { id = "meetings", type = "integer", label = "党组会议研究党建次数", min = 0, default = function() return 4 end },
    { id = "per_quarter", type = "number", label = "季均次数",
      compute = function(f) if f.meetings then return f.meetings / 4 end end },
    { id = "items", type = "table", label = "突破项目", max_rows = 5, columns = {
        { id = "name", type = "text", label = "项目名称", required = true },
        { id = "level", type = "select", label = "完成情况", options = { "已完成", "推进中", "未启动" } },
    } },
  },
}
