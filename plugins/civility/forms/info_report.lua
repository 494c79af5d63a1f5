-- 信息报送（004（五）1（4）、2（3））：建立信息报送制度，在届文明单位创建活动情况计入复查和
-- 考评档案。每报送一条一份。
form "info_report" {
  title = "文明创建信息报送",
  description = "文明创建活动信息的报送和采用情况",
  scope = "department", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "title", type = "text", label = "信息标题", required = true, max_length = 80 },
    { id = "date", type = "date", label = "报送日期", required = true, within_period = true },
    { id = "channel", type = "select", label = "报送渠道", required = true,
      options = { "文明单位动态管理系统", "工作简报", "门户网站", "微信公众号", "报刊", "其他" } },
    { id = "topic", type = "select", label = "信息类别", required = true,
      options = { "创建活动", "先进典型", "志愿服务", "道德模范", "其他" } },
    { id = "adopted", type = "bool", label = "已被采用", required = true },
    { id = "adopted_level", type = "select", label = "采用级别", options = { "县级", "市级", "省级", "国家级" },
      visible_if = function(f) return f.adopted == true end, required = "已被采用的须选择采用级别" },
  },
}
