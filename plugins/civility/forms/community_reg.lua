-- 在职党员到社区报到登记（003 二、四；004（五）2（1））：组织机关党员到居住地或单位所在地社区报到。
-- 每名党员一份，换社区时重新登记。
form "community_reg" {
  title = "在职党员到社区报到登记",
  description = "党员到居住地或单位所在地社区党组织报到的情况",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "member", type = "member", label = "党员", required = true },
    { id = "community", type = "text", label = "报到社区", required = true, max_length = 60 },
    { id = "basis", type = "select", label = "报到地", required = true, options = { "居住地社区", "单位所在地社区" } },
    { id = "reported_on", type = "date", label = "报到日期", required = true, within_period = true },
    { id = "post", type = "text", label = "认领的服务岗位", max_length = 60 },
  },
}
