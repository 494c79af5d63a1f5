-- 党组织活动阵地登记及“六有”达标情况（003 二、一）：有场所、有设施、有标识、有党旗、
-- 有书报、有制度，每项写明依据（佐证），可附照片。每个党组织每年报一次。
local items = {
  { "has_place", "有场所", "活动场所的位置和面积，如“办公楼三楼党员活动室，60 平方米”" },
  { "has_facilities", "有设施", "桌椅、音像设备、电脑等设施" },
  { "has_sign", "有标识", "党组织名称牌、党徽等标识" },
  { "has_flag", "有党旗", "党旗悬挂情况" },
  { "has_books", "有书报", "党建书籍、报刊的种类和数量" },
  { "has_rules", "有制度", "上墙的制度名称，如“三会一课”制度、党员学习制度" },
}

local fields = {
  { id = "name", type = "text", label = "阵地名称", required = true, max_length = 40 },
  { id = "address", type = "text", label = "地址", required = true, max_length = 80 },
  { id = "area", type = "number", label = "面积（平方米）", min = 0, max = 100000 },
  { id = "mode", type = "select", label = "建设方式", required = true,
    options = { "单独设置", "党群共建、一室多用" } },
  { id = "shared_with", type = "text", label = "共建共用单位（组织）", max_length = 100,
    visible_if = function(f) return f.mode == "党群共建、一室多用" end,
    required = "党群共建、一室多用的，须写明共建共用的单位或组织" },
}
for _, it in ipairs(items) do
  local id, label, hint = it[1], it[2], it[3]
  fields[#fields + 1] = { id = id, type = "bool", label = label, required = true, section = "six" }
  fields[#fields + 1] = { id = id .. "_evidence", type = "textarea", label = label .. "的依据", section = "six",
    max_length = 500, help = hint,
    visible_if = function(f) return f[id] == true end,
    required = "“" .. label .. "”须写明依据" }
  fields[#fields + 1] = { id = id .. "_photo", type = "attachment", label = label .. "的照片", section = "six",
    accept = { ".jpg", ".jpeg", ".png", ".pdf" }, max_bytes = 5 * 1024 * 1024,
    visible_if = function(f) return f[id] == true end }
end
fields[#fields + 1] = { id = "score", type = "integer", label = "“六有”达标项数",
  compute = function(f)
    local n = 0
    for _, it in ipairs(items) do if f[it[1]] == true then n = n + 1 end end
    return n
  end }
fields[#fields + 1] = { id = "plan", type = "textarea", label = "未达标项的整改计划", max_length = 1000,
  visible_if = function(f)
    for _, it in ipairs(items) do if f[it[1]] == false then return true end end
    return false
  end,
  required = "有未达标的项目时须写明整改计划" }

form "venue" {
  title = "党组织活动阵地及“六有”达标情况",
  description = "党组织活动阵地登记，对照“六有”标准逐项自评并写明依据",
  scope = "branch", period = "year", deadline_days = 31,
  approval = { "部门" },
  sections = { { id = "six", title = "“六有”标准" } },
  fields = fields,
}
