#pragma once
// The host's view of every plugin: the catalog of folders (bundled, extra), units' own
// scripts from the database, and what their registrations mean to the host (forms for
// now; indicators, reminders and assessment items join later). Forms are parsed when the
// plugin loads, so a broken form faults its plugin with a reason instead of failing later.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assessment/scheme.hpp"
#include "forms/form_validate.hpp"
#include "indicators/indicator_engine.hpp"
#include "lua/plugin_catalog.hpp"

namespace dj::plugins {

// A form bound to the plugin that declared it.
struct FormBinding {
    forms::FormDef def;
    std::shared_ptr<lua::Plugin> plugin;
    const lua::Registration* reg = nullptr;
    std::map<std::string, int> field_index;  // field id -> 1-based position in `fields`
    std::map<std::string, int> section_index;
    std::optional<std::string> owner_unit;   // set for a unit's own script: its org code
};

// A reminder rule or an assessment scheme, bound to its plugin.
struct ReminderBinding {
    indicators::ReminderDef def;
    std::shared_ptr<lua::Plugin> plugin;
    const lua::Registration* reg = nullptr;
};
struct SchemeBinding {
    assessment::Scheme scheme;
    std::shared_ptr<lua::Plugin> plugin;
};

// Calls a form's Lua functions in its plugin's sandbox, under the budget.
class LuaFormHooks : public forms::FormHooks {
public:
    explicit LuaFormHooks(std::shared_ptr<const FormBinding> form);
    nlohmann::json call_field(const std::string& field_path, forms::Hook hook, const nlohmann::json& values,
                              const nlohmann::json& row) override;
    nlohmann::json call_section_visible(const std::string& section, const nlohmann::json& values) override;
    nlohmann::json call_check(const nlohmann::json& values) override;
    bool match_pattern(const std::string& text, const std::string& pattern) override;

private:
    std::shared_ptr<const FormBinding> form_;
};

struct UnitScript {
    std::string unit_code;  // the department (or node) whose subtree it serves
    std::string name;       // file name, e.g. 本单位指标.lua
    int version = 1;
    std::string source;
};

// A unit's scripts that were stopped (time or memory) while loading. Loading them costs
// the whole budget again, so the stop is remembered (in the database, by the caller)
// with the versions that caused it, and those versions are not run again: a new version
// of any of the unit's scripts, or a passing test run, clears it.
struct UnitScriptFault {
    std::string unit_code;
    std::string versions;  // unit_script_versions() of the unit's scripts when it stopped
    std::string reason;    // the stop, in Chinese, with file:line
};

// "a.lua@3;b.lua@1": which versions of a unit's scripts were loaded together.
std::string unit_script_versions(const std::vector<UnitScript>& scripts_of_one_unit);

// The plugin id a unit's scripts run under: "unit_" + the code lowercased, other
// characters as '_' (D0001 → unit_d0001).
std::string unit_plugin_id(const std::string& unit_code);

struct PluginSummary {
    std::string id;
    std::string name;
    std::string version;
    std::string source;  // folder path, or "单位脚本 D0001"
    std::string status;  // loaded / faulted / refused
    std::string status_label;
    std::string reason;
    std::vector<std::string> forms;  // form ids
    std::vector<std::string> depends;  // plugin ids this one reads forms or indicators of
    nlohmann::json settings = nlohmann::json::array();  // declared settings
    std::optional<std::string> owner_unit;
};

class PluginHost {
public:
    PluginHost(std::vector<std::filesystem::path> folders, lua::Limits limits = {});

    // Loads every folder plugin and the given unit scripts.
    void load(const std::vector<UnitScript>& unit_scripts = {});
    // Reloads one plugin (or all with an empty id) from its folder; a broken new version
    // leaves the old one running and the report says why.
    std::vector<lua::ReloadReport> reload(const std::string& id);
    // Loads the units' scripts, except a unit whose versions match a remembered fault:
    // that one is shown as faulted with the remembered reason, without running it.
    void set_unit_scripts(const std::vector<UnitScript>& scripts, const std::vector<UnitScriptFault>& remembered = {});
    // Units whose scripts were stopped for time or memory by the last set_unit_scripts
    // (not those skipped for a remembered fault): the caller records them.
    const std::vector<UnitScriptFault>& new_unit_faults() const { return new_faults_; }

