-- 机关纪委年度监督立项计划：001（二十一）“制订机关纪委年度监督立项计划，深化拓展监督方式，紧盯
-- 关键人、关键事、关键处、关键时开展专项监督”。每个设有机关纪委的部门每年一份。
form "supervision_plan" {
  title = "机关纪委年度监督立项计划",
  description = "机关纪委本年度的监督立项：监督事项、重点、方式、责任人和完成时限",
  scope = "department", period = "year", deadline_days = 31,
  approval = { "机关工委" },
  fields = {
    { id = "date", type = "date", label = "计划制订日期", required = true, within_period = true },
    { id = "projects", type = "table", label = "监督立项", required = true, min_rows = 1, max_rows = 50,
      columns = {
        { id = "name", type = "text", label = "立项名称", required = true, max_length = 60 },
        { id = "focus", type = "select", label = "监督重点", required = true,
          options = { "关键人", "关键事", "关键处", "关键时" } },
        { id = "method", type = "select", label = "监督方式", required = true,
          options = { "专项监督", "日常监督", "嵌入式监督", "联合监督" } },
        { id = "owner", type = "text", label = "责任人", required = true, max_length = 20 },
        { id = "deadline", type = "date", label = "完成时限", required = true },
      } },
    { id = "project_count", type = "integer", label = "立项数",
      compute = function(f) return f.projects and #f.projects or 0 end },
    { id = "note", type = "textarea", label = "说明", max_length = 2000 },
  },
}
