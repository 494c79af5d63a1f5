-- 党员评星定级（002 二、3）：与党员日常表现和岗位履职相结合，抓实民主评议党员。每名党员每年一份，
-- 由党支部填报；星级 1–5 星，附评定依据。
local aspects = {
  { "a_politics", "政治表现" },
  { "a_study", "学习教育" },
  { "a_life", "参加组织生活" },
  { "a_duty", "岗位履职" },
  { "a_role", "先锋模范作用" },
}

local fields = {
  { id = "member", type = "member", label = "党员", required = true },
  { id = "date", type = "date", label = "评定日期", required = true, within_period = true },
}
for _, a in ipairs(aspects) do
  fields[#fields + 1] = { id = a[1], type = "rating", label = a[2], required = true, section = "aspects" }
end
fields[#fields + 1] = { id = "stars", type = "integer", label = "星级", required = true, min = 1, max = 5, help = "1 至 5 星" }
fields[#fields + 1] = { id = "evidence", type = "textarea", label = "评定依据", required = true, min_length = 10, max_length = 2000,
  help = "日常表现、岗位履职和民主评议情况" }

form "member_rating" {
  title = "党员评星定级",
  description = "每名党员每年一份：分项评价、星级和评定依据",
  scope = "branch", period = "year", many = true, deadline_days = 31,
  approval = { "部门" },
  sections = { { id = "aspects", title = "分项评价" } },
  fields = fields,
  -- This plugin's arithmetic (the seeds give none): 5 stars only if no aspect is below 较好;
  -- an aspect rated 差 caps the member at 2 stars.
  check = function(f)
    local worst = 4
    local rank = { ["好"] = 4, ["较好"] = 3, ["一般"] = 2, ["差"] = 1 }
    for _, a in ipairs(aspects) do
      local r = rank[f[a[1]] or ""]
      if r and r < worst then worst = r end
    end
    if f.stars == 5 and worst < 3 then
      return { field = "stars", message = "五星党员各分项评价均应为“较好”以上" }
    end
    if f.stars and f.stars > 2 and worst == 1 then
      return { field = "stars", message = "有分项评价为“差”的党员最高评为二星" }
    end
  end,
}
