-- 阵地活动记录：阵地要成为党员政治学习的中心、思想教育的阵地、工作交流的平台、发扬民主的场所、
-- 风采展示的窗口（003 二、一）；综合体“有常态的活动开展”（000 §14）。每次活动填一份。
form "activity" {
  title = "阵地活动记录",
  description = "在党组织活动阵地或党建阵地综合体开展的活动",
  scope = "branch", period = "month", many = true, deadline_days = 10,
  fields = {
    { id = "venue", type = "text", label = "活动阵地", required = true, max_length = 60 },
    { id = "date", type = "date", label = "活动日期", required = true, within_period = true },
    { id = "kind", type = "select", label = "活动类型", required = true,
      options = { "政治学习", "思想教育", "工作交流", "民主议事", "风采展示", "志愿服务", "党群活动", "其他" } },
    { id = "topic", type = "text", label = "活动主题", required = true, max_length = 60 },
    { id = "members", type = "integer", label = "参加党员人数", required = true, min = 0 },
    { id = "masses", type = "integer", label = "参加群众人数", min = 0 },
    { id = "photo", type = "attachment", label = "活动照片", accept = { ".jpg", ".jpeg", ".png" }, max_bytes = 5 * 1024 * 1024 },
  },
  check = function(f)
    if (f.members or 0) + (f.masses or 0) == 0 then
      return { field = "members", message = "参加党员人数和群众人数不能都为 0" }
    end
  end,
}
