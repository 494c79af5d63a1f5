-- 文明单位随机抽查（004（五）1（4）、2（3））：采取随机走访、定期暗访等方式，加强日常管理监督。
-- 由工委填报，每次抽查一份。
form "spot_check" {
  title = "文明单位随机抽查记录",
  description = "工委对文明单位和创建单位的随机走访、暗访情况",
  scope = "department", period = "month", many = true, deadline_days = 10,
  expected = false,  -- filled when it happens: never due, never overdue
  fill_roles = { "admin" },
  fields = {
    { id = "date", type = "date", label = "抽查日期", required = true, within_period = true },
    { id = "method", type = "select", label = "抽查方式", required = true, options = { "随机走访", "定期暗访", "网上抽查" } },
    { id = "items", type = "text", label = "抽查内容", required = true, max_length = 100 },
    { id = "result", type = "select", label = "抽查结果", required = true, options = { "合格", "基本合格", "不合格" } },
    { id = "problems", type = "textarea", label = "发现的问题", max_length = 2000,
      visible_if = function(f) return f.result == "基本合格" or f.result == "不合格" end,
      required = "抽查未完全合格的须写明发现的问题" },
    { id = "rectify_by", type = "date", label = "整改期限",
      visible_if = function(f) return f.result == "不合格" end, required = "抽查不合格的须规定整改期限" },
  },
  check = function(f)
    if f.rectify_by and f.date and f.rectify_by < f.date then
      return { field = "rectify_by", message = "整改期限不能早于抽查日期" }
    end
  end,
}
