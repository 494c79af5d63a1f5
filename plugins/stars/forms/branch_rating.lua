-- 党支部达标创优评定（002 二、2）和星级（000 §4“五星级党支部”）：基层自评，上级党组织（部门）推荐，
-- 工委评审（审批链的最后一步）。每个党支部每年一份。
local criteria = require("lib.criteria")

local fields = {}
for _, c in ipairs(criteria.basics) do
  fields[#fields + 1] = { id = c[1], type = "bool", label = c[2], required = true, section = "basics" }
end
for _, c in ipairs(criteria.six) do
  fields[#fields + 1] = { id = c[1], type = "bool", label = c[2], required = true, section = "six" }
end
fields[#fields + 1] = { id = "self_date", type = "date", label = "自评日期", required = true, within_period = true }
fields[#fields + 1] = { id = "level", type = "select", label = "评定等次", required = true,
  options = { "优秀", "达标", "不达标" } }
fields[#fields + 1] = { id = "stars", type = "integer", label = "星级", required = true, min = 1, max = 5, help = "1 至 5 星" }
fields[#fields + 1] = { id = "evidence", type = "textarea", label = "达标创优主要依据", required = true,
  min_length = 20, max_length = 5000 }
fields[#fields + 1] = { id = "evidence_file", type = "attachment", label = "佐证材料" }
fields[#fields + 1] = { id = "rectify", type = "textarea", label = "督导整改措施", max_length = 2000,
  visible_if = function(f) return f.level == "不达标" end, required = "不达标的党支部须写明督导整改措施" }

local function count(f, list)
  local n = 0
  for _, c in ipairs(list) do if f[c[1]] == true then n = n + 1 end end
  return n
end

form "branch_rating" {
  title = "党支部达标创优和星级评定",
  description = "对照“五个基本”“六化”标准自评，部门推荐，工委评审；评定等次和星级",
  scope = "branch", period = "year", deadline_days = 31,
  approval = { "部门", "机关工委" },
  sections = {
    { id = "basics", title = "五个基本" },
    { id = "six", title = "六化标准" },
  },
  fields = fields,
  -- The numbers below are this plugin's (002 二、2 names the criteria, not the arithmetic), see
  -- docs/plugins/stars.md: 达标 needs all five 基本; 优秀 also all six 化; 5 stars only for 优秀,
  -- 4 stars at least 达标; a branch 不达标 has at most 2 stars.
  check = function(f)
    local out = {}
    local b, s = count(f, criteria.basics), count(f, criteria.six)
    if (f.level == "达标" or f.level == "优秀") and b < #criteria.basics then
      out[#out + 1] = { field = "level", message = ("评为达标须“五个基本”全部符合，现符合 %d 项"):format(b) }
    end
    if f.level == "优秀" and s < #criteria.six then
      out[#out + 1] = { field = "level", message = ("评为优秀须“六化”标准全部符合，现符合 %d 项"):format(s) }
    end
    if f.stars then
      if f.stars == 5 and f.level ~= "优秀" then
        out[#out + 1] = { field = "stars", message = "五星级党支部须评定为优秀等次" }
      elseif f.stars == 4 and f.level == "不达标" then
        out[#out + 1] = { field = "stars", message = "四星级党支部须达标" }
      elseif f.stars == 3 and f.level == "不达标" then
        out[#out + 1] = { field = "stars", message = "不达标的党支部最高评为二星" }
      end
    end
    if #out > 0 then return out end
  end,
}
