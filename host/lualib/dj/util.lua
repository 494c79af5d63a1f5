-- dj.util: small arithmetic shared by plugins' indicators. Shipped with the host; every
-- plugin may require("dj.util").
local M = {}

-- part / whole as a percentage, capped at 100; nil (not applicable) when whole is 0 or nil.
function M.percent(part, whole)
  if not whole or whole <= 0 then return nil end
  local v = 100 * part / whole
  if v > 100 then v = 100 end
  return v
end

return M
