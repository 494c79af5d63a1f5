-- 003 二、一：“六有”标准，六项全有为达标。
checklist "six_haves" {
  title = "“六有”标准",
  form = "venue",
  items = { "has_place", "has_facilities", "has_sign", "has_flag", "has_books", "has_rules" },
  pass = 6,
}

-- 000 §14：“八个有”建设标准，八项全有为达标。
checklist "eight_haves" {
  title = "党建阵地综合体“八个有”建设标准",
  form = "complex",
  items = { "political", "layout", "duties", "process", "activities", "participation", "mechanism", "support" },
  pass = 8,
}
