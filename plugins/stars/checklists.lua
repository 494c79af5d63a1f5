-- 002 二、2：“五个基本”和“六化”标准，作为党支部达标创优评定表的检查清单。
local criteria = require("lib.criteria")

local function ids(list)
  local out = {}
  for _, c in ipairs(list) do out[#out + 1] = c[1] end
  return out
end

checklist "five_basics" {
  title = "五个基本", form = "branch_rating", items = ids(criteria.basics), pass = 5,
}

checklist "six_standards" {
  title = "六化标准", form = "branch_rating", items = ids(criteria.six), pass = 6,
}
