// LocalService: plugins, their enablement per org node, and units' own scripts.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "plugins/enablement.hpp"
#include "plugins/plugin_host.hpp"
#include "service/audit_chain.hpp"
#include "service/enabled_below.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj {

using nlohmann::json;

namespace {

json parse_json_object(std::string_view text, const char* what) {
    auto j = json::parse(text.empty() ? std::string_view("{}") : text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw UserError(std::string(what) + "应为 JSON 对象，如 {\"target\": 10}");
    return j;
}

// Checks settings given at a node against what the plugin declares.
void validate_settings(const std::string& plugin_id, const std::vector<lua::SettingSpec>& specs, const json& settings) {
    std::vector<std::string> problems;
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        auto spec = std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.id == it.key(); });
        if (spec == specs.end()) {
            problems.push_back("插件 " + plugin_id + " 没有设置项「" + it.key() + "」");
            continue;
        }
        const json& v = it.value();
        const std::string name = "设置项「" + (spec->label.empty() ? spec->id : spec->label) + "」";
        if (spec->type == "number" || spec->type == "integer") {
            bool integer = spec->type == "integer";
            if (!v.is_number() || (integer && std::floor(v.get<double>()) != v.get<double>())) {
                problems.push_back(name + (integer ? "应为整数" : "应为数字"));
                continue;
            }
            double d = v.get<double>();
            if (spec->min && d < *spec->min) problems.push_back(name + "不能小于 " + json(*spec->min).dump());
            if (spec->max && d > *spec->max) problems.push_back(name + "不能大于 " + json(*spec->max).dump());
        } else if (spec->type == "bool") {
            if (!v.is_boolean()) problems.push_back(name + "应为 true 或 false");
        } else if (spec->type == "select") {
            if (!v.is_string() || std::find(spec->options.begin(), spec->options.end(), v.get<std::string>()) == spec->options.end())
                problems.push_back(name + "的取值「" + (v.is_string() ? v.get<std::string>() : v.dump()) + "」不在可选范围内");
        } else if (!v.is_string()) {
            problems.push_back(name + "应为文字");
        }
    }
    if (!problems.empty()) {
        std::string msg;
        for (const auto& p : problems) msg += (msg.empty() ? "" : "；") + p;
        throw UserError(msg);
    }
}

bool valid_script_name(std::string_view name) {
    if (name.empty() || name.size() > 60) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return name[0] >= 'a' && name[0] <= 'z';
}

}  // namespace

void LocalService::set_extra_plugin_dirs(std::vector<std::filesystem::path> dirs) {
    extra_plugin_dirs_ = std::move(dirs);
    plugins_.reset();
}

plugins::PluginHost& LocalService::plugin_host() {
    if (!plugins_) {
        std::vector<std::filesystem::path> folders{plugins::bundled_plugins_dir()};
        // Folders an administrator configured for the whole database, then the caller's.
        auto st = db_.prepare("SELECT value FROM app_setting WHERE key = 'plugin_dirs'");
        if (st.step()) {
            auto list = json::parse(st.text(0), nullptr, false);
            if (list.is_array())
                for (const auto& d : list)
                    if (d.is_string()) folders.emplace_back(d.get<std::string>());
        }
        folders.insert(folders.end(), extra_plugin_dirs_.begin(), extra_plugin_dirs_.end());
        plugins_ = std::make_unique<plugins::PluginHost>(folders);
        plugins_->load();
        reload_unit_scripts();
    }
    return *plugins_;
}

void LocalService::reload_unit_scripts() {
    std::vector<plugins::UnitScript> scripts;
    auto st = db_.prepare(
        "SELECT n.code, s.name, s.version, s.source FROM unit_script s JOIN org_node n ON n.id = s.org_id "
        "WHERE s.active = 1 AND s.version = (SELECT max(version) FROM unit_script t WHERE t.org_id = s.org_id AND t.name = s.name) "
        "ORDER BY n.code, s.name");
    while (st.step()) scripts.push_back({st.text(0), st.text(1) + ".lua", st.int32(2), st.text(3)});
    plugins_->set_unit_scripts(scripts);
}

std::vector<MemberFlagInfo> LocalService::member_flags(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    std::vector<MemberFlagInfo> out;
    for (auto& f : plugin_host().member_flags()) out.push_back({f.name, f.help, f.plugins});
    return out;
}

std::vector<PluginInfo> LocalService::list_plugins(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    std::vector<PluginInfo> out;
    for (const auto& s : plugin_host().summaries()) {
        // A unit's own scripts are shown to those who can see that unit.
        if (s.owner_unit) {
            auto owner = org_store::current_by_code(db_, *s.owner_unit);
            if (!owner || !org_store::is_within(db_, owner->id, who.org_id, today_)) continue;
        }
        out.push_back({s.id, s.name, s.version, s.source, s.status, s.status_label, s.reason, s.forms,
                       s.settings.dump(), s.owner_unit});
    }
    return out;
}

