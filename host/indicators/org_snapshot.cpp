#include "indicators/org_snapshot.hpp"

#include "db/org_tree.hpp"

namespace dj::indicators {

using nlohmann::json;

std::shared_ptr<const OrgSnapshot> OrgSnapshot::load(const db::Connection& db, Date at,
                                                     const std::vector<PluginDefaults>& plugins) {
    auto s = std::make_shared<OrgSnapshot>();
    s->date_ = at;
    auto root = db.prepare(
        "SELECT node_id FROM org_version WHERE parent_id IS NULL AND valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1) "
        "ORDER BY node_id LIMIT 1");
    root.bind(1, at.iso());
    if (!root.step()) return s;
    s->nodes_ = org_tree::subtree(db, root.int64(0), at);
    const std::size_t n = s->nodes_.size();
    s->end_.assign(n, n);
    s->parent_.assign(n, std::nullopt);
    std::vector<std::size_t> open;  // the path from the root to the current node
    for (std::size_t i = 0; i < n; ++i) {
        s->by_id_[s->nodes_[i].id] = i;
        while (!open.empty() && s->nodes_[open.back()].depth >= s->nodes_[i].depth) {
            s->end_[open.back()] = i;
            open.pop_back();
        }
        if (!open.empty()) s->parent_[i] = open.back();
        open.push_back(i);
    }

    // Enablement: each node starts from its parent's state and applies its own entries
    // (Prosody-style set arithmetic down the tree; settings merge, the lower node wins).
    for (std::size_t p = 0; p < plugins.size(); ++p) s->plugin_index_[plugins[p].id] = p;
    std::unordered_map<std::int64_t, std::vector<std::pair<std::size_t, std::pair<std::optional<bool>, json>>>> own;
    auto st = db.prepare("SELECT org_id, plugin_id, enabled, settings FROM plugin_enablement");
    while (st.step()) {
        auto it = s->plugin_index_.find(st.text(1));
        if (it == s->plugin_index_.end()) continue;
        std::optional<bool> on;
        if (!st.is_null(2)) on = st.int64(2) != 0;
        own[st.int64(0)].push_back({it->second, {on, json::parse(st.text(3), nullptr, false)}});
    }
    std::vector<State> base(plugins.size());
    for (std::size_t p = 0; p < plugins.size(); ++p) base[p].settings = std::make_shared<const json>(plugins[p].defaults);
    s->state_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& mine = s->state_[i];
        mine = s->parent_[i] ? s->state_[*s->parent_[i]] : base;
        if (auto it = own.find(s->nodes_[i].id); it != own.end())
            for (const auto& [p, entry] : it->second) {
                if (entry.first) mine[p].enabled = *entry.first;
                if (entry.second.is_object() && !entry.second.empty()) {
                    auto merged = std::make_shared<json>(*mine[p].settings);
                    for (auto kv = entry.second.begin(); kv != entry.second.end(); ++kv) (*merged)[kv.key()] = kv.value();
                    mine[p].settings = std::move(merged);
                }
            }
    }
    // A unit's scripts apply in its whole subtree: mark the descendants too.
    for (std::size_t p = 0; p < plugins.size(); ++p) {
        if (!plugins[p].owner_unit) continue;
        for (std::size_t i = 0; i < n; ++i) s->state_[i][p].enabled = false;
        if (auto at_owner = s->index_of_code(*plugins[p].owner_unit))
            for (std::size_t j = *at_owner; j < s->end_[*at_owner]; ++j) s->state_[j][p].enabled = true;
    }
    return s;
}

std::optional<std::size_t> OrgSnapshot::index_of(std::int64_t id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> OrgSnapshot::index_of_code(const std::string& code) const {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].code == code) return i;
    return std::nullopt;
}

bool OrgSnapshot::enabled(std::size_t i, const std::string& plugin_id) const {
    auto it = plugin_index_.find(plugin_id);
    return it != plugin_index_.end() && state_[i][it->second].enabled;
}

const json& OrgSnapshot::settings(std::size_t i, const std::string& plugin_id) const {
    static const json kEmpty = json::object();
    auto it = plugin_index_.find(plugin_id);
    if (it == plugin_index_.end()) return kEmpty;
    return *state_[i][it->second].settings;
}

json OrgSnapshot::node_json(std::size_t i) const {
    const OrgNode& n = nodes_[i];
    json j = {{"id", n.id}, {"code", n.code}, {"name", n.name}, {"type", org_type_id(n.type)}};
    const auto& a = n.attrs;
    if (a.kind) j["kind"] = *a.kind;
    if (a.staff_count) j["staff_count"] = *a.staff_count;
    if (a.party_affairs_staff) j["party_affairs_staff"] = *a.party_affairs_staff;
    if (a.term_start) j["term_start"] = a.term_start->iso();
    if (a.term_end) j["term_end"] = a.term_end->iso();
    if (a.has_discipline_committee) j["has_discipline_committee"] = *a.has_discipline_committee;
    if (a.has_discipline_member) j["has_discipline_member"] = *a.has_discipline_member;
    return j;
}

}  // namespace dj::indicators
