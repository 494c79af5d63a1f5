-- 换届提醒（002 二、1：认真落实基层党组织按期换届提醒督促机制）。
reminder "term_expiry" {
  name = "换届提醒", scope = "party_org",
  check = function(q)
    local t = q.node.term_end
    if not t then return nil end
    if t < q.date then
      return { text = q.node.name .. "任期已于 " .. t .. " 届满，请尽快换届", level = "overdue", due = t }
    end
    if t <= dates.add_days(q.date, q.settings.term_notice_days or 90) then
      return { text = q.node.name .. "将于 " .. t .. " 任期届满，请按期换届", level = "warning", due = t }
    end
  end,
}
