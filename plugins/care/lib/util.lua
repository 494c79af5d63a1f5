-- Small helpers shared by this plugin's indicators and reminders.
local M = {}

-- Months covered by the query's period: 1 for a month, 3 for a quarter, 12 for a year.
function M.months(q)
  local y1, m1 = tonumber(q.from:sub(1, 4)), tonumber(q.from:sub(6, 7))
  local y2, m2 = tonumber(q.to:sub(1, 4)), tonumber(q.to:sub(6, 7))
  return (y2 - y1) * 12 + (m2 - m1) + 1
end

-- Quarters covered by the query's period (at least 1).
function M.quarters(q)
  return math.max(1, M.months(q) // 3)
end

-- part / whole as a percentage, capped at 100; nil (not applicable) when whole is 0.
function M.percent(part, whole)
  if not whole or whole <= 0 then return nil end
  local v = 100 * part / whole
  if v > 100 then v = 100 end
  return v
end

-- Day of the month of an ISO date.
function M.day(iso)
  return tonumber(iso:sub(9, 10))
end

-- Last day of the month of an ISO date.
function M.month_end(iso)
  local y, m = tonumber(iso:sub(1, 4)), tonumber(iso:sub(6, 7))
  local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  local d = days[m]
  if m == 2 and ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) then d = 29 end
  return ("%04d-%02d-%02d"):format(y, m, d)
end

-- 《中国共产党支部工作条例（试行）》第九条：正式党员 7 人以上的党支部设立支部委员会；
-- 不足 7 人的不设支部委员会（只设书记），因而也不召开支委会、不设纪检委员。
M.committee_threshold = 7

function M.has_committee(q)
  return q:count_members({ status = "正式" }) >= M.committee_threshold
end

-- 联系帮扶的党员：设置了 helper_flag 的，只算带此标记的党员；否则全体党员（003 二、四“每名机关党员”）。
function M.helpers(q)
  local flag = q.settings.helper_flag
  if flag and flag ~= "" then return q:count_members({ flag = flag }) end
  return q:count_members()
end

-- 老党员生活补贴对象（000 §19）：新中国成立前（1949-10-01 前）入党、标记为「老党员」，并且
-- 标记为「农村」（农村老党员）或「未享受离退休待遇」（城镇老党员）。两个标记只应有其一。
M.prc_founded = "1949-10-01"
function M.subsidy_eligible(q)
  return q:count_members({ joined_before = M.prc_founded, flag = { "老党员", "农村" } })
    + q:count_members({ joined_before = M.prc_founded, flag = { "老党员", "未享受离退休待遇" } })
end

-- “光荣在党50年”：党龄从转正日期算起（党章第七条），每年以七月一日为截止日：转正日期不晚于
-- (当年 − 50)-07-01 的党员当年党龄满 50 年。
function M.medal_cutoff(year)
  return ("%04d-07-01"):format(year - 50)
end

-- Members who have reached 50 years by this year's 七一 and have no medal record yet, each with
-- `backlog = true` when they reached it in an earlier year.
function M.medal_pending(q, year)
  local cutoff, last_year = M.medal_cutoff(year), M.medal_cutoff(year - 1)
  local out = {}
  for _, m in ipairs(q:members({ min_party_years = 49, not_in_form = { "care.medal", "member" } })) do
    if m.full_date and m.full_date <= cutoff then
      m.backlog = m.full_date <= last_year
      out[#out + 1] = m
    end
  end
  return out
end

return M
