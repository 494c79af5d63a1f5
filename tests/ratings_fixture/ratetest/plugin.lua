-- A plugin whose assessment scheme rates on its own scale (优秀 / 合格 / 基本合格 / 不合格),
-- for tests/test_rating_scale.cpp: 述职评议, rating fields and rectification follow it.
return {
  id = "ratetest",
  name = "自定等次测试",
  version = "1.0.0",
  api = 1,
  member_flags = { { name = "帮扶责任人", help = "承担联系帮扶任务的党员" }, "生活困难" },
  forms = { "forms/report.lua" },
  assessment = { "assessment.lua" },
}
