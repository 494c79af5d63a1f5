-- “四不两直”督查的指标和规则（000 §17）。督查发现的问题要成为整改事项：督查记录报送时，表单的
-- rectifications 函数让主机把每条问题登记为整改事项（来源 inspection）；规则仍核对登记条数不少于
-- 发现条数（插件更新前报送的记录、被删改的事项），整改完成率读这些整改事项。
indicator "visits" {
  name = "“四不两直”督查次数", unit = "次", period = "year", scope = "department", rollup = "sum", weight = 0,
  description = "本年对本单位开展的“四不两直”督查次数（六项全部做到的）",
  compute = function(q) return q:count("visit", { full = true }) end,
}

indicator "findings_registered" {
  name = "督查发现问题登记为整改事项", scope = "department", period = "year", weight = 5,
  description = "本年督查发现的问题条数多于本年来源为“督查检查”的整改事项数的，记 1 条问题",
  check = function(q)
    local found = q:sum("visit", "finding_count") or 0
    local listed = q:rectifications({ source = "inspection", year = q.year })
    if listed < found then
      return ("本年“四不两直”督查发现问题 %d 条，已登记整改事项 %d 条，还有 %d 条未登记整改")
        :format(math.tointeger(found) or found, listed, math.tointeger(found - listed) or (found - listed))
    end
  end,
}

indicator "findings_rectified" {
  name = "督查发现问题整改完成率", unit = "%", period = "year", scope = "department",
  target = "rectified_target", rollup = "avg", weight = 5,
  description = "本年来源为“督查检查”的整改事项中已完成或已销号的 ÷ 这些整改事项数 × 100；没有的不计",
  compute = function(q)
    local all = q:rectifications({ source = "inspection", year = q.year })
    if all == 0 then return nil end
    local done = q:rectifications({ source = "inspection", year = q.year, status = "done" })
      + q:rectifications({ source = "inspection", year = q.year, status = "verified" })
    return 100 * done / all
  end,
}
