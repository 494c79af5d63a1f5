-- 谈心谈话记录：每谈一次填一份，按月报送。
-- 001（十一）：常态化开展谈心谈话，了解思想动态；002 一、2：党员领导干部深入所在党支部和基层联系点
-- 开展谈心谈话；003 二、二：定期开展谈心谈话活动，及时了解掌握机关党员思想、工作和作风情况；
-- 003 二、三：党内定期谈心谈话。计划没有规定次数，本插件取“每名党员每年至少被谈 1 次”（设置
-- talks_per_member），见 docs/plugins/orglife.md。
local kinds = { "日常谈心谈话", "组织生活会前谈心谈话", "思想动态了解", "关心关怀谈话", "提醒谈话", "入党转正谈话" }
local roles = { "支部书记", "支部委员", "党员领导干部", "党小组长", "其他党员" }

form "talk" {
  title = "谈心谈话记录",
  description = "谁与谁、何时、以何种方式谈心谈话，每次一份",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    -- The person talked with comes first: the demo and the coverage count read it.
    { id = "talkee", type = "member", label = "谈话对象", required = true,
      help = "本组织的党员；用于统计每名党员每年被谈心谈话的情况" },
    { id = "talker_role", type = "select", label = "谈话人身份", options = roles, required = true },
    { id = "talker", type = "member", label = "谈话人", required = true },
    { id = "kind", type = "select", label = "谈话类型", options = kinds, required = true },
    { id = "date", type = "date", label = "谈话日期", required = true, within_period = true },
    { id = "mode", type = "select", label = "谈话方式", options = { "面谈", "电话", "视频" }, required = true },
    { id = "summary", type = "textarea", label = "谈话主要内容", required = true, min_length = 10, max_length = 2000 },
    { id = "follow_up", type = "textarea", label = "反映的问题和跟进措施", max_length = 1000 },
  },
  check = function(f)
    if f.talker and f.talkee and f.talker == f.talkee then
      return { field = "talkee", message = "谈话人和谈话对象不能是同一人" }
    end
  end,
}
