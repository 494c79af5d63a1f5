form "fine" { title = "没问题" }
