reminder "term" {
  name = "换届提醒", scope = "party_org",
  check = function(q)
    local t = q.node.term_end
    if t and t >= q.date and t <= dates.add_days(q.date, 90) then
      return { text = q.node.name .. "将于" .. t .. "任期届满", level = "warning", due = t }
    end
  end,
}
reminder "birthday" {
  name = "政治生日", scope = "branch",
  check = function(q)
    local out = {}
    for _, m in ipairs(q:members { join_month = dates.month(q.date) }) do
      out[#out + 1] = { text = m.name .. "同志本月过政治生日", member = m.id }
    end
    return out
  end,
}
