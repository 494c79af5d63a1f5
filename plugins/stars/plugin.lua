-- 支部达标创优和党员评星定级：“五个基本”“六化”达标、创优考评、五星级党支部创建，党员评星定级。
-- 依据：002 二、2（支部达标创优工程：五个基本、六化标准，基层自评、上级党组织推荐、工委评审，评定
-- 公布达标党支部和优秀等次党支部，不达标的督导整改）；002 二、3（党员评星定级，与民主评议党员
-- 相结合）；000 §4（落实“五个基本”要求，深化“五星级党支部”创建）、§16（星级党组织创建、党员奉献
-- 分星级管理）；003 二、五（标准化党支部）。
return {
  id = "stars",
  name = "达标创优和评星定级",
  version = "1.0.0",
  api = 1,
  description = "党支部达标创优（五个基本、六化）和星级评定，党员评星定级，全县星级分布",
  settings = {
    standard_target = { type = "number", label = "党支部达标率目标（%）", default = 100, min = 0, max = 100 },
    member_rating_target = { type = "number", label = "党员评星定级覆盖率目标（%）", default = 100, min = 0, max = 100 },
  },
  forms = { "forms/branch_rating.lua", "forms/member_rating.lua" },
  checklists = { "checklists.lua" },
  indicators = { "indicators.lua" },
}
