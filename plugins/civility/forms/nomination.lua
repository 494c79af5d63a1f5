-- 道德模范和身边好人推荐（004（五）2（1））。每推荐一人一份。
form "nomination" {
  title = "道德模范和身边好人推荐",
  description = "推荐评选道德模范、身边好人",
  scope = "department", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "kind", type = "select", label = "推荐类别", required = true, options = { "道德模范", "身边好人" } },
    { id = "category", type = "select", label = "事迹类型", required = true,
      options = { "助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲" } },
    { id = "is_member", type = "bool", label = "被推荐人是本单位党员", required = true },
    { id = "member", type = "member", label = "被推荐党员", visible_if = function(f) return f.is_member == true end,
      required = "请选择被推荐的党员" },
    { id = "name", type = "text", label = "被推荐人姓名", max_length = 20,
      visible_if = function(f) return f.is_member == false end, required = "请填写被推荐人姓名" },
    { id = "work", type = "text", label = "工作单位及职务", required = true, max_length = 60 },
    { id = "date", type = "date", label = "推荐日期", required = true, within_period = true },
    { id = "deeds", type = "textarea", label = "主要事迹", required = true, min_length = 50, max_length = 5000 },
  },
}
