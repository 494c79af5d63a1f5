-- 关爱帮扶的提醒。
local period = require("dj.period")
local members = require("lib.members")

-- 000 §19：为党员过“政治生日”。每月 1 日起提醒当月入党周年的党员（本年入党的，次年才有周年）。
reminder "political_birthday" {
  name = "政治生日提醒", scope = "branch",
  check = function(q)
    local out = {}
    local first = ("%04d-01-01"):format(q.year)
    for _, m in ipairs(q:members({ join_month = q.month, joined_before = first })) do
      local day = ("%04d-%s"):format(q.year, m.join_date:sub(6, 10))
      if day:sub(6, 10) == "02-29" and not (q.year % 4 == 0 and (q.year % 100 ~= 0 or q.year % 400 == 0)) then
        day = ("%04d-02-28"):format(q.year)
      end
      out[#out + 1] = {
        text = ("党员%s %s 过政治生日（入党 %d 周年）"):format(m.name, day, q.year - tonumber(m.join_date:sub(1, 4))),
        level = "info", due = day, member = m.id,
      }
    end
    if #out > 0 then return out end
  end,
}

-- 000 §19：“光荣在党50年”纪念章。七一前 medal_notice_days 天起提醒当年党龄满 50 年的党员；
-- 七一之后仍未颁发的、以及往年已满 50 年仍未颁发的，提示为逾期。
reminder "medal_due" {
  name = "“光荣在党50年”纪念章提醒", scope = "branch",
  check = function(q)
    local qiyi = ("%04d-07-01"):format(q.year)
    local from = dates.add_days(qiyi, -(q.settings.medal_notice_days or 30))
    local out = {}
    for _, m in ipairs(members.medal_pending(q, q.year)) do
      if m.backlog or q.date > qiyi then
        out[#out + 1] = { text = ("党员%s（%s 转正）党龄已满 50 年，尚未颁发“光荣在党50年”纪念章"):format(m.name, m.full_date),
          level = "overdue", due = qiyi, member = m.id }
      elseif q.date >= from then
        out[#out + 1] = { text = ("党员%s（%s 转正）到 %s 党龄满 50 年，请准备颁发“光荣在党50年”纪念章"):format(
            m.name, m.full_date, qiyi), level = "warning", due = qiyi, member = m.id }
      end
    end
    if #out > 0 then return out end
  end,
}

-- 000 §19：按时足额发放老党员生活补贴。每月提醒日起，本月尚未足额发放的。
reminder "subsidy_gap" {
  name = "老党员生活补贴提醒", scope = "department",
  check = function(q)
    if period.day(q.date) < (q.settings.subsidy_day or 20) then return nil end
    local eligible = members.subsidy_eligible(q)
    if eligible == 0 then return nil end
    local paid = q:count_distinct("subsidy", "member", { full = true })
    if paid < eligible then
      return { text = ("本月尚有 %d 名老党员的生活补贴未足额发放"):format(eligible - paid), level = "warning",
        due = period.month_end(q.date) }
    end
  end,
}

-- 003 二、四：每名机关党员每月至少 2 次到联系帮扶户家中开展帮扶活动。
reminder "help_visit_gap" {
  name = "联系帮扶走访提醒", scope = "branch",
  check = function(q)
    if period.day(q.date) < (q.settings.help_remind_day or 20) then return nil end
    local per = q.settings.help_visits_per_month or 2
    local need = members.helpers(q)
    local done = q:count_distinct("help_visit", "member", nil, per)
    if done < need then
      return { text = ("本月尚有 %d 名党员未完成 %d 次联系帮扶户走访"):format(need - done, per), level = "info",
        due = period.month_end(q.date) }
    end
  end,
}

-- 000 §19：“七一”走访慰问生活困难党员。六月十五日起，本月还没有七一走访记录的提醒。
reminder "qiyi_visit" {
  name = "七一走访慰问提醒", scope = "department",
  check = function(q)
    if q.month ~= 6 or period.day(q.date) < 15 then return nil end
    if q:count_members({ flag = "生活困难" }) == 0 then return nil end
    if q:count("visit", { occasion = "七一" }) > 0 then return nil end
    return { text = "“七一”将至，请组织走访慰问生活困难党员", level = "info", due = ("%04d-07-01"):format(q.year) }
  end,
}
