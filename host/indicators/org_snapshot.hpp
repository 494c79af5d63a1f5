#pragma once
// The org tree on one date, in depth-first order (a node's subtree is the contiguous run
// after it), with which plugins are on at each node and their merged settings. Indicators,
// reminders and assessments all read the tree this way: a past year keeps the tree it had.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "model/org.hpp"

namespace dj::indicators {

struct PluginDefaults {
    std::string id;
    nlohmann::json defaults = nlohmann::json::object();  // declared settings' defaults
    std::optional<std::string> owner_unit;               // a unit's own scripts: on in its subtree only
};

class OrgSnapshot {
public:
    static std::shared_ptr<const OrgSnapshot> load(const db::Connection& db, Date at,
                                                   const std::vector<PluginDefaults>& plugins);

    Date date() const { return date_; }
    const std::vector<OrgNode>& nodes() const { return nodes_; }
    std::optional<std::size_t> index_of(std::int64_t id) const;
    std::optional<std::size_t> index_of_code(const std::string& code) const;
    // One past the last node of i's subtree.
    std::size_t subtree_end(std::size_t i) const { return end_[i]; }
    std::optional<std::size_t> parent(std::size_t i) const { return parent_[i]; }
    bool enabled(std::size_t i, const std::string& plugin_id) const;
    const nlohmann::json& settings(std::size_t i, const std::string& plugin_id) const;
    // The node as indicator code sees it (q.node): code name type kind and attributes.
    nlohmann::json node_json(std::size_t i) const;

private:
    struct State {
        bool enabled = false;
        std::shared_ptr<const nlohmann::json> settings;
    };
    Date date_;
    std::vector<OrgNode> nodes_;
    std::vector<std::size_t> end_;
    std::vector<std::optional<std::size_t>> parent_;
    std::unordered_map<std::int64_t, std::size_t> by_id_;
    std::map<std::string, std::size_t> plugin_index_;
    std::vector<std::vector<State>> state_;  // node -> plugin index -> state
};

}  // namespace dj::indicators
