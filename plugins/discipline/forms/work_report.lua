-- 机关纪委向纪工委定期汇报工作：002 五、3“尽快落实机关纪委向市直机关纪工委定期汇报工作……等制度”。
-- 计划只说“定期”，本插件取每季度 1 次（按季度报送），见 docs/plugins/discipline.md。
form "work_report" {
  title = "机关纪委向纪工委汇报工作",
  description = "机关纪委定期向机关纪工委汇报监督执纪工作，每季度一份",
  scope = "department", period = "quarter", deadline_days = 15,
  fields = {
    { id = "date", type = "date", label = "汇报日期", required = true, within_period = true },
    { id = "mode", type = "select", label = "汇报方式", required = true, options = { "书面汇报", "当面汇报", "会议汇报" } },
    { id = "reporter", type = "text", label = "汇报人", required = true, max_length = 20 },
    { id = "supervision", type = "textarea", label = "监督立项推进情况", required = true, min_length = 10, max_length = 3000 },
    { id = "cases", type = "integer", label = "本季度处置问题线索数", required = true, min = 0 },
    { id = "problems", type = "textarea", label = "存在问题和下步打算", required = true, min_length = 10, max_length = 3000 },
  },
}
