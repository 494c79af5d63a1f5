-- The form as a later component will read it: data plus a few functions.
form "visit" {
  title = "走访慰问记录",
  period = "month",
  fields = {
    { id = "occasion", type = "select", label = "时机", options = { "元旦", "春节", "七一", "日常" } },
    { id = "amount", type = "number", label = "慰问金（元）", min = 0 },
    { id = "goods", type = "text", label = "慰问品",
      visible_if = function(f) return f.occasion ~= "日常" end },
  },
  check = function(f)
    if not f.amount and not f.goods then return "慰问金和慰问品至少填写一项" end
    return nil
  end,
}