std::vector<PluginReloadInfo> LocalService::reload_plugins(const Actor& claimed, const std::string& plugin_id) {
    Actor who = verified(claimed);
    require(who, Capability::ManagePlugins, who.org_id);
    auto& host = plugin_host();
    if (!plugin_id.empty() && !host.summary(plugin_id)) throw NotFound("插件「" + plugin_id + "」不存在");
    std::vector<PluginReloadInfo> out;
    for (const auto& r : host.reload(plugin_id)) out.push_back({r.id, r.ok, r.reason});
    reload_unit_scripts();
    db::Transaction tx(db_);
    audit_append(db_, who.login, "plugin.reload", "plugin:" + (plugin_id.empty() ? std::string("*") : plugin_id), "",
                 json({{"reports", out.size()}}).dump());
    if (engine_) engine_->forget_snapshots();
    tx.commit();
    return out;
}

std::vector<std::string> LocalService::plugin_folders(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    std::vector<std::string> out;
    auto st = db_.prepare("SELECT value FROM app_setting WHERE key = 'plugin_dirs'");
    if (st.step())
        for (const auto& d : json::parse(st.text(0), nullptr, false))
            if (d.is_string()) out.push_back(d.get<std::string>());
    return out;
}

void LocalService::set_plugin_folders(const Actor& claimed, const std::vector<std::string>& folders) {
    Actor who = verified(claimed);
    require(who, Capability::ManagePlugins, who.org_id);
    for (const auto& f : folders) {
        std::error_code ec;
        if (f.empty() || !std::filesystem::path(f).is_absolute() || !std::filesystem::is_directory(f, ec))
            throw UserError("插件目录「" + f + "」不存在或不是绝对路径");
    }
    auto before = plugin_folders(who);
    db::Transaction tx(db_);
    db_.prepare("INSERT INTO app_setting(key, value) VALUES ('plugin_dirs', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, json(folders).dump())
        .run();
    audit_append(db_, who.login, "plugin.folders", "setting:plugin_dirs", json(before).dump(), json(folders).dump());
    if (engine_) engine_->forget_snapshots();
    tx.commit();
    plugins_.reset();  // the next use loads from the new folders
}

namespace {

using EnablementPath = std::vector<std::pair<std::string, std::vector<plugins::EnablementEntry>>>;

EnablementPath enablement_path(const db::Connection& db, std::int64_t node_id, Date today) {
    // The path from the root down to the node, each with its own entries.
    std::vector<OrgNode> path;
    for (auto node = org_store::find_by_id(db, node_id, today); node;
         node = node->parent_id ? org_store::find_by_id(db, *node->parent_id, today) : std::nullopt)
        path.insert(path.begin(), *node);
    EnablementPath entries;
    auto st = db.prepare("SELECT plugin_id, enabled, settings FROM plugin_enablement WHERE org_id = ? ORDER BY plugin_id");
    for (const auto& n : path) {
        std::vector<plugins::EnablementEntry> list;
        st.bind(1, n.id);
        while (st.step()) {
            std::optional<bool> enabled;
            if (!st.is_null(1)) enabled = st.int64(1) != 0;
            list.push_back({n.code, st.text(0), enabled, json::parse(st.text(2), nullptr, false)});
        }
        st.reset();
        entries.emplace_back(n.code, std::move(list));
    }
    return entries;
}

std::set<std::string> enabled_on(const db::Connection& db, std::int64_t node_id, Date today) {
    std::set<std::string> on;
    for (const auto& [pid, e] : plugins::effective_plugins(enablement_path(db, node_id, today)))
        if (e.enabled) on.insert(pid);
    return on;
}

// The node and every node below it that holds an enablement entry: only those can change
// what is enabled, so what holds for them holds for the whole subtree.
std::vector<std::int64_t> deciding_nodes(const db::Connection& db, std::int64_t node_id, Date today) {
    std::vector<std::int64_t> nodes{node_id};
    auto st = db.prepare("SELECT DISTINCT org_id FROM plugin_enablement WHERE org_id <> ?");
    st.bind(1, node_id);
    while (st.step())
        if (org_store::is_within(db, st.int64(0), node_id, today)) nodes.push_back(st.int64(0));
    return nodes;
}

// Every plugin enabled at the node or below it must have its dependencies enabled there
// too: a 述职评议 that reads 组织生活's indicators has nothing to read where 组织生活 is off.
void check_dependencies_enabled(const db::Connection& db, plugins::PluginHost& host, std::int64_t node_id,
                                Date today) {
    for (std::int64_t id : deciding_nodes(db, node_id, today)) {
        const std::set<std::string> on = enabled_on(db, id, today);
        for (const auto& pid : on) {
            auto summary = host.summary(pid);
            if (!summary) continue;
            for (const auto& dep : summary->depends)
                if (!on.count(dep)) {
                    auto node = org_store::find_by_id(db, id, today);
                    auto dep_summary = host.summary(dep);
                    throw UserError("插件「" + summary->name + "」（" + pid + "）依赖插件「" +
                                    (dep_summary && !dep_summary->name.empty() ? dep_summary->name : dep) + "」（" +
                                    dep + "），但在「" + (node ? node->name : std::string("?")) +
                                    "」启用了前者而没有启用后者：请先在该单位启用 " + dep + "，或停用 " + pid);
                }
        }
    }
}

}  // namespace

std::set<std::string> enabled_in_subtree(const db::Connection& db, std::int64_t node_id, Date today) {
    std::set<std::string> on;
    for (std::int64_t id : deciding_nodes(db, node_id, today)) on.merge(enabled_on(db, id, today));
    return on;
}

std::set<std::string> LocalService::enabled_at(std::int64_t node_id) {
    // Only the on/off state: every submission asks this, and the settings are not needed.
    std::set<std::string> on;
    for (const auto& [id, e] : plugins::effective_plugins(enablement_path(db_, node_id, today_)))
        if (e.enabled) on.insert(id);
    return on;
}

std::vector<EffectivePluginInfo> LocalService::effective_at(std::int64_t node_id) {
    auto entries = enablement_path(db_, node_id, today_);
    auto effective = plugins::effective_plugins(entries);
    std::vector<EffectivePluginInfo> out;
    auto& host = plugin_host();
    for (const auto& s : host.summaries()) {
        if (s.owner_unit) continue;
        EffectivePluginInfo info;
        info.id = s.id;
        info.name = s.name;
        json settings = json::object();
        for (const auto& spec : host.settings_of(s.id)) settings[spec.id] = spec.default_value;
        if (auto it = effective.find(s.id); it != effective.end()) {
            info.enabled = it->second.enabled;
            info.decided_at = it->second.decided_at;
            info.inherited = it->second.inherited;
            for (auto kv = it->second.settings.begin(); kv != it->second.settings.end(); ++kv) settings[kv.key()] = kv.value();
        }
        for (const auto& e : entries.back().second)
            if (e.plugin_id == s.id)
                info.own_entry_json = json({{"enabled", e.enabled ? json(*e.enabled) : json(nullptr)}, {"settings", e.settings}}).dump();
        info.settings_json = settings.dump();
        out.push_back(std::move(info));
    }
    return out;
}

std::vector<EffectivePluginInfo> LocalService::effective_plugins(const Actor& claimed, std::string_view unit_code) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadOrg, node.id);
    return effective_at(node.id);
}

