#pragma once
// Plugins' tables: enablement and settings per org node (plugin_enablement), units' own
// scripts (unit_script) and the database's plugin folders (app_setting 'plugin_dirs').
// Enablement writes raise ChangeKind::PluginSettings; script and folder writes PluginCode.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "plugins/enablement.hpp"
#include "plugins/plugin_host.hpp"
#include "store/change_bus.hpp"
#include "store/record_clock.hpp"
#include "store/records.hpp"

namespace dj::store {

// One node's own entry for a plugin.
struct EnablementRow {
    std::optional<bool> enabled;  // nullopt: settings only, inheritance unchanged
    nlohmann::json settings = nlohmann::json::object();
};

class PluginStore {
public:
    PluginStore(const db::Connection& db, const ChangeBus& changes, const RecordClock& clock)
        : db_(db), changes_(changes), clock_(clock) {}

    std::vector<std::string> folders() const;
    void set_folders(const std::vector<std::string>& folders) const;

    // A node's own entries, by plugin id (org_code is the node's, given by the caller).
    std::vector<plugins::EnablementEntry> entries_at(std::int64_t node_id, const std::string& node_code) const;
    std::optional<EnablementRow> entry(std::int64_t node_id, const std::string& plugin_id) const;
    // Every node's own on/off for one plugin (nodes with settings only are left out).
    std::map<std::int64_t, bool> switches_of(const std::string& plugin_id) const;
    // Every node that holds an enablement entry for any plugin.
    std::vector<std::int64_t> nodes_with_entries() const;
    void put_entry(std::int64_t node_id, const std::string& plugin_id, const EnablementRow& row,
                   const std::string& actor) const;
    void remove_entry(std::int64_t node_id, const std::string& plugin_id) const;

    // The newest version of every active script, by unit code then name.
    std::vector<plugins::UnitScript> active_scripts() const;
    // Scripts of one node, newest version first; `all_versions` false keeps only the newest of each.
    std::vector<UnitScriptInfo> scripts_of(std::int64_t node_id, bool all_versions) const;
    std::optional<UnitScriptInfo> script(std::int64_t id) const;
    // Saves the next version of a node's script; returns the new row's id and version.
    std::pair<std::int64_t, int> add_script(std::int64_t node_id, std::string_view name, std::string_view source,
                                            std::string_view note, const std::string& author) const;

    // Units whose scripts were stopped for time or memory while loading, with the versions
    // that stopped (app_setting 'unit_script_faults', one entry per unit): those versions
    // are not run again, in this process or any later one, until they change.
    std::vector<plugins::UnitScriptFault> script_faults() const;
    void record_script_faults(const std::vector<plugins::UnitScriptFault>& faults) const;
    // Forgets a unit's fault (an empty code: every unit's) so its scripts are tried again.
    void clear_script_fault(const std::string& unit_code) const;

private:
    std::vector<UnitScriptInfo> read_scripts(const std::string& where, std::int64_t key) const;

    const db::Connection& db_;
    const ChangeBus& changes_;
    const RecordClock& clock_;
};

}  // namespace dj::store
