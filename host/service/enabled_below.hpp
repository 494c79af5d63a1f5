#pragma once
// What a node's subtree has: the plugins enabled at the node or at any node below it. A node
// above where plugins are enabled (the 县委 above the 机关工委) shows its subtree's
// assessment and rolled-up indicators through this, while filing still asks the node itself.
#include <cstdint>
#include <set>
#include <string>

#include "db/database.hpp"
#include "model/date.hpp"

namespace dj {

std::set<std::string> enabled_in_subtree(const db::Connection& db, std::int64_t node_id, Date today);

}  // namespace dj
