#include "lua/plugin_depends.hpp"

#include <map>

namespace dj::lua {

namespace {

std::string refused_because(const std::string& dep, const std::string& reason) {
    return "依赖的插件 " + dep + " 未能加载" + (reason.empty() ? "" : "：" + reason);
}

}  // namespace

DependencyResult resolve_dependencies(const std::vector<DependencyNode>& nodes) {
    const std::size_t n = nodes.size();
    DependencyResult out;
    out.refusals.assign(n, "");
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < n; ++i) index.emplace(nodes[i].id, i);
    auto good = [&](std::size_t i) { return nodes[i].usable && out.refusals[i].empty(); };

    // Missing or unusable dependencies, repeated until a chain has fallen completely.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!good(i)) continue;
            for (const std::string& dep : nodes[i].depends) {
                const auto it = index.find(dep);
                if (it == index.end())
                    out.refusals[i] = "依赖的插件 " + dep + " 不存在（请先安装它）";
                else if (!good(it->second))
                    out.refusals[i] = refused_because(
                        dep, out.refusals[it->second].empty() ? nodes[it->second].reason
                                                              : out.refusals[it->second]);
                if (!out.refusals[i].empty()) {
                    changed = true;
                    break;
                }
            }
        }
    }

    // Order: repeatedly take the first node whose usable dependencies are all placed. A
    // node that is not usable waits for nothing; what never becomes ready is a cycle.
    std::vector<bool> placed(n, false);
    auto ready = [&](std::size_t i) {
        if (!good(i)) return true;
        for (const std::string& dep : nodes[i].depends)
            if (!placed[index.at(dep)]) return false;
        return true;
    };
    while (out.order.size() < n) {
        std::size_t pick = n;
        for (std::size_t i = 0; i < n && pick == n; ++i)
            if (!placed[i] && ready(i)) pick = i;
        if (pick == n) {
            // Everything left waits on a cycle: refuse the first such node and go on.
            for (std::size_t i = 0; i < n; ++i)
                if (!placed[i]) {
                    std::string others;
                    for (const std::string& dep : nodes[i].depends)
                        if (!placed[index.at(dep)]) others += (others.empty() ? "" : "、") + dep;
                    out.refusals[i] = "与插件 " + others + " 循环依赖";
                    break;
                }
            continue;
        }
        placed[pick] = true;
        out.order.push_back(pick);
    }
    // A cycle's refusal also refuses what depends on its members, already placed or not.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!good(i)) continue;
            for (const std::string& dep : nodes[i].depends)
                if (!good(index.at(dep))) {
                    out.refusals[i] = refused_because(dep, out.refusals[index.at(dep)]);
                    changed = true;
                    break;
                }
        }
    }
    return out;
}

}  // namespace dj::lua
