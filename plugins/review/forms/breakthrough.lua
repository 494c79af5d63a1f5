-- 书记抓基层党建突破项目（000 §16）：每个部门单位至少申报 1 个，并组织实施，取得明显实效。
form "breakthrough" {
  title = "书记抓基层党建突破项目",
  description = "部门党组（党委）书记抓基层党建工作突破项目的申报和实施",
  scope = "department", period = "year", many = true, deadline_days = 31,
  approval = { "机关工委" },
  fields = {
    { id = "name", type = "text", label = "项目名称", required = true, max_length = 60 },
    { id = "goal", type = "textarea", label = "目标任务", required = true, min_length = 10, max_length = 2000 },
    { id = "measures", type = "textarea", label = "主要措施", required = true, min_length = 10, max_length = 2000 },
    { id = "status", type = "select", label = "实施进度", required = true, options = { "已申报", "实施中", "已完成" } },
    { id = "result", type = "textarea", label = "取得的实效", max_length = 2000,
      visible_if = function(f) return f.status == "已完成" end, required = "已完成的项目须写明取得的实效" },
  },
}
