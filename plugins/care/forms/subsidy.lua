-- 老党员生活补贴（000 §19）：按时足额发放新中国成立前入党的农村老党员和未享受离退休待遇的
-- 城镇老党员生活补贴。按月发放，每人每月一份。
form "subsidy" {
  title = "老党员生活补贴发放记录",
  description = "新中国成立前入党的农村老党员和未享受离退休待遇的城镇老党员，每人每月一份",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    -- Eligibility is the seed's own rule (000 §19), by 入党 date, not a separate 老党员 flag:
    -- a payment to anyone else is refused, so it can neither earn the rate nor settle the reminder.
    { id = "member", type = "member", label = "老党员", required = true,
      filter = { joined_before = "1949-10-01", any_flag = { "农村", "未享受离退休待遇" } } },
    { id = "category", type = "select", label = "补贴类别", required = true,
      options = { "新中国成立前入党的农村老党员", "未享受离退休待遇的城镇老党员" } },
    { id = "standard", type = "number", label = "应发金额（元）", required = true, min = 0, max = 100000 },
    { id = "amount", type = "number", label = "实发金额（元）", required = true, min = 0, max = 100000 },
    { id = "paid_on", type = "date", label = "发放日期", required = true, within_period = true },
    { id = "shortfall", type = "textarea", label = "未足额发放原因", max_length = 500,
      visible_if = function(f) return f.standard and f.amount and f.amount < f.standard end,
      required = "实发少于应发时须写明原因" },
    { id = "full", type = "bool", label = "足额发放",
      compute = function(f) if f.standard and f.amount then return f.amount >= f.standard end end },
    { id = "member_month", type = "text", label = "发放月份标识",
      help = "党员编号/月份，由系统生成，用于统计每人每月发放情况",
      compute = function(f) if f.member and f.paid_on then return f.member .. "/" .. f.paid_on:sub(1, 7) end end },
  },
}
