-- 行业系统年度综合考核方案：000 §5“把党建工作纳入行业系统年度工作综合成绩，分值权重不少于三分之一”。
-- 县直机关工委在行业系统主管部门登记该系统的年度综合考核方案：各考核项目及其分值、类别。
form "sector_scheme" {
  title = "行业系统年度综合考核方案",
  description = "行业系统主管部门对本系统的年度工作综合考核方案，党建工作分值权重不少于三分之一",
  scope = "department", period = "year", many = true, deadline_days = 31,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "admin" },
  fields = {
    { id = "sector", type = "text", label = "行业系统名称", required = true, max_length = 40 },
    { id = "items", type = "table", label = "考核项目", required = true, min_rows = 1, max_rows = 100,
      columns = {
        { id = "name", type = "text", label = "项目", required = true, max_length = 60 },
        { id = "category", type = "select", label = "类别", required = true, options = { "党建工作", "业务工作", "其他" } },
        { id = "points", type = "number", label = "分值", required = true, min = 0 },
      } },
    { id = "total", type = "number", label = "总分值",
      compute = function(f)
        local t = 0
        for _, row in ipairs(f.items or {}) do t = t + (row.points or 0) end
        return t
      end },
    { id = "party_points", type = "number", label = "党建工作分值",
      compute = function(f)
        local t = 0
        for _, row in ipairs(f.items or {}) do
          if row.category == "党建工作" then t = t + (row.points or 0) end
        end
        return t
      end },
    -- Stored so the rule compares exactly: 党建 ≥ 1/3 of the total ⇔ total − 3 × 党建 ≤ 0.
    { id = "shortfall", type = "number", label = "党建分值距三分之一的差额（总分值减去 3 倍党建分值）",
      compute = function(f)
        local t, p = 0, 0
        for _, row in ipairs(f.items or {}) do
          t = t + (row.points or 0)
          if row.category == "党建工作" then p = p + (row.points or 0) end
        end
        return t - 3 * p
      end },
    { id = "party_share", type = "number", label = "党建工作权重（%）",
      compute = function(f)
        local t, p = 0, 0
        for _, row in ipairs(f.items or {}) do
          t = t + (row.points or 0)
          if row.category == "党建工作" then p = p + (row.points or 0) end
        end
        if t > 0 then return math.floor(p * 1000 / t + 0.5) / 10 end
      end },
    { id = "document", type = "attachment", label = "考核方案文件", accept = { ".pdf", ".doc", ".docx", ".jpg", ".png" } },
  },
  check = function(f)
    local t = 0
    for _, row in ipairs(f.items or {}) do t = t + (row.points or 0) end
    if f.items and t <= 0 then return { field = "items", message = "考核项目的分值合计应大于 0" } end
  end,
}
