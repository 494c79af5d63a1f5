-- Which members the civility plugin expects at community volunteer service.
local M = {}

-- 应参加社区志愿服务的党员：设置了 volunteer_flag 的，只算带此标记的党员；否则全体党员
-- （003 二、四“确保每名机关党员每月至少参加 1 次”）。
function M.volunteer_filter(q, extra)
  local f = {}
  for k, v in pairs(extra or {}) do f[k] = v end
  local flag = q.settings.volunteer_flag
  if flag and flag ~= "" then f.flag = flag end
  return f
end

function M.volunteers(q)
  return q:count_members(M.volunteer_filter(q))
end

return M
