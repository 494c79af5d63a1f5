-- 机关党组织书记向县直机关工委述职（004（二）1（2）、2）：述职报告由基层党组织集体初审，向部门
-- 党组汇报，经部门党组研究审定后报县直机关工委，工委提出审定意见；述职后现场按“好”“较好”
-- “一般”“差”评价；述后整改，下一年专题汇报整改情况。
form "branch_report" {
  title = "党组织书记抓党建述职报告",
  description = "机关党委、党总支、党支部书记向县直机关工委述职",
  scope = "branch", period = "year", deadline_days = 31,
  evaluation = { rule = "average" },
  approval = { "部门", "机关工委" },
  fields = {
    { id = "secretary", type = "member", label = "述职书记", required = true },
    { id = "mode", type = "select", label = "述职方式", required = true, options = { "会议述职", "书面述职" } },
    { id = "study", type = "textarea", label = "组织党员学习贯彻党的理论和上级决策部署情况", required = true,
      min_length = 20, max_length = 3000 },
    { id = "system", type = "textarea", label = "落实“三会一课”等组织生活制度、党费收缴和发展党员情况", required = true,
      min_length = 20, max_length = 3000 },
    { id = "discipline", type = "textarea", label = "严明政治纪律和政治规矩、监督党员履行义务情况", required = true,
      min_length = 20, max_length = 3000 },
    { id = "masses", type = "textarea", label = "贯彻群众路线、服务群众情况", required = true, min_length = 20, max_length = 3000 },
    { id = "role", type = "textarea", label = "发挥战斗堡垒作用、促进中心任务完成情况", required = true,
      min_length = 20, max_length = 3000 },
    { id = "problems", type = "textarea", label = "存在的问题", required = true, min_length = 10, max_length = 3000 },
    { id = "plans", type = "textarea", label = "下一步打算", required = true, min_length = 10, max_length = 3000 },
    { id = "last_rectify", type = "textarea", label = "上年度述职评议问题整改情况", required = true, max_length = 3000,
      help = "004（二）2（3）：在下一年述职评议时专题汇报整改情况；上年没有问题的写“无”" },
  },
}
