-- 组织生活的提醒：当月到了提醒日还没有记录的，提醒补上（003 二、三“每月至少”）。
local period = require("dj.period")
local branch = require("dj.branch")

local function late_in_month(q, day)
  return period.day(q.date) >= (day or 20)
end

local function gap(q, kind, text)
  if not late_in_month(q, q.settings.remind_day) then return nil end
  if q:count("meeting", { kind = kind }) > 0 then return nil end
  return { text = q.node.name .. text, level = "warning", due = period.month_end(q.date) }
end

reminder "committee_gap" {
  name = "支委会提醒", scope = "branch",
  check = function(q)
    if not branch.has_committee(q) then return nil end
    return gap(q, "支部委员会", "本月尚未召开支部委员会")
  end,
}

-- Counted per 党小组: a branch where one group met and another did not is still reminded.
reminder "group_gap" {
  name = "党小组会提醒", scope = "branch",
  check = function(q)
    local groups = q:count_nodes({ type = "group" })
    if groups == 0 or not late_in_month(q, q.settings.remind_day) then return nil end
    local met = q:count_distinct("meeting", "group", { kind = "党小组会" })
    if met >= groups then return nil end
    local text = met == 0 and "本月尚未召开党小组会"
      or ("本月尚有 %d 个党小组未召开党小组会"):format(groups - met)
    return { text = q.node.name .. text, level = "warning", due = period.month_end(q.date) }
  end,
}

reminder "theme_day_gap" {
  name = "主题党日提醒", scope = "branch",
  check = function(q) return gap(q, "主题党日", "本月尚未开展主题党日活动") end,
}

reminder "dues_gap" {
  name = "党费收缴提醒", scope = "branch",
  check = function(q)
    if not late_in_month(q, q.settings.dues_day) then return nil end
    if q:count("dues") > 0 then return nil end
    return { text = q.node.name .. "本月党费尚未收缴登记", level = "warning", due = period.month_end(q.date) }
  end,
}

reminder "study_gap" {
  name = "中心组学习提醒", scope = "department",
  check = function(q)
    if not late_in_month(q, q.settings.remind_day) then return nil end
    if q:count("study") > 0 then return nil end
    return { text = q.node.name .. "本月尚未组织中心组理论学习", level = "warning", due = period.month_end(q.date) }
  end,
}

-- 党章第七条：预备党员的预备期为一年，从支部大会通过其为预备党员之日（入党日期）算起；预备期满，
-- 党的支部应当及时讨论他能否转为正式党员。期满前 probation_notice_days 天起提醒支部准备讨论转正；
-- 已期满仍未转正的，提示为逾期。2 月 29 日入党的，期满日为次年 2 月 28 日。
reminder "probation_due" {
  name = "预备党员转正提醒", scope = "branch",
  check = function(q)
    local notice = q.settings.probation_notice_days or 30
    local out = {}
    for _, m in ipairs(q:members({ status = "预备" })) do
      local year, rest = tonumber(m.join_date:sub(1, 4)), m.join_date:sub(5)
      if rest == "-02-29" then rest = "-02-28" end
      local due = ("%04d%s"):format(year + 1, rest)
      if due < q.date then
        out[#out + 1] = { text = ("预备党员%s（%s 入党）预备期已于 %s 期满，尚未讨论转正"):format(m.name, m.join_date, due),
          level = "overdue", due = due, member = m.id }
      elseif dates.diff_days(q.date, due) <= notice then
        out[#out + 1] = { text = ("预备党员%s（%s 入党）预备期将于 %s 期满，请支部及时讨论其转正"):format(m.name, m.join_date, due),
          level = "warning", due = due, member = m.id }
      end
    end
    if #out > 0 then return out end
  end,
}
