-- 违法违纪情况登记（文明单位扣分淘汰依据）：004（五）2（2）探索优化扣分淘汰办法，将单位党政
-- 领导正职与其他班子成员违法违纪区别对待、将纪委查办案件与单位自查案件区别对待。
form "violation" {
  title = "干部职工违法违纪情况登记",
  description = "本单位干部职工受到党纪政务处分或涉嫌犯罪的情况，每人每案一份，用于文明单位扣分淘汰",
  scope = "department", period = "year", many = true, deadline_days = 31,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "unit_admin", "admin" },
  fields = {
    { id = "person", type = "text", label = "当事人", required = true, max_length = 20 },
    { id = "role", type = "select", label = "当事人身份", required = true,
      options = { "单位党政正职", "其他班子成员", "其他干部职工" } },
    { id = "found_by", type = "select", label = "案件来源", required = true, options = { "纪委查办", "单位自查" },
      help = "单位自查：本单位主动发现并报告的；纪委查办：纪检监察机关发现查处的" },
    { id = "severity", type = "select", label = "处理结果", required = true,
      options = { "党纪政务轻处分", "党纪政务重处分", "涉嫌犯罪移送司法机关" },
      help = "轻处分：警告、严重警告、记过等；重处分：撤销党内职务、留党察看、开除党籍、降级、撤职、开除等" },
    { id = "decided_on", type = "date", label = "处理日期", required = true, within_period = true },
    { id = "summary", type = "textarea", label = "主要违纪违法事实", required = true, min_length = 10, max_length = 2000 },
  },
}
