-- dj.period: months, quarters and days of a query's period and of ISO dates
-- ("2020-03-15"). Shipped with the host; every plugin may require("dj.period").
local M = {}

local function ym(iso)
  return tonumber(iso:sub(1, 4)), tonumber(iso:sub(6, 7))
end

-- True for a Gregorian leap year.
function M.is_leap(year)
  return (year % 4 == 0 and year % 100 ~= 0) or year % 400 == 0
end

-- Days in a month of a year.
function M.days_in_month(year, month)
  if month == 2 then return M.is_leap(year) and 29 or 28 end
  if month == 4 or month == 6 or month == 9 or month == 11 then return 30 end
  return 31
end

-- Calendar months touched from one ISO date to another, both counted (2020-01-31 to
-- 2020-03-01 is 3); 0 when `to` is before `from`.
function M.months_between(from, to)
  local y1, m1 = ym(from)
  local y2, m2 = ym(to)
  return math.max(0, (y2 - y1) * 12 + (m2 - m1) + 1)
end

-- Months covered by the query's period: 1 for a month, 3 for a quarter, 12 for a year.
function M.months(q)
  return M.months_between(q.from, q.to)
end

-- Quarters covered by the query's period (at least 1).
function M.quarters(q)
  return math.max(1, M.months(q) // 3)
end

-- Months of the query's period during which something existing from `since` to `until`
-- (ISO dates; nil for open ends) existed, counting a month it existed in at all.
function M.months_within(q, since, until_)
  local from = (since and since > q.from) and since or q.from
  local to = (until_ and until_ < q.to) and until_ or q.to
  if to < from then return 0 end
  return M.months_between(from, to)
end

-- Quarters of the query's period during which it existed, counting a quarter it existed
-- in at all (founded 2020-05-10: Q2–Q4, 3 quarters of 2020).
function M.quarters_within(q, since, until_)
  local from = (since and since > q.from) and since or q.from
  local to = (until_ and until_ < q.to) and until_ or q.to
  if to < from then return 0 end
  local y1, m1 = ym(from)
  local y2, m2 = ym(to)
  return (y2 * 4 + (m2 - 1) // 3) - (y1 * 4 + (m1 - 1) // 3) + 1
end

-- Day of the month of an ISO date.
function M.day(iso)
  return tonumber(iso:sub(9, 10))
end

-- Last day of the month of an ISO date.
function M.month_end(iso)
  local y, m = ym(iso)
  return ("%04d-%02d-%02d"):format(y, m, M.days_in_month(y, m))
end

return M
