-- 七一表彰和模范机关：000 §1“拟于‘七一’前夕，命名表彰一批模范机关建设先进单位和个人”；000 §20
-- 年度党内表彰奖励惩罚，确定党建工作先进单位和先进个人，“摘掉先进单位牌的单位”；002 二、3
-- “七一”党内表彰（先进基层党组织、优秀党员和优秀党务工作者）。
-- 推荐由部门填报（填报即部门推荐），经工委审核；工委审核通过即为命名（列入表彰名单）。
local awards = {
  "模范机关建设先进单位", "模范机关建设先进个人",
  "先进基层党组织", "优秀共产党员", "优秀党务工作者",
  "党建工作先进单位", "党建工作先进个人",
}
local UNIT = { ["模范机关建设先进单位"] = true, ["先进基层党组织"] = true, ["党建工作先进单位"] = true }

-- 000 §1：做政治过硬、理论武装、主责落实、组织有力、担当作为、改革创新、服务群众的模范。
local models = {
  { "m_politics", "政治过硬的模范" }, { "m_theory", "理论武装的模范" }, { "m_duty", "主责落实的模范" },
  { "m_org", "组织有力的模范" }, { "m_act", "担当作为的模范" }, { "m_reform", "改革创新的模范" },
  { "m_serve", "服务群众的模范" },
}

local fields = {
  { id = "award", type = "select", label = "推荐类别", options = awards, required = true },
  { id = "unit_name", type = "text", label = "推荐单位或党组织名称", max_length = 60,
    visible_if = function(f) return UNIT[f.award] == true end, required = "请填写推荐单位或党组织名称" },
  { id = "member", type = "member", label = "推荐人选", visible_if = function(f) return f.award ~= nil and not UNIT[f.award] end,
    required = "请选择推荐人选" },
  { id = "date", type = "date", label = "推荐日期", required = true, within_period = true },
}
for _, m in ipairs(models) do
  fields[#fields + 1] = { id = m[1], type = "bool", label = m[2], section = "models" }
end
fields[#fields + 1] = { id = "deeds", type = "textarea", label = "主要事迹", required = true, min_length = 20, max_length = 5000 }
fields[#fields + 1] = { id = "evidence", type = "attachment", label = "事迹材料" }

form "honour_nomination" {
  title = "七一表彰和模范机关推荐",
  description = "推荐模范机关建设先进单位和个人、先进基层党组织、优秀共产党员、优秀党务工作者、党建工作先进；工委审核通过即列入表彰名单",
  scope = "department", period = "year", many = true, deadline_days = 31,
  approval = { "机关工委" },
  sections = {
    { id = "models", title = "模范机关“七个模范”",
      visible_if = function(f) return f.award == "模范机关建设先进单位" or f.award == "模范机关建设先进个人" end },
  },
  fields = fields,
  check = function(f)
    if f.award ~= "模范机关建设先进单位" and f.award ~= "模范机关建设先进个人" then return nil end
    local n = 0
    for _, m in ipairs(models) do if f[m[1]] then n = n + 1 end end
    -- 本插件的取值：推荐模范机关建设先进的，“七个模范”至少符合 5 项（计划没有规定）。
    if n < 5 then
      return { field = "m_politics", message = ("模范机关建设先进应至少符合“七个模范”中的 5 项，现为 %d 项"):format(n) }
    end
  end,
}

-- 000 §20：摘掉先进单位牌。由工委登记，撤销的称号、原授予年度和原因。
form "honour_withdrawal" {
  title = "撤销先进称号（摘牌）",
  description = "工委对不再符合条件的先进单位摘牌、撤销先进称号",
  scope = "department", period = "year", many = true, deadline_days = 31,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "admin" },
  fields = {
    { id = "title", type = "select", label = "撤销的称号", required = true, options = awards },
    { id = "awarded_year", type = "integer", label = "原授予年度", required = true, min = 2000, max = 2100 },
    { id = "date", type = "date", label = "撤销日期", required = true, within_period = true },
    { id = "reason", type = "select", label = "撤销原因", required = true,
      options = { "年度考核等次为一般或差", "发生严重违纪违法案件", "督查发现问题整改不力", "其他" } },
    { id = "detail", type = "textarea", label = "具体情况", required = true, min_length = 10, max_length = 2000 },
  },
}
