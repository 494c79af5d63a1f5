#include "store/plugin_store.hpp"

#include "store/audit_log.hpp"
#include "store/settings_store.hpp"

namespace dj::store {

using nlohmann::json;

std::vector<std::string> PluginStore::folders() const {
    std::vector<std::string> out;
    if (auto value = SettingsStore(db_).get("plugin_dirs")) {
        auto list = json::parse(*value, nullptr, false);
        if (list.is_array())
            for (const auto& d : list)
                if (d.is_string()) out.push_back(d.get<std::string>());
    }
    return out;
}

void PluginStore::set_folders(const std::vector<std::string>& folders) const {
    SettingsStore(db_).put("plugin_dirs", json(folders).dump());
    changes_.emit(ChangeEvent::plugin_code());
}

std::vector<plugins::EnablementEntry> PluginStore::entries_at(std::int64_t node_id, const std::string& node_code) const {
    auto st = db_.prepare("SELECT plugin_id, enabled, settings FROM plugin_enablement WHERE org_id = ? ORDER BY plugin_id");
    st.bind(1, node_id);
    std::vector<plugins::EnablementEntry> list;
    while (st.step()) {
        std::optional<bool> enabled;
        if (!st.is_null(1)) enabled = st.int64(1) != 0;
        list.push_back({node_code, st.text(0), enabled, json::parse(st.text(2), nullptr, false)});
    }
    return list;
}

std::optional<EnablementRow> PluginStore::entry(std::int64_t node_id, const std::string& plugin_id) const {
    auto st = db_.prepare("SELECT enabled, settings FROM plugin_enablement WHERE org_id = ? AND plugin_id = ?");
    st.bind_all(node_id, plugin_id);
    if (!st.step()) return std::nullopt;
    EnablementRow row;
    if (!st.is_null(0)) row.enabled = st.int64(0) != 0;
    row.settings = json::parse(st.text(1), nullptr, false);
    return row;
}

std::map<std::int64_t, bool> PluginStore::switches_of(const std::string& plugin_id) const {
    std::map<std::int64_t, bool> out;
    auto st = db_.prepare("SELECT org_id, enabled FROM plugin_enablement WHERE plugin_id = ?");
    st.bind(1, plugin_id);
    while (st.step())
        if (!st.is_null(1)) out[st.int64(0)] = st.int64(1) != 0;
    return out;
}

std::vector<std::int64_t> PluginStore::nodes_with_entries() const {
    std::vector<std::int64_t> out;
    auto st = db_.prepare("SELECT DISTINCT org_id FROM plugin_enablement");
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

void PluginStore::put_entry(std::int64_t node_id, const std::string& plugin_id, const EnablementRow& row,
                            const std::string& actor) const {
    std::optional<std::int64_t> flag;
    if (row.enabled) flag = *row.enabled ? 1 : 0;
    db_.prepare(
           "INSERT INTO plugin_enablement(org_id, plugin_id, enabled, settings, updated_by, updated_at) VALUES (?,?,?,?,?,?) "
           "ON CONFLICT(org_id, plugin_id) DO UPDATE SET enabled = excluded.enabled, settings = excluded.settings, "
           "updated_by = excluded.updated_by, updated_at = excluded.updated_at")
        .bind_all(node_id, plugin_id, flag, row.settings.dump(), actor, clock_.now())
        .run();
    changes_.emit(ChangeEvent::plugin_settings(plugin_id));  // they feed every indicator of the plugin
}

void PluginStore::remove_entry(std::int64_t node_id, const std::string& plugin_id) const {
    db_.prepare("DELETE FROM plugin_enablement WHERE org_id = ? AND plugin_id = ?").bind_all(node_id, plugin_id).run();
    changes_.emit(ChangeEvent::plugin_settings(plugin_id));
}

std::vector<plugins::UnitScript> PluginStore::active_scripts() const {
    std::vector<plugins::UnitScript> scripts;
    auto st = db_.prepare(
        "SELECT n.code, s.name, s.version, s.source FROM unit_script s JOIN org_node n ON n.id = s.org_id "
        "WHERE s.active = 1 AND s.version = (SELECT max(version) FROM unit_script t WHERE t.org_id = s.org_id AND t.name = s.name) "
        "ORDER BY n.code, s.name");
    while (st.step()) scripts.push_back({st.text(0), st.text(1) + ".lua", st.int32(2), st.text(3)});
    return scripts;
}

std::vector<UnitScriptInfo> PluginStore::read_scripts(const std::string& where, std::int64_t key) const {
    auto st = db_.prepare(
        "SELECT s.id, n.code, s.name, s.version, s.note, s.author, s.created_at, s.source FROM unit_script s "
        "JOIN org_node n ON n.id = s.org_id " + where);
    st.bind(1, key);
    std::vector<UnitScriptInfo> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.int32(3), st.text(4), st.text(5), st.text(6), st.text(7), {}});
    return out;
}

