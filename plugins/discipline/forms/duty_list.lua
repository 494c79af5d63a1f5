-- 两个责任清单：机关党组织主体责任清单、机关纪检监督责任清单，每年年初形成，建立台账，
-- 明确责任内容、目标要求、工作措施和完成时限；履责全程纪实（004（三）2（1）（2））。
form "duty_list" {
  title = "“两个责任”清单台账",
  description = "主体责任清单和监督责任清单，每项责任填一份，履责情况随时纪实",
  scope = "department", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "list", type = "select", label = "清单类别", required = true, options = { "主体责任清单", "监督责任清单" },
      help = "主体责任由机关党组织履行，监督责任由机关纪检履行" },
    { id = "content", type = "textarea", label = "责任内容", required = true, min_length = 5, max_length = 1000 },
    { id = "goal", type = "textarea", label = "目标要求", required = true, max_length = 1000 },
    { id = "measure", type = "textarea", label = "工作措施", required = true, max_length = 1000 },
    { id = "deadline", type = "date", label = "完成时限", required = true },
    { id = "owner", type = "text", label = "责任人", required = true, max_length = 20 },
    { id = "status", type = "select", label = "落实情况", required = true, options = { "未开始", "推进中", "已完成" } },
    { id = "record", type = "textarea", label = "履责纪实", max_length = 3000,
      visible_if = function(f) return f.status == "推进中" or f.status == "已完成" end,
      required = "推进中或已完成的责任须记录履责情况" },
  },
}
