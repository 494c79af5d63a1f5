-- 机关党建阵地综合体（000 §14）：可单独建设，或整合多个部门单位资源建设党建阵地联盟综合体；
-- 集党组织办公、党建指导、党务服务、教育管理、机关文化、志愿服务、办公楼走廊和大厅及大院
-- 红色氛围营造等多个功能区于一体；达到“八个有”建设标准。建成后对照“八个有”逐项自评。
local areas = { "党组织办公", "党建指导", "党务服务", "教育管理", "机关文化", "志愿服务", "红色氛围营造" }
local eight = {
  { "political", "有鲜明的政治功能" },
  { "layout", "有覆盖全域的实体布局" },
  { "duties", "有明确的功能职责" },
  { "process", "有规范的工作流程" },
  { "activities", "有常态的活动开展" },
  { "participation", "有多方参与的工作模式" },
  { "mechanism", "有长效的管理机制" },
  { "support", "有基本的运行保障" },
}

local fields = {
  { id = "name", type = "text", label = "综合体名称", required = true, max_length = 60 },
  { id = "mode", type = "select", label = "建设方式", required = true, options = { "单独建设", "联盟共建" } },
  { id = "partners", type = "table", label = "联盟成员单位", max_rows = 30,
    visible_if = function(f) return f.mode == "联盟共建" end,
    required = "联盟共建的须列出成员单位",
    columns = {
      { id = "org", type = "org", label = "成员单位", required = true },
      { id = "role", type = "text", label = "承担内容", max_length = 60 },
    } },
  { id = "address", type = "text", label = "地址", required = true, max_length = 80 },
  { id = "area", type = "number", label = "建筑面积（平方米）", min = 0, max = 1000000 },
  { id = "areas", type = "multiselect", label = "功能区", options = areas, required = true, min_items = 2,
    help = "“集多个功能区于一体”：至少两个" },
  { id = "status", type = "select", label = "建设进度", required = true, options = { "规划设计", "在建", "已建成" } },
  { id = "completed", type = "date", label = "建成日期", within_period = true,
    visible_if = function(f) return f.status == "已建成" end, required = "已建成的须填写建成日期" },
}
for _, it in ipairs(eight) do
  local id, label = it[1], it[2]
  fields[#fields + 1] = { id = id, type = "bool", label = label, section = "eight", required = true }
  fields[#fields + 1] = { id = id .. "_evidence", type = "textarea", label = label .. "的依据", section = "eight",
    max_length = 500, visible_if = function(f) return f[id] == true end, required = "“" .. label .. "”须写明依据" }
end
fields[#fields + 1] = { id = "score", type = "integer", label = "“八个有”达标项数",
  compute = function(f)
    if f.status ~= "已建成" then return nil end
    local n = 0
    for _, it in ipairs(eight) do if f[it[1]] == true then n = n + 1 end end
    return n
  end }

form "complex" {
  title = "机关党建阵地综合体建设情况",
  description = "党建阵地综合体（单独建设或联盟共建）的功能区、建设进度和“八个有”达标情况；联盟综合体由牵头单位填报",
  scope = "department", period = "year", many = true, deadline_days = 31,
  approval = { "机关工委" },
  sections = {
    { id = "eight", title = "“八个有”建设标准", visible_if = function(f) return f.status == "已建成" end },
  },
  fields = fields,
}
