#pragma once
// Which plugins apply at an org node. Like Prosody's per-host module sets: walk from the
// root down to the node; an entry that enables adds the plugin to the set, one that
// disables removes it, and settings merge key by key with the lower node winning.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dj::plugins {

struct EnablementEntry {
    std::string org_code;         // where it was set
    std::string plugin_id;
    std::optional<bool> enabled;  // nullopt: settings only, inheritance unchanged
    nlohmann::json settings = nlohmann::json::object();
};

struct EffectivePlugin {
    std::string plugin_id;
    bool enabled = false;
    std::string decided_at;    // the org code whose entry decided `enabled` (empty: never set)
    bool inherited = false;    // decided above the node asked about
    nlohmann::json settings = nlohmann::json::object();  // merged, before defaults
    std::map<std::string, std::string> setting_source;   // setting key -> org code
};

// `path` holds the entries of each node from the root down to the node asked about
// (path.back()). Returns one result per plugin mentioned anywhere on the path.
std::map<std::string, EffectivePlugin> effective_plugins(
    const std::vector<std::pair<std::string, std::vector<EnablementEntry>>>& path);

}  // namespace dj::plugins
