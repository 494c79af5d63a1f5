-- 问题线索登记：充分发挥信访举报作用，加强问题线索管理（000 §9）；深化运用“四种形态”
-- （000 §10、001（二十一））。应只对纪检人员可见（见插件说明：主机尚不支持按表单限定可见范围）。
local forms4 = { "第一种形态", "第二种形态", "第三种形态", "第四种形态" }

form "lead" {
  title = "问题线索登记",
  description = "机关纪委（纪检委员）受理的问题线索及处置情况，每条线索填一份",
  scope = "department", period = "year", many = true, deadline_days = 31,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "unit_admin", "admin" },
  sections = {
    { id = "closing", title = "办结情况",
      visible_if = function(f) return f.status == "已办结" or f.status == "予以了结" end },
  },
  fields = {
    { id = "code", type = "text", label = "线索编号", required = true, max_length = 30 },
    { id = "source", type = "select", label = "线索来源", required = true,
      options = { "信访举报", "巡视巡察移交", "审计移交", "上级交办", "监督检查发现", "其他" } },
    { id = "received", type = "date", label = "受理日期", required = true, within_period = true },
    { id = "subject", type = "text", label = "被反映人", required = true, max_length = 40 },
    { id = "subject_post", type = "text", label = "被反映人职务", max_length = 40 },
    { id = "summary", type = "textarea", label = "反映的主要问题", required = true, min_length = 10, max_length = 2000 },
    { id = "handler", type = "text", label = "承办人", required = true, max_length = 20 },
    { id = "deadline", type = "date", label = "办理时限", required = true },
    { id = "status", type = "select", label = "办理状态", required = true,
      options = { "待处置", "谈话函询", "初步核实", "立案审查调查", "暂存待查", "予以了结", "已办结" },
      help = "予以了结：经了解没有问题或问题轻微不需追究；已办结：查实问题并作出处理" },
    { id = "form4", type = "select", label = "处置形态（四种形态）", section = "closing", options = forms4,
      visible_if = function(f) return f.status == "已办结" end,
      required = "办结的线索须选择“四种形态”中的处置形态" },
    { id = "closed", type = "date", label = "办结日期", section = "closing", required = "办结的线索须填写办结日期" },
    { id = "result", type = "textarea", label = "处置结果", section = "closing", max_length = 2000,
      required = "办结的线索须写明处置结果" },
    { id = "closed_on_time", type = "bool", label = "按期办结",
      compute = function(f)
        if (f.status == "已办结" or f.status == "予以了结") and f.closed and f.deadline then
          return f.closed <= f.deadline
        end
      end },
  },
  check = function(f)
    local out = {}
    if f.deadline and f.received and f.deadline < f.received then
      out[#out + 1] = { field = "deadline", message = "办理时限不能早于受理日期" }
    end
    if f.closed and f.received and f.closed < f.received then
      out[#out + 1] = { field = "closed", message = "办结日期不能早于受理日期" }
    end
    if #out > 0 then return out end
  end,
}
