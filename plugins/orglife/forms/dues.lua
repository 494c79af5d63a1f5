-- 党费收缴台账：每个支部每月一份。
form "dues" {
  title = "党费收缴台账",
  description = "按月收缴党费，应交、实交人数和金额",
  scope = "branch", period = "month", deadline_days = 10,
  fields = {
    { id = "payable", type = "integer", label = "应交党费人数", required = true, min = 0 },
    { id = "paid", type = "integer", label = "实交党费人数", required = true, min = 0 },
    { id = "amount", type = "number", label = "收缴金额（元）", required = true, min = 0 },
    { id = "unpaid_reason", type = "textarea", label = "未交人员及原因", max_length = 500,
      visible_if = function(f) return f.payable and f.paid and f.paid < f.payable end,
      required = "有未交党费人员时须写明原因" },
  },
  check = function(f)
    if f.paid and f.payable and f.paid > f.payable then
      return { field = "paid", message = "实交人数不能多于应交人数" }
    end
  end,
}
