form "oops" {
  title = "有误的表单",
  fields = {
    { id = "a", type = "colour", label = "颜色" },
    { id = "b", type = "select", label = "选择" },
  },
}
