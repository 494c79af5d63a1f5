-- 困难党员信息库（000 §19）：建立生活困难和鳏寡孤独、老弱病残等党员信息库，通过社会保障、
-- 党内互助等方式帮助协调解决实际困难；重点加强因公殉职、牺牲党员的家庭的关怀帮扶。
-- 每年核实登记一次，每人（户）一份。
local FAMILY = "因公殉职、牺牲党员家庭"

form "difficulty" {
  title = "困难党员信息库登记",
  description = "生活困难、鳏寡孤独、老弱病残党员和因公殉职、牺牲党员家庭，每年核实登记",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  fields = {
    { id = "category", type = "select", label = "类别", required = true,
      options = { "生活困难", "鳏寡孤独", "老弱病残", FAMILY } },
    { id = "member", type = "member", label = "党员", visible_if = function(f) return f.category ~= FAMILY end,
      required = "请选择党员" },
    { id = "fallen", type = "text", label = "因公殉职（牺牲）党员姓名", max_length = 20,
      visible_if = function(f) return f.category == FAMILY end, required = "请填写因公殉职（牺牲）党员姓名" },
    { id = "relative", type = "text", label = "家属姓名及关系", max_length = 40,
      visible_if = function(f) return f.category == FAMILY end, required = "请填写家属姓名及与该党员的关系" },
    { id = "situation", type = "textarea", label = "困难情况", required = true, min_length = 5, max_length = 1000 },
    { id = "ways", type = "multiselect", label = "帮扶方式", required = true,
      options = { "社会保障", "党内互助", "走访慰问", "结对帮扶", "其他" } },
    { id = "phone", type = "text", label = "联系电话", pattern = "^1%d%d%d%d%d%d%d%d%d%d$",
      pattern_message = "联系电话应为 11 位手机号" },
  },
}
