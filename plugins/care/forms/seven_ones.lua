-- “七个一”活动（003 二、四）：组织一次走访慰问、开展一次心理疏导、解决一些生活难题、组织一次
-- 主题活动、帮助制定一份脱贫计划、开展一次政策宣传和维权行动、建立一项长效帮扶机制。
-- 每个党支部每年一份，每项写明开展情况。
local items = {
  { "visit", "组织一次走访慰问" },
  { "counsel", "开展一次心理疏导" },
  { "problems", "解决一些生活难题" },
  { "theme", "组织一次主题活动" },
  { "plan", "帮助制定一份脱贫计划" },
  { "policy", "开展一次政策宣传和维权行动" },
  { "mechanism", "建立一项长效帮扶机制" },
}
local fields = {}
for _, it in ipairs(items) do
  local id, label = it[1], it[2]
  fields[#fields + 1] = { id = id, type = "bool", label = label, required = true }
  fields[#fields + 1] = { id = id .. "_detail", type = "textarea", label = label .. "的情况", max_length = 1000,
    visible_if = function(f) return f[id] == true end, required = "“" .. label .. "”须写明开展情况" }
end

form "seven_ones" {
  title = "“七个一”关爱帮扶活动",
  description = "党员志愿服务“七个一”活动开展情况，每项写明时间、对象和成效",
  scope = "branch", period = "year", deadline_days = 31,
  fields = fields,
}
