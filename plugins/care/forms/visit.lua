-- 走访慰问（000 §19）：组织开展“送温暖、献爱心”和元旦、春节等重大节日、“七一”走访慰问，
-- 为生活困难党员提供多种形式的帮助。每走访一人（户）填一份。
local FAMILY = "因公殉职、牺牲党员家庭"

form "visit" {
  title = "走访慰问记录",
  description = "元旦、春节、七一和“送温暖、献爱心”走访慰问，写明慰问金和慰问品",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "occasion", type = "select", label = "慰问时机", required = true,
      options = { "元旦", "春节", "七一", "送温暖、献爱心", "日常" } },
    { id = "target", type = "select", label = "慰问对象类别", required = true,
      options = { "困难党员", "老党员", FAMILY, "其他党员" } },
    { id = "member", type = "member", label = "慰问党员", visible_if = function(f) return f.target ~= FAMILY end,
      required = "请选择慰问的党员" },
    { id = "fallen", type = "text", label = "因公殉职（牺牲）党员姓名", max_length = 20,
      visible_if = function(f) return f.target == FAMILY end, required = "请填写因公殉职（牺牲）党员姓名",
      help = "与困难党员信息库中的姓名一致，用于统计家庭走访覆盖" },
    { id = "date", type = "date", label = "走访日期", required = true, within_period = true },
    { id = "visitors", type = "text", label = "走访人", required = true, max_length = 60 },
    { id = "amount", type = "number", label = "慰问金（元）", min = 0, max = 100000 },
    { id = "goods", type = "text", label = "慰问品", max_length = 100 },
    { id = "goods_value", type = "number", label = "慰问品折合金额（元）", min = 0, max = 100000,
      visible_if = function(f) return f.goods ~= nil end },
    { id = "needs", type = "textarea", label = "了解到的困难和诉求", max_length = 1000 },
  },
  check = function(f)
    if not f.amount and not f.goods then return "慰问金和慰问品至少填写一项" end
  end,
}
