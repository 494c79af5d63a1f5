-- Which members the care plugin's indicators and reminders are about.
local M = {}

-- 联系帮扶的党员：设置了 helper_flag 的，只算带此标记的党员；否则全体党员（003 二、四“每名机关党员”）。
function M.helpers(q)
  local flag = q.settings.helper_flag
  if flag and flag ~= "" then return q:count_members({ flag = flag }) end
  return q:count_members()
end

-- 老党员生活补贴对象（000 §19“新中国成立前入党的农村老党员和未享受离退休待遇的城镇老党员”）：
-- 1949-10-01 前入党，并且标记为「农村」或「未享受离退休待遇」（两个都有的只算一次）。不看「老党员」
-- 标记：那是党龄 50 年的标记，不是补贴的条件。
M.prc_founded = "1949-10-01"
function M.subsidy_eligible(q)
  local before = M.prc_founded
  return q:count_members({ joined_before = before, flag = "农村" })
    + q:count_members({ joined_before = before, flag = "未享受离退休待遇" })
    - q:count_members({ joined_before = before, flag = { "农村", "未享受离退休待遇" } })
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
