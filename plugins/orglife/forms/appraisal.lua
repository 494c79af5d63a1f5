-- 民主评议党员：每个党支部每年一次。
-- 003 二、三：有计划地开展好专题组织生活会和民主评议党员工作；000 §12。
-- 评议等次按《关于党员民主评议的通知》通行做法分为 优秀、合格、基本合格、不合格。
form "appraisal" {
  title = "民主评议党员情况",
  description = "年度民主评议党员的组织情况和评议结果",
  scope = "branch", period = "year", deadline_days = 31,
  approval = { "部门" },
  fields = {
    { id = "date", type = "date", label = "评议日期", required = true, within_period = true },
    { id = "participants", type = "integer", label = "参加评议党员人数", required = true, min = 1 },
    { id = "excellent", type = "integer", label = "评为优秀人数", required = true, min = 0 },
    { id = "qualified", type = "integer", label = "评为合格人数", required = true, min = 0 },
    { id = "basic", type = "integer", label = "评为基本合格人数", required = true, min = 0 },
    { id = "unqualified", type = "integer", label = "评为不合格人数", required = true, min = 0 },
    { id = "handling", type = "textarea", label = "不合格党员处置情况", max_length = 1000,
      visible_if = function(f) return (f.unqualified or 0) > 0 end,
      required = "有评为不合格的党员时须写明组织处置情况" },
    { id = "summary", type = "textarea", label = "评议情况小结", required = true, min_length = 10, max_length = 3000 },
  },
  check = function(f)
    local sum = (f.excellent or 0) + (f.qualified or 0) + (f.basic or 0) + (f.unqualified or 0)
    if f.participants and sum ~= f.participants then
      return { field = "participants",
        message = ("各等次人数之和（%d）应等于参加评议党员人数（%d）"):format(sum, f.participants) }
    end
  end,
}
