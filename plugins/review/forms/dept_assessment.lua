-- 部门党建工作考核评价（004（一））：县直机关工委通过听取汇报、民主测评、个别谈话、实地察看，
-- 考核部门党组抓机关党建、党组书记履行“第一责任人”职责、其他党组成员履行“一岗双责”情况，
-- 按“好”“较好”“一般”“差”提出评价意见。由工委填报。
local group_items = {
  { "g_lead", "领导本部门本系统机关党建工作、听取汇报、研究解决问题" },
  { "g_study", "学习贯彻党的理论、落实上级决策部署、党组中心组学习" },
  { "g_team", "加强机关基层党组织班子和党务干部队伍建设，解决机构、编制、经费" },
  { "g_duty", "履行全面从严治党主体责任、支持纪检监察机构履行监督责任" },
  { "g_decide", "讨论决定基层党组织设置调整和发展党员、处分党员等重要事项" },
  { "g_rules", "严格执行新形势下党内政治生活若干准则" },
  { "g_innovate", "推进机关党建工作创新发展" },
}
local secretary_items = {
  { "s_lead", "带头加强对机关党建工作领导、落实机关党建工作责任制" },
  { "s_study", "带头学习贯彻党的理论和上级重大决策部署" },
  { "s_life", "带头执行党内政治生活准则，落实中心组学习、书记上党课、参加双重组织生活" },
  { "s_rules", "带头落实中央八项规定实施细则精神、接受监督" },
}

local fields = {
  { id = "methods", type = "multiselect", label = "考核方式", required = true,
    options = { "听取汇报", "民主测评", "个别谈话", "实地察看" } },
}
for _, it in ipairs(group_items) do
  fields[#fields + 1] = { id = it[1], type = "rating", label = it[2], required = true, section = "group" }
end
fields[#fields + 1] = { id = "group_rating", type = "rating", label = "党组抓机关党建评价", required = true, section = "group" }
for _, it in ipairs(secretary_items) do
  fields[#fields + 1] = { id = it[1], type = "rating", label = it[2], required = true, section = "secretary" }
end
fields[#fields + 1] = { id = "secretary", type = "text", label = "党组书记", required = true, max_length = 20, section = "secretary" }
fields[#fields + 1] = { id = "secretary_rating", type = "rating", label = "党组书记履行“第一责任人”职责评价",
  required = true, section = "secretary" }
-- Every 党组 has members besides its secretary, and 004（一） asks for each one's 一岗双责: a record
-- without them is incomplete, so at least one row is required (issue 15 item 6).
fields[#fields + 1] = { id = "others", type = "table", label = "其他党组成员履行“一岗双责”情况", section = "others",
  required = "请填写其他党组成员履行“一岗双责”情况（至少一名党组成员）", max_rows = 30, columns = {
    { id = "name", type = "text", label = "姓名", required = true, max_length = 20 },
    { id = "post", type = "text", label = "职务和分工", max_length = 60 },
    { id = "rating", type = "rating", label = "评价", required = true },
    { id = "note", type = "text", label = "主要问题", max_length = 200,
      visible_if = function(f, row) return row and (row.rating == "一般" or row.rating == "差") end },
  } }
fields[#fields + 1] = { id = "overall", type = "rating", label = "总体评价", required = true }
fields[#fields + 1] = { id = "opinion", type = "textarea", label = "评价意见", required = true, min_length = 20, max_length = 5000 }

form "dept_assessment" {
  title = "部门党组抓机关党建工作考核评价",
  description = "县直机关工委对部门党组、党组书记和其他党组成员抓机关党建情况的考核评价",
  scope = "department", period = "year", deadline_days = 31,
  fill_roles = { "admin" },
  sections = {
    { id = "group", title = "党组抓机关党建" },
    { id = "secretary", title = "党组书记履行“第一责任人”职责" },
    { id = "others", title = "其他党组成员履行“一岗双责”" },
  },
  fields = fields,
}
