-- 廉政档案：建立健全党员干部廉政档案（000 §10）。每个部门每年报一次建档情况。
form "integrity_file" {
  title = "党员干部廉政档案建档情况",
  description = "本部门应建、已建和本年更新廉政档案的党员干部人数",
  scope = "department", period = "year", deadline_days = 31,
  fields = {
    { id = "cadres", type = "integer", label = "应建档党员干部人数", required = true, min = 0 },
    { id = "filed", type = "integer", label = "已建档人数", required = true, min = 0 },
    { id = "updated", type = "integer", label = "本年度更新档案人数", required = true, min = 0 },
    { id = "missing", type = "textarea", label = "未建档人员及原因", max_length = 1000,
      visible_if = function(f) return f.cadres and f.filed and f.filed < f.cadres end,
      required = "有未建档的党员干部时须写明人员及原因" },
    { id = "keeper", type = "text", label = "档案管理人", required = true, max_length = 20 },
  },
  check = function(f)
    local out = {}
    if f.filed and f.cadres and f.filed > f.cadres then
      out[#out + 1] = { field = "filed", message = "已建档人数不能多于应建档人数" }
    end
    if f.updated and f.filed and f.updated > f.filed then
      out[#out + 1] = { field = "updated", message = "更新档案人数不能多于已建档人数" }
    end
    if #out > 0 then return out end
  end,
}
