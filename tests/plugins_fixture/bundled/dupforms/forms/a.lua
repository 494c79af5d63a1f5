form "visit" { title = "走访一" }
