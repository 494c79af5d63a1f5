#pragma once
// Keeps the indicator cache current: the engine's one subscription to the change bus. Each
// write's event marks exactly the cached values it affects (inside the write's transaction),
// and changes to the tree or to plugins drop the engine's snapshots of them.
#include <functional>

#include "db/database.hpp"
#include "store/change_bus.hpp"

namespace dj {

namespace indicators {
class IndicatorEngine;
}

// `engine` returns the engine if one was made, else nullptr (then only the tables are marked).
void keep_indicators_current(store::ChangeBus& bus, const db::Connection& db,
                             std::function<indicators::IndicatorEngine*()> engine);

}  // namespace dj
