-- 004（五）1（3）：严格资格审查。三项全部符合为通过。
checklist "eligibility" {
  title = "文明单位资格审查",
  form = "scorecard",
  items = { "created_plan", "in_assessment", "no_major_incident" },
  pass = 3,
}
