-- 七一表彰和模范机关（000 §1、§20，002 二、3）：推荐、命名（工委审核通过）和摘牌。
-- 值按部门计，工委处为全县合计（rollup = "sum"），即表彰名单的人数、单位数。
indicator "honours_nominated" {
  name = "表彰推荐数", unit = "项", period = "year", scope = "department", rollup = "sum", weight = 0,
  description = "本年报送的七一表彰和模范机关推荐数（已提交或已通过）",
  compute = function(q) return q:count("honour_nomination") end,
}

indicator "honours_named" {
  name = "表彰命名数", unit = "项", period = "year", scope = "department", rollup = "sum", weight = 0,
  description = "本年经机关工委审核通过、列入表彰名单的推荐数",
  compute = function(q) return q:count("honour_nomination", { state = "approved" }) end,
}

indicator "model_organs_named" {
  name = "模范机关建设先进单位命名数", unit = "个", period = "year", scope = "department", rollup = "sum", weight = 0,
  description = "本年经机关工委审核通过的模范机关建设先进单位数",
  compute = function(q) return q:count("honour_nomination", { state = "approved", award = "模范机关建设先进单位" }) end,
}

-- 000 §20：摘掉先进单位牌。本年被撤销先进称号的部门，每项记 1 条问题。
indicator "honour_withdrawn" {
  name = "被撤销先进称号", scope = "department", period = "year", weight = 5,
  description = "本年被工委撤销先进称号（摘牌）的，每项记 1 条问题",
  check = function(q)
    local n = q:count("honour_withdrawal")
    if n == 0 then return nil end
    local out = {}
    for i = 1, n do out[i] = ("本年度被撤销先进称号（第 %d 项）"):format(i) end
    if n == 1 then out[1] = "本年度被撤销先进称号" end
    return out
  end,
}
