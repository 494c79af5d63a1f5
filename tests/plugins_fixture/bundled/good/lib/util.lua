local M = {}
M.loads = (M.loads or 0) + 1
function M.percent(part, whole)
  if whole == 0 then return 100 end
  return 100 * part / whole
end
return M
