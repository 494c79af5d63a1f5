-- A well-formed plugin: every feature the loader offers, used once.
return {
  id = "good",
  name = "测试插件",
  version = "1.2.3",
  api = 1,
  description = "加载器测试用的插件",
  settings = {
    target = { type = "number", label = "目标值", default = 100, min = 0, max = 100 },
    times = { type = "integer", label = "每月次数", default = 2 },
    note = { type = "string", label = "备注", default = "" },
    strict = { type = "bool", label = "严格模式", default = false },
    season = { type = "select", label = "时机", options = { "元旦", "春节", "七一" }, default = "春节" },
  },
  forms = { "forms/visit.lua" },
  indicators = { "indicators.lua" },
  reminders = { "reminders.lua" },
}
