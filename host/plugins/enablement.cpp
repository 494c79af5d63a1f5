#include "plugins/enablement.hpp"

namespace dj::plugins {

std::map<std::string, EffectivePlugin> effective_plugins(
    const std::vector<std::pair<std::string, std::vector<EnablementEntry>>>& path) {
    std::map<std::string, EffectivePlugin> out;
    for (std::size_t level = 0; level < path.size(); ++level) {
        const auto& [code, entries] = path[level];
        bool last = level + 1 == path.size();
        for (const auto& e : entries) {
            auto& p = out[e.plugin_id];
            p.plugin_id = e.plugin_id;
            if (e.enabled) {
                p.enabled = *e.enabled;  // set arithmetic: add or remove at this level
                p.decided_at = code;
                p.inherited = !last;
            }
            if (e.settings.is_object())
                for (auto it = e.settings.begin(); it != e.settings.end(); ++it) {
                    p.settings[it.key()] = it.value();
                    p.setting_source[it.key()] = code;
                }
        }
    }
    return out;
}

}  // namespace dj::plugins
