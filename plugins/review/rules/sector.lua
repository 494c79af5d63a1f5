-- 000 §5：行业系统主管部门把党建工作纳入行业系统年度工作综合成绩，分值权重不少于三分之一。
-- 读工委登记的行业系统综合考核方案（forms/sector_scheme.lua）；没有登记方案的部门不适用。
indicator "sector_party_weight" {
  name = "行业系统综合考核党建权重不少于三分之一", scope = "department", period = "year", weight = 5,
  description = "本年登记的行业系统综合考核方案中，党建工作分值低于总分值三分之一的，每个方案记 1 条问题",
  check = function(q)
    local n = q:count("sector_scheme", { shortfall = { ">", 0 } })
    if n == 0 then return nil end
    local share = q:min("sector_scheme", "party_share", { shortfall = { ">", 0 } }) or 0
    local out = {}
    for i = 1, n do
      out[i] = i == 1
        and ("行业系统综合考核方案中党建工作分值权重为 %.1f%%，低于三分之一"):format(share)
        or "另有行业系统综合考核方案中党建工作分值权重低于三分之一"
    end
    return out
  end,
}
