-- 纪律建设的提醒。
local branch = require("dj.branch")

-- 002 五、3：机关纪检组织设置（与合规规则 structure 同一口径，在首页随时提醒）。
reminder "structure_gap" {
  name = "纪检组织设置提醒", scope = "party_org",
  check = function(q)
    local n = q.node
    if n.type == "organ_committee" and not n.has_discipline_committee then
      return { text = n.name .. "设有机关党委，但未设立机关纪委，请按规定设立", level = "warning" }
    elseif (n.type == "general_branch" or (n.type == "branch" and branch.has_committee(q)))
        and not n.has_discipline_member then
      return { text = n.name .. "未设纪律检查委员，请在支部委员会中明确", level = "warning" }
    end
  end,
}
