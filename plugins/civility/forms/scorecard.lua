-- 文明单位测评自评表（004（五）1（3）、2（2））：注重发挥文明单位测评体系的导向作用，严格资格
-- 审查，优化扣分淘汰办法。资格审查三项、测评六个方面（满分 100）；扣分和淘汰按“违法违纪情况
-- 登记”和“随机抽查”记录由指标计算，不在本表填写。
local parts = {
  { "ideology", "思想道德建设", 20 },
  { "leadership", "领导班子和党的建设", 20 },
  { "activities", "创建活动", 20 },
  { "volunteer", "志愿服务", 15 },
  { "work", "业务工作", 15 },
  { "environment", "环境建设", 10 },
}
local fields = {
  { id = "created_plan", type = "bool", label = "制定了年度创建工作计划", required = true, section = "eligibility" },
  { id = "in_assessment", type = "bool", label = "文明创建已纳入机关党建工作考核", required = true, section = "eligibility",
    help = "004（五）1（3）：文明创建纳入机关党建工作考核内容" },
  { id = "no_major_incident", type = "bool", label = "本年度未发生重大安全责任事故和群体性事件", required = true,
    section = "eligibility" },
}
for _, p in ipairs(parts) do
  fields[#fields + 1] = { id = p[1], type = "integer", label = ("%s（%d 分）"):format(p[2], p[3]),
    required = true, min = 0, max = p[3], section = "score" }
end
fields[#fields + 1] = { id = "total", type = "integer", label = "自评总分", section = "score",
  compute = function(f)
    local n = 0
    for _, p in ipairs(parts) do n = n + (f[p[1]] or 0) end
    return n
  end }
fields[#fields + 1] = { id = "evidence", type = "textarea", label = "主要创建成效", required = true,
  min_length = 20, max_length = 5000 }

form "scorecard" {
  title = "文明单位测评自评表",
  description = "资格审查和测评体系六个方面自评；扣分淘汰依据违法违纪登记和随机抽查记录另行计算",
  scope = "department", period = "year", deadline_days = 31,
  approval = { "机关工委" },
  sections = {
    { id = "eligibility", title = "资格审查" },
    { id = "score", title = "测评体系" },
  },
  fields = fields,
}
