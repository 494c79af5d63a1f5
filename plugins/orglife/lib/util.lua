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

return M
