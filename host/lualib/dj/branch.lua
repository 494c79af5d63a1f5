-- dj.branch: rules of the 《中国共产党支部工作条例（试行）》 that several plugins apply to a
-- branch. Shipped with the host; every plugin may require("dj.branch").
local M = {}

-- 第九条：正式党员 7 人以上的党支部设立支部委员会；不足 7 人的不设支部委员会（只设书记），
-- 因而也不召开支委会、不设纪检委员。
M.committee_threshold = 7

-- True when the branch the query is about has a 支部委员会.
function M.has_committee(q)
  return q:count_members({ status = "正式" }) >= M.committee_threshold
end

return M
