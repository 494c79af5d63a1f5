form "visit" {
  title = "走访慰问记录", scope = "branch", period = "month", many = true, deadline_days = 10,
  approval = { "部门", "机关工委" },
  summary = { "occasion", "date", "amount" },
  sections = { { id = "gift", title = "慰问品", visible_if = function(f) return f.occasion ~= "日常" end } },
  fields = {
    { id = "member", type = "member", label = "慰问对象", required = true, filter = { flag = "生活困难" } },
    { id = "occasion", type = "select", label = "时机", options = { "元旦", "春节", "七一", "日常" }, required = true },
    { id = "date", type = "date", label = "日期", required = true, within_period = true },
    { id = "amount", type = "number", label = "慰问金（元）", min = 0 },
    { id = "goods", type = "text", label = "慰问品", section = "gift", max_length = 20 },
    { id = "phone", type = "text", label = "联系电话", pattern = "^1%d%d%d%d%d%d%d%d%d%d$",
      pattern_message = "联系电话应为 11 位手机号" },
    { id = "photo", type = "attachment", label = "照片", accept = { ".jpg", ".png" }, max_bytes = 1000 },
    { id = "note", type = "textarea", label = "情况说明",
      visible_if = function(f) return (f.amount or 0) >= 1000 end, required = "慰问金达到 1000 元须写明情况" },
  },
  check = function(f)
    if not f.amount and not f.goods then return "慰问金和慰问品至少填写一项" end
  end,
}
