local util = require("lib.util")

indicator "visit_coverage" {
  name = "困难党员走访覆盖率",
  unit = "%",
  target = 100,
  compute = function(q)
    return util.percent(q.visited, q.need)
  end,
}
