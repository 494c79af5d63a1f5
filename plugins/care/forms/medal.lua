-- “光荣在党50年”纪念章（000 §19）：对于党龄达到 50 年、一贯表现良好的党员颁发。
-- 党龄从转正之日算起（党章第七条）；每年的统计截止日为七月一日（与“七一”集中颁发一致）。
form "medal" {
  title = "“光荣在党50年”纪念章颁发记录",
  description = "党龄满 50 年的党员纪念章颁发情况；不符合“一贯表现良好”暂缓颁发的，写明原因",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  approval = { "部门" },
  fields = {
    { id = "member", type = "member", label = "党员", required = true },
    { id = "result", type = "select", label = "办理结果", required = true, options = { "已颁发", "暂缓颁发" } },
    { id = "issued_on", type = "date", label = "颁发日期", within_period = true,
      visible_if = function(f) return f.result == "已颁发" end, required = "已颁发的须填写颁发日期" },
    { id = "issuer", type = "text", label = "颁发人", max_length = 40,
      visible_if = function(f) return f.result == "已颁发" end },
    { id = "reason", type = "textarea", label = "暂缓颁发原因", max_length = 500,
      visible_if = function(f) return f.result == "暂缓颁发" end, required = "暂缓颁发的须写明原因" },
  },
}