std::vector<UnitScriptInfo> PluginStore::scripts_of(std::int64_t node_id, bool all_versions) const {
    return read_scripts(
        std::string("WHERE s.org_id = ?1 ") +
            (all_versions ? "" : "AND s.version = (SELECT max(version) FROM unit_script t WHERE t.org_id = s.org_id AND t.name = s.name) ") +
            "ORDER BY s.name, s.version DESC",
        node_id);
}

std::optional<UnitScriptInfo> PluginStore::script(std::int64_t id) const {
    auto rows = read_scripts("WHERE s.id = ?1", id);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::pair<std::int64_t, int> PluginStore::add_script(std::int64_t node_id, std::string_view name, std::string_view source,
                                                     std::string_view note, const std::string& author) const {
    auto v = db_.prepare("SELECT coalesce(max(version), 0) FROM unit_script WHERE org_id = ? AND name = ?");
    v.bind_all(node_id, name);
    v.step();
    int version = v.int32(0) + 1;
    db_.prepare("INSERT INTO unit_script(org_id, name, version, source, note, author, created_at) VALUES (?,?,?,?,?,?,?)")
        .bind_all(node_id, name, version, source, note, author, clock_.now())
        .run();
    auto id = db_.last_insert_rowid();
    changes_.emit(ChangeEvent::plugin_code());
    return {id, version};
}

namespace {

constexpr const char* kFaultsKey = "unit_script_faults";

json faults_json(const db::Connection& db) {
    auto value = SettingsStore(db).get(kFaultsKey);
    json all = value ? json::parse(*value, nullptr, false) : json::object();
    return all.is_object() ? all : json::object();
}

}  // namespace

std::vector<plugins::UnitScriptFault> PluginStore::script_faults() const {
    std::vector<plugins::UnitScriptFault> out;
    const json all = faults_json(db_);
    for (auto it = all.begin(); it != all.end(); ++it) {
        const json& f = it.value();
        if (f.is_object() && f.value("versions", json()).is_string() && f.value("reason", json()).is_string())
            out.push_back({it.key(), f["versions"].get<std::string>(), f["reason"].get<std::string>()});
    }
    return out;
}

void PluginStore::record_script_faults(const std::vector<plugins::UnitScriptFault>& faults) const {
    if (faults.empty()) return;
    db::Transaction tx(db_);
    json all = faults_json(db_);
    for (const auto& f : faults)
        all[f.unit_code] = {{"versions", f.versions}, {"reason", f.reason}, {"at", clock_.now()}};
    SettingsStore(db_).put(kFaultsKey, all.dump());
    tx.commit();
}

void PluginStore::clear_script_fault(const std::string& unit_code) const {
    db::Transaction tx(db_);
    json all = faults_json(db_);
    if (unit_code.empty()) all = json::object();
    else all.erase(unit_code);
    SettingsStore(db_).put(kFaultsKey, all.dump());
    tx.commit();
}

}  // namespace dj::store
