form "broken" {
  title = = "坏",
}
