-- 四风问题自查整改：聚焦隐形变异“四风”问题，力戒形式主义、官僚主义（000 §8）；认真开展
-- 自查自纠（001（十五））；深入排查“四风”问题，切实加以整改（002 五、2）。
-- 每次自查填一份；发现问题的，写明问题、整改措施、时限和整改状态。
form "four_winds" {
  title = "“四风”问题自查整改台账",
  description = "“四风”问题自查情况；发现的问题逐条登记整改",
  scope = "department", period = "year", many = true, deadline_days = 31,
  sections = {
    { id = "problem", title = "问题及整改", visible_if = function(f) return f.found == true end },
  },
  fields = {
    { id = "date", type = "date", label = "自查日期", required = true, within_period = true },
    { id = "scope_text", type = "text", label = "自查范围", required = true, max_length = 60 },
    { id = "found", type = "bool", label = "是否发现问题", required = true },
    { id = "category", type = "select", label = "问题类别", section = "problem", required = "请选择问题类别",
      options = { "形式主义", "官僚主义", "享乐主义", "奢靡之风" } },
    { id = "problem_text", type = "textarea", label = "问题表现", section = "problem", min_length = 5, max_length = 2000,
      required = "请写明问题表现" },
    { id = "measure", type = "textarea", label = "整改措施", section = "problem", max_length = 2000,
      required = "请写明整改措施" },
    { id = "deadline", type = "date", label = "整改时限", section = "problem", required = "请填写整改时限" },
    { id = "status", type = "select", label = "整改状态", section = "problem", required = "请选择整改状态",
      options = { "整改中", "已整改" } },
    { id = "done", type = "date", label = "整改完成日期", section = "problem",
      visible_if = function(f) return f.status == "已整改" end, required = "已整改的须填写完成日期" },
  },
  check = function(f)
    local out = {}
    if f.deadline and f.date and f.deadline < f.date then
      out[#out + 1] = { field = "deadline", message = "整改时限不能早于自查日期" }
    end
    if f.done and f.date and f.done < f.date then
      out[#out + 1] = { field = "done", message = "整改完成日期不能早于自查日期" }
    end
    if #out > 0 then return out end
  end,
}
