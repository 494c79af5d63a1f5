-- 督查检查：机关党建“四不两直”督导。
-- 依据：000 §17（建立“不发通知、不打招呼、不听汇报、不用陪同和接待，直奔单位、直插现场”的机关党建
-- “四不两直”督导机制，既督任务、督进度、督成效，又查认识、查责任、查作风；跟踪问效）；
-- 002 三、1（调研督导“三会一课”纪实、巡视反馈问题整改、重点任务落实）；003 三、二（定期不定期督促检查）。
return {
  id = "inspection",
  name = "督查检查",
  version = "1.0.0",
  api = 1,
  description = "“四不两直”督查记录，督查发现问题登记为整改事项并跟踪整改",
  settings = {
    rectified_target = { type = "number", label = "督查发现问题整改完成率目标（%）", default = 100, min = 0, max = 100 },
  },
  forms = { "forms/visit.lua" },
  indicators = { "indicators.lua" },
}
