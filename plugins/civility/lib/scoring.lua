-- 文明单位扣分淘汰办法（004（五）2（2））：党政正职与其他班子成员区别对待，纪委查办与单位自查
-- 区别对待。扣分值是插件设置，县里可按部门调整。
local M = {}

-- { role, found_by, setting }: the deduction per case.
M.table = {
  { "单位党政正职", "纪委查办", "deduct_head_commission" },
  { "单位党政正职", "单位自查", "deduct_head_self" },
  { "其他班子成员", "纪委查办", "deduct_leader_commission" },
  { "其他班子成员", "单位自查", "deduct_leader_self" },
  { "其他干部职工", "纪委查办", "deduct_staff_commission" },
  { "其他干部职工", "单位自查", "deduct_staff_self" },
}

-- Reasons the unit is eliminated (取消文明单位资格) this year, as Chinese sentences.
function M.eliminations(q)
  local out = {}
  if q.settings.eliminate_head_commission ~= false then
    local n = q:count("violation", { role = "单位党政正职", found_by = "纪委查办" })
    if n > 0 then out[#out + 1] = "单位党政正职违法违纪被纪委查处，取消文明单位资格" end
  end
  local crimes = q:count("violation", { severity = "涉嫌犯罪移送司法机关" })
  if crimes > 0 then
    out[#out + 1] = ("有 %d 名干部职工涉嫌犯罪被移送司法机关，取消文明单位资格"):format(crimes)
  end
  return out
end

-- Points deducted from the scorecard this year.
function M.deductions(q)
  local s, total = q.settings, 0
  local head_eliminated = s.eliminate_head_commission ~= false
  for _, row in ipairs(M.table) do
    local role, found_by, key = row[1], row[2], row[3]
    if not (head_eliminated and role == "单位党政正职" and found_by == "纪委查办") then
      total = total + q:count("violation", { role = role, found_by = found_by }) * (s[key] or 0)
    end
  end
  total = total + q:count("spot_check", { result = "不合格" }) * (s.deduct_spot_fail or 0)
  return total
end

return M
