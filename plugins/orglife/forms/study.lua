-- 党组（党委）理论学习中心组学习记录。
-- 003 二、二：每月至少组织 1 次中心组理论学习；000 §9：把学习《中国共产党纪律处分条例》纳入
-- 部门单位党组（党委）理论学习中心组学习内容（纪律建设插件据此统计）。
local subjects = {
  "习近平新时代中国特色社会主义思想",
  "党章党规",
  "《中国共产党纪律处分条例》",
  "上级会议和文件精神",
  "意识形态工作",
  "业务知识",
  "其他",
}

form "study" {
  title = "中心组理论学习记录",
  description = "党组（党委）理论学习中心组每次学习填一份，按月报送",
  scope = "department", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "date", type = "date", label = "学习日期", required = true, within_period = true },
    { id = "topic", type = "text", label = "学习主题", required = true, max_length = 60 },
    { id = "subjects", type = "multiselect", label = "学习内容", options = subjects, required = true,
      help = "学习《中国共产党纪律处分条例》的，请勾选该项" },
    { id = "presenter", type = "text", label = "领学人", required = true, max_length = 20 },
    { id = "members_total", type = "integer", label = "中心组成员人数", required = true, min = 1 },
    { id = "attended", type = "integer", label = "参加人数", required = true, min = 0 },
    { id = "absent_reason", type = "textarea", label = "缺席人员及原因", max_length = 300,
      visible_if = function(f) return f.members_total and f.attended and f.attended < f.members_total end,
      required = "有中心组成员缺席时须写明缺席人员及原因" },
    { id = "speakers", type = "integer", label = "交流发言人数", min = 0 },
    { id = "content", type = "textarea", label = "学习内容摘要", required = true, min_length = 10, max_length = 3000 },
    { id = "photo", type = "attachment", label = "现场照片", accept = { ".jpg", ".jpeg", ".png" }, max_bytes = 5 * 1024 * 1024 },
  },
  check = function(f)
    local out = {}
    if f.attended and f.members_total and f.attended > f.members_total then
      out[#out + 1] = { field = "attended", message = "参加人数不能多于中心组成员人数" }
    end
    if f.speakers and f.attended and f.speakers > f.attended then
      out[#out + 1] = { field = "speakers", message = "交流发言人数不能多于参加人数" }
    end
    if #out > 0 then return out end
  end,
}
