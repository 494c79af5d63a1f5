-- 部门党组（党委）书记向县委述职（004（二）1（3）、2；000 §18）：述职报告经部门党组审定后报
-- 县直机关工委，工委提出审定意见；评议人员按“好”“较好”“一般”“差”现场评价。
form "dept_report" {
  title = "党组（党委）书记抓机关党建述职报告",
  description = "部门党组（党委）书记抓机关党建工作述职",
  scope = "department", period = "year", deadline_days = 31,
  evaluation = { rule = "average" },
  approval = { "机关工委" },
  fields = {
    { id = "reporter", type = "text", label = "述职人", required = true, max_length = 20 },
    { id = "mode", type = "select", label = "述职方式", required = true, options = { "会议述职", "书面述职" } },
    { id = "study", type = "textarea", label = "组织党员学习贯彻党的理论、同党中央保持高度一致情况", required = true,
      min_length = 20, max_length = 5000 },
    { id = "duty", type = "textarea", label = "贯彻落实上级决策部署、履行全面从严治党责任情况", required = true,
      min_length = 20, max_length = 5000 },
    { id = "leadership", type = "textarea", label = "加强对机关党建工作领导，推进政治、思想、组织、作风、纪律和制度建设情况",
      required = true, min_length = 20, max_length = 5000 },
    { id = "supervision", type = "textarea", label = "督促检查所属机关基层党组织落实决策部署情况", required = true,
      min_length = 20, max_length = 5000 },
    { id = "problems", type = "textarea", label = "存在的问题", required = true, min_length = 10, max_length = 3000 },
    { id = "plans", type = "textarea", label = "下一步打算", required = true, min_length = 10, max_length = 3000 },
    { id = "last_rectify", type = "textarea", label = "上年度述职评议问题整改情况", required = true, max_length = 3000,
      help = "004（二）2（3）：在下一年述职评议时专题汇报整改情况；上年没有问题的写“无”" },
  },
}
