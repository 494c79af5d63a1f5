-- 廉政风险点：完善廉政风险防控机制（000 §10）；紧盯重点领域和关键环节风险，建立负面清单
-- （001（十八））。每个岗位的每个风险点填一份，写明防控措施。
form "risk_point" {
  title = "廉政风险点及防控措施",
  description = "按岗位排查的廉政风险点、风险等级和防控措施",
  scope = "department", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "post", type = "text", label = "岗位", required = true, max_length = 40 },
    { id = "risk", type = "textarea", label = "风险点描述", required = true, min_length = 5, max_length = 1000 },
    { id = "level", type = "select", label = "风险等级", required = true, options = { "高", "中", "低" } },
    { id = "measures", type = "textarea", label = "防控措施", required = true, min_length = 10, max_length = 2000 },
    { id = "owner", type = "text", label = "责任人", max_length = 20,
      visible_if = function(f) return f.level == "高" or f.level == "中" end,
      required = "高、中风险点须明确责任人" },
    { id = "supervisor", type = "text", label = "监督人", max_length = 20,
      visible_if = function(f) return f.level == "高" end, required = "高风险点须明确监督人" },
  },
}