void LocalService::set_plugin(const Actor& claimed, const PluginSetting& setting) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(setting.unit_code);
    require(who, Capability::ManagePlugins, node.id);
    auto& host = plugin_host();
    auto summary = host.summary(setting.plugin_id);
    if (!summary || summary->owner_unit) throw NotFound("插件「" + setting.plugin_id + "」不存在");
    if (setting.enabled.value_or(false) && summary->status != "loaded")
        throw UserError("插件「" + setting.plugin_id + "」当前状态为「" + summary->status_label + "」，不能启用：" + summary->reason);
    json settings = parse_json_object(setting.settings_json, "插件设置");
    validate_settings(setting.plugin_id, host.settings_of(setting.plugin_id), settings);

    db::Transaction tx(db_);
    auto before_st = db_.prepare("SELECT enabled, settings FROM plugin_enablement WHERE org_id = ? AND plugin_id = ?");
    before_st.bind_all(node.id, setting.plugin_id);
    json before = nullptr;
    json merged = json::object();
    std::optional<bool> enabled = setting.enabled;
    if (before_st.step()) {
        before = {{"enabled", before_st.is_null(0) ? json(nullptr) : json(before_st.int64(0) != 0)},
                  {"settings", json::parse(before_st.text(1), nullptr, false)}};
        if (!setting.clear) {
            merged = before["settings"].is_object() ? before["settings"] : json::object();
            if (!enabled && !before_st.is_null(0)) enabled = before_st.int64(0) != 0;
        }
    }
    before_st.reset();
    json after = nullptr;
    if (setting.clear) {
        db_.prepare("DELETE FROM plugin_enablement WHERE org_id = ? AND plugin_id = ?").bind_all(node.id, setting.plugin_id).run();
    } else {
        for (auto it = settings.begin(); it != settings.end(); ++it) merged[it.key()] = it.value();
        std::optional<std::int64_t> flag;
        if (enabled) flag = *enabled ? 1 : 0;
        db_.prepare(
               "INSERT INTO plugin_enablement(org_id, plugin_id, enabled, settings, updated_by, updated_at) VALUES (?,?,?,?,?,?) "
               "ON CONFLICT(org_id, plugin_id) DO UPDATE SET enabled = excluded.enabled, settings = excluded.settings, "
               "updated_by = excluded.updated_by, updated_at = excluded.updated_at")
            .bind_all(node.id, setting.plugin_id, flag, merged.dump(), who.login, utc_timestamp_now())
            .run();
        after = {{"enabled", enabled ? json(*enabled) : json(nullptr)}, {"settings", merged}};
    }
    audit_append(db_, who.login, "plugin.set", "plugin:" + setting.plugin_id + "@" + node.code,
                 before.is_null() ? "" : before.dump(), after.is_null() ? "" : after.dump());
    check_dependencies_enabled(db_, host, node.id, today_);  // throws before the commit: nothing is kept
    plugin_changed(setting.plugin_id);  // enablement and settings feed every indicator of the plugin
    tx.commit();
}

