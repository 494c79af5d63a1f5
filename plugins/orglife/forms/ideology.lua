-- 党员干部思想状况分析研判：001（八）“厅直属机关党委每半年 1 次、党支部每季 1 次的党员干部思想
-- 状况分析研判”制度，排查掌握党员干部信教情况。按季度报送：党支部每季一份，机关党委在第二、
-- 第四季度（即每半年）各报一份。
form "ideology" {
  title = "党员干部思想状况分析研判",
  description = "党支部每季度、机关党委每半年一次的党员干部思想状况分析研判",
  scope = "branch", period = "quarter", deadline_days = 15,
  fields = {
    { id = "level", type = "select", label = "研判组织", required = true,
      options = { "党支部", "党总支", "机关党委" },
      help = "机关党委每半年 1 次（第二、第四季度报送），党支部每季度 1 次" },
    { id = "date", type = "date", label = "研判日期", required = true, within_period = true },
    { id = "participants", type = "integer", label = "参加研判人数", required = true, min = 1 },
    { id = "overall", type = "select", label = "思想状况总体判断", required = true,
      options = { "积极稳定", "总体稳定、个别需关注", "存在较突出问题" } },
    { id = "religion_checked", type = "bool", label = "已排查党员干部信教情况", required = true },
    { id = "religion_found", type = "integer", label = "发现信教党员干部人数", min = 0,
      visible_if = function(f) return f.religion_checked == true end, required = "请填写排查发现的人数（没有填 0）" },
    { id = "concerns", type = "textarea", label = "需关注的人员和问题", max_length = 2000,
      visible_if = function(f) return f.overall ~= nil and f.overall ~= "积极稳定" end,
      required = "总体判断不是“积极稳定”的，须写明需关注的人员和问题" },
    { id = "analysis", type = "textarea", label = "分析研判情况", required = true, min_length = 20, max_length = 5000 },
    { id = "measures", type = "textarea", label = "工作措施", required = true, min_length = 10, max_length = 3000 },
  },
  check = function(f)
    if f.religion_checked == false then
      return { field = "religion_checked", message = "001（八）要求研判时排查掌握党员干部信教情况" }
    end
  end,
}
