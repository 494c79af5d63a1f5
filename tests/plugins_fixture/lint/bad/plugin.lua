return {
  id = "bad",
  name = "问题插件",
  version = "1.0",
  api = 1,
  settings = {
    weight = { type = "number", label = "权重", default = "十" },
    mode = { type = "select", label = "模式" },
  },
  forms = { "forms/ok.lua", "forms/broken.lua", "forms/absent.lua" },
  colour = "red",
}