// --- Units' own scripts ------------------------------------------------------------------

std::vector<UnitScriptInfo> LocalService::read_unit_scripts(const std::string& where, std::int64_t key) const {
    auto st = db_.prepare(
        "SELECT s.id, n.code, s.name, s.version, s.note, s.author, s.created_at, s.source FROM unit_script s "
        "JOIN org_node n ON n.id = s.org_id " + where);
    st.bind(1, key);
    std::vector<UnitScriptInfo> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.int32(3), st.text(4), st.text(5), st.text(6), st.text(7)});
    return out;
}

ScriptTestResult LocalService::test_unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                                std::string_view source) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::WriteScripts, node.id);
    if (!valid_script_name(name)) throw UserError("脚本名「" + std::string(name) + "」无效：只能用小写英文字母、数字和下划线，以字母开头");
    auto run = plugin_host().test_unit_script({node.code, std::string(name) + ".lua", 0, std::string(source)});
    return {run.ok, run.error, run.line, run.registered, run.log};
}

UnitScriptInfo LocalService::save_unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                              std::string_view source, std::string_view note) {
    Actor who = verified(claimed);
    // Refused before anything else: every later command would load it again.
    if (std::string problem = lua::source_problem(source, lua::Limits{}); !problem.empty())
        throw UserError("脚本未保存：" + problem);
    auto test = test_unit_script(who, unit_code, name, source);
    if (!test.ok) throw UserError("脚本有误，未保存：" + test.error);
    auto node = current_node_or_throw(unit_code);
    db::Transaction tx(db_);
    auto v = db_.prepare("SELECT coalesce(max(version), 0) FROM unit_script WHERE org_id = ? AND name = ?");
    v.bind_all(node.id, name);
    v.step();
    int version = v.int32(0) + 1;
    db_.prepare("INSERT INTO unit_script(org_id, name, version, source, note, author, created_at) VALUES (?,?,?,?,?,?,?)")
        .bind_all(node.id, name, version, source, note, who.login, utc_timestamp_now())
        .run();
    auto id = db_.last_insert_rowid();
    audit_append(db_, who.login, "script.save", "script:" + node.code + "/" + std::string(name), "",
                 json({{"version", version}, {"note", note}, {"bytes", source.size()}}).dump());
    if (engine_) engine_->forget_snapshots();
    tx.commit();
    reload_unit_scripts();
    return read_unit_scripts("WHERE s.id = ?1", id).at(0);
}

std::vector<UnitScriptInfo> LocalService::unit_scripts(const Actor& claimed, std::string_view unit_code, bool all_versions) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadOrg, node.id);
    auto rows = read_unit_scripts(
        std::string("WHERE s.org_id = ?1 ") +
            (all_versions ? "" : "AND s.version = (SELECT max(version) FROM unit_script t WHERE t.org_id = s.org_id AND t.name = s.name) ") +
            "ORDER BY s.name, s.version DESC",
        node.id);
    for (auto& r : rows) r.source.clear();
    return rows;
}

UnitScriptInfo LocalService::unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                         std::optional<int> version) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadOrg, node.id);
    auto rows = read_unit_scripts("WHERE s.org_id = ?1 ORDER BY s.version DESC", node.id);
    for (const auto& r : rows)
        if (r.name == name && (!version || r.version == *version)) return r;
    throw NotFound("「" + node.name + "」没有脚本「" + std::string(name) + "」" +
                   (version ? "的第 " + std::to_string(*version) + " 版" : std::string()));
}

}  // namespace dj