    std::vector<PluginSummary> summaries() const;
    std::optional<PluginSummary> summary(const std::string& id) const;
    // The folder (or unit) a loaded plugin came from, without copying its whole summary
    // (every submission records it).
    std::optional<std::string> source_of(const std::string& id) const;
    const std::vector<std::string>& warnings() const;

    std::shared_ptr<const FormBinding> form(std::string_view form_id) const;
    std::vector<std::shared_ptr<const FormBinding>> forms() const;
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> indicators() const;
    std::vector<std::shared_ptr<const indicators::ChecklistDef>> checklists() const;
    std::vector<std::shared_ptr<const ReminderBinding>> reminders() const;
    std::vector<std::shared_ptr<const SchemeBinding>> schemes() const;
    // The scale a 述职评议 report is rated on: that of the scheme that scores it, else of a
    // scheme of its own plugin, else the default four 等次.
    RatingScale rating_scale_for(std::string_view form_id) const;
    std::shared_ptr<const indicators::IndicatorBinding> indicator(const std::string& id) const;
    std::shared_ptr<const indicators::ChecklistDef> checklist(const std::string& id) const;
    // Every loaded plugin with its declared defaults (and owner, for units' scripts).
    std::vector<indicators::PluginDefaults> plugin_defaults() const;
    // What the query object reads forms and checklists through.
    indicators::QuerySources query_sources() const;

    // The member flags loaded plugins declare (manifest `member_flags`), each once, in
    // plugin order, with every plugin that declares it.
    struct DeclaredFlag {
        std::string name;
        std::string help;
        std::vector<std::string> plugins;
    };
    std::vector<DeclaredFlag> member_flags() const;

    // Declared settings of a plugin (empty for unknown or unit plugins).
    std::vector<lua::SettingSpec> settings_of(const std::string& plugin_id) const;

    // Test-runs a unit's script without saving: loads it beside the unit's other scripts
    // and reports what it registered, or the error with its line.
    struct TestRun {
        bool ok = false;
        std::string error;  // with file:line
        int line = 0;
        std::vector<std::string> registered;  // "form visit", "indicator x"
        std::vector<std::string> log;        // what print() wrote
    };
    TestRun test_unit_script(const UnitScript& script) const;

private:
    struct Loaded {
        PluginSummary summary;
        std::shared_ptr<lua::Plugin> plugin;
        std::vector<std::shared_ptr<const FormBinding>> forms;
        std::vector<std::shared_ptr<const indicators::IndicatorBinding>> indicators;
        std::vector<std::shared_ptr<const indicators::ChecklistDef>> checklists;
        std::vector<std::shared_ptr<const ReminderBinding>> reminders;
        std::vector<std::shared_ptr<const SchemeBinding>> schemes;
        bool stopped = false;  // faulted by a stop (time or memory), not an ordinary error
    };
    Loaded bind(std::shared_ptr<lua::Plugin> plugin, PluginSummary summary, std::optional<std::string> owner) const;
    // A folder plugin as the catalog left it, bound if it loaded.
    Loaded from_catalog(const lua::CatalogEntry& entry) const;
    void rebuild_index();
    void refuse_broken_dependencies();

    std::vector<std::filesystem::path> folders_;
    lua::Limits limits_;
    std::unique_ptr<lua::PluginCatalog> catalog_;
    std::vector<Loaded> loaded_;        // folder plugins and unit plugins, each bound
    std::vector<UnitScriptFault> new_faults_;
    std::map<std::string, std::shared_ptr<const FormBinding>, std::less<>> forms_;
    std::map<std::string, std::shared_ptr<const indicators::IndicatorBinding>> indicators_;
    std::map<std::string, std::shared_ptr<const indicators::ChecklistDef>> checklists_;
};

// Every problem of a plugin folder, for `dangjian plugins check`: the runtime's lint
// plus the host's reading of each form. Empty when clean.
std::vector<lua::Problem> check_plugin(const std::filesystem::path& dir);

// The bundled plugins folder: $DANGJIAN_PLUGINS, else next to the executable's share
// folder, else the source tree's plugins/.
std::filesystem::path bundled_plugins_dir();

}  // namespace dj::plugins
