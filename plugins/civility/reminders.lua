-- 精神文明创建的提醒。
local period = require("dj.period")
local volunteers = require("lib.volunteers")

-- 003 二、四：每名机关党员每月至少参加 1 次社区志愿服务。
reminder "volunteer_gap" {
  name = "社区志愿服务提醒", scope = "branch",
  check = function(q)
    if period.day(q.date) < (q.settings.volunteer_remind_day or 20) then return nil end
    local need = volunteers.volunteers(q)
    local done = q:count_distinct("volunteer", "member", { in_registered = true })
    if done < need then
      return { text = ("本月尚有 %d 名党员未在报到社区参加志愿服务"):format(need - done), level = "info",
        due = period.month_end(q.date) }
    end
  end,
}

-- 003 二、四：组织机关党员到社区报到。
reminder "community_unregistered" {
  name = "到社区报到提醒", scope = "branch",
  check = function(q)
    local n = q:count_members(volunteers.volunteer_filter(q, { not_in_form = { "civility.community_reg", "member" } }))
    if n > 0 then
      return { text = ("有 %d 名党员尚未到社区报到，请组织报到并登记"):format(n), level = "warning" }
    end
  end,
}

-- 004（五）2（3）：信息报送制度。
reminder "info_gap" {
  name = "信息报送提醒", scope = "department",
  check = function(q)
    if period.day(q.date) < (q.settings.volunteer_remind_day or 20) then return nil end
    if q:count("info_report") > 0 then return nil end
    return { text = "本月尚未报送文明创建信息", level = "info", due = period.month_end(q.date) }
  end,
}
