#pragma once
// Plugin dependencies (`depends = { "orglife" }` in the manifest): which plugins must be
// refused because something they read is missing or broken, and the order that loads
// every plugin after the plugins it depends on.
#include <cstddef>
#include <string>
#include <vector>

namespace dj::lua {

struct DependencyNode {
    std::string id;
    std::vector<std::string> depends;
    bool usable = false;  // loaded (a refused or faulted plugin satisfies nobody)
    std::string reason;   // why it is not usable, quoted to its dependents
};

struct DependencyResult {
    std::vector<std::string> refusals;  // per node: the Chinese reason, "" when fine
    std::vector<std::size_t> order;     // node indexes, each after its dependencies
};

// Refusal spreads along chains (a plugin depending on a refused one is refused too) and
// cycles are refused. The order keeps the input order wherever dependencies allow it.
DependencyResult resolve_dependencies(const std::vector<DependencyNode>& nodes);

}  // namespace dj::lua
