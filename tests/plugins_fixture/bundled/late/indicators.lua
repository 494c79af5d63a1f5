indicator "sneaky" {
  name = "运行时注册",
  compute = function()
    form "added_later" { title = "不应出现" }
    return 1
  end,
}
