// PluginPart: plugins, their enablement per org node, and units' own scripts.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "lua/sandbox.hpp"
#include "plugins/enablement.hpp"
#include "plugins/plugin_host.hpp"
#include "store/audit_log.hpp"
#include "service/local_plugins.hpp"

namespace dj {

using nlohmann::json;

namespace {

json parse_json_object(std::string_view text, const char* what) {
    // Bounded like every JSON that enters (core/bounded_json.hpp): 64 KB of settings is plenty.
    if (auto why = json_bounds_problem(text, what, {64u << 10, 64})) throw UserError(*why);
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

std::vector<MemberFlagInfo> PluginPart::member_flags(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    std::vector<MemberFlagInfo> out;
    for (auto& f : ctx_.plugin_host().member_flags()) out.push_back({f.name, f.help, f.plugins});
    return out;
}

std::vector<PluginInfo> PluginPart::list_plugins(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    std::vector<PluginInfo> out;
    for (const auto& s : ctx_.plugin_host().summaries()) {
        // A unit's own scripts are shown to those who can see that unit.
        if (s.owner_unit) {
            auto owner = ctx_.orgs.current_by_code(*s.owner_unit);
            if (!owner || !ctx_.orgs.is_within(owner->id, who.org_id, ctx_.today)) continue;
        }
        out.push_back({s.id, s.name, s.version, s.source, s.status, s.status_label, s.reason, s.forms,
                       s.settings.dump(), s.owner_unit});
    }
    return out;
}

std::vector<PluginReloadInfo> PluginPart::reload_plugins(const Actor& claimed, const std::string& plugin_id) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ManagePlugins, who.org_id);
    auto& host = ctx_.plugin_host();
    if (!plugin_id.empty() && !host.summary(plugin_id)) throw NotFound("插件「" + plugin_id + "」不存在");
    std::vector<PluginReloadInfo> out;
    for (const auto& r : host.reload(plugin_id)) out.push_back({r.id, r.ok, r.reason});
    ctx_.reload_unit_scripts();
    db::Transaction tx(ctx_.db);
    audit_append(ctx_.db, who.login, "plugin.reload", "plugin:" + (plugin_id.empty() ? std::string("*") : plugin_id), "",
                 json({{"reports", out.size()}}).dump());
    ctx_.changes.emit(store::ChangeEvent::plugin_code());  // no table changed, but the code did
    tx.commit();
    return out;
}

std::vector<std::string> PluginPart::plugin_folders(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    return ctx_.plugin_data.folders();
}

void PluginPart::set_plugin_folders(const Actor& claimed, const std::vector<std::string>& folders) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ManagePlugins, who.org_id);
    for (const auto& f : folders) {
        std::error_code ec;
        if (f.empty() || !std::filesystem::path(f).is_absolute() || !std::filesystem::is_directory(f, ec))
            throw UserError("插件目录「" + f + "」不存在或不是绝对路径");
    }
    auto before = plugin_folders(who);
    db::Transaction tx(ctx_.db);
    ctx_.plugin_data.set_folders(folders);
    audit_append(ctx_.db, who.login, "plugin.folders", "setting:plugin_dirs", json(before).dump(), json(folders).dump());
    tx.commit();
    ctx_.unload_plugins();  // the next use loads from the new folders
}

std::vector<EffectivePluginInfo> PluginPart::effective_plugins(const Actor& claimed, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadOrg, node.id);
    return ctx_.effective_at(node.id);
}

void PluginPart::set_plugin(const Actor& claimed, const PluginSetting& setting) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(setting.unit_code);
    ctx_.require(who, Capability::ManagePlugins, node.id);
    auto& host = ctx_.plugin_host();
    auto summary = host.summary(setting.plugin_id);
    if (!summary || summary->owner_unit) throw NotFound("插件「" + setting.plugin_id + "」不存在");
    if (setting.enabled.value_or(false) && summary->status != "loaded")
        throw UserError("插件「" + setting.plugin_id + "」当前状态为「" + summary->status_label + "」，不能启用：" + summary->reason);
    json settings = parse_json_object(setting.settings_json, "插件设置");
    validate_settings(setting.plugin_id, host.settings_of(setting.plugin_id), settings);

    db::Transaction tx(ctx_.db);
    auto own = ctx_.plugin_data.entry(node.id, setting.plugin_id);
    json before = nullptr;
    store::EnablementRow next;
    next.enabled = setting.enabled;
    if (own) {
        before = {{"enabled", own->enabled ? json(*own->enabled) : json(nullptr)}, {"settings", own->settings}};
        if (!setting.clear) {
            if (own->settings.is_object()) next.settings = own->settings;
            if (!next.enabled) next.enabled = own->enabled;
        }
    }
    json after = nullptr;
    if (setting.clear) {
        ctx_.plugin_data.remove_entry(node.id, setting.plugin_id);
    } else {
        for (auto it = settings.begin(); it != settings.end(); ++it) next.settings[it.key()] = it.value();
        ctx_.plugin_data.put_entry(node.id, setting.plugin_id, next, who.login);
        after = {{"enabled", next.enabled ? json(*next.enabled) : json(nullptr)}, {"settings", next.settings}};
    }
    audit_append(ctx_.db, who.login, "plugin.set", "plugin:" + setting.plugin_id + "@" + node.code,
                 before.is_null() ? "" : before.dump(), after.is_null() ? "" : after.dump());
    ctx_.check_dependencies_enabled(node.id);  // throws before the commit: nothing is kept
    tx.commit();
}

// --- Units' own scripts ------------------------------------------------------------------

ScriptTestResult PluginPart::test_unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                                std::string_view source) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::WriteScripts, node.id);
    if (!valid_script_name(name)) throw UserError("脚本名「" + std::string(name) + "」无效：只能用小写英文字母、数字和下划线，以字母开头");
    auto run = ctx_.plugin_host().test_unit_script({node.code, std::string(name) + ".lua", 0, std::string(source)});
    return {run.ok, run.error, run.line, run.registered, run.log};
}

UnitScriptInfo PluginPart::save_unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                              std::string_view source, std::string_view note) {
    Actor who = ctx_.verified(claimed);
    // Refused before anything else: every later command would load it again.
    if (std::string problem = lua::source_problem(source, lua::Limits{}); !problem.empty())
        throw UserError("脚本未保存：" + problem);
    auto test = test_unit_script(who, unit_code, name, source);
    if (!test.ok) throw UserError("脚本有误，未保存：" + test.error);
    auto node = ctx_.current_node_or_throw(unit_code);
    db::Transaction tx(ctx_.db);
    auto [id, version] = ctx_.plugin_data.add_script(node.id, name, source, note, who.login);
    audit_append(ctx_.db, who.login, "script.save", "script:" + node.code + "/" + std::string(name), "",
                 json({{"version", version}, {"note", note}, {"bytes", source.size()}}).dump());
    tx.commit();
    ctx_.reload_unit_scripts();
    return ctx_.plugin_data.script(id).value();
}

std::vector<UnitScriptInfo> PluginPart::unit_scripts(const Actor& claimed, std::string_view unit_code, bool all_versions) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadOrg, node.id);
    auto rows = ctx_.plugin_data.scripts_of(node.id, all_versions);
    for (auto& r : rows) r.source.clear();
    return rows;
}

UnitScriptInfo PluginPart::unit_script(const Actor& claimed, std::string_view unit_code, std::string_view name,
                                         std::optional<int> version) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadOrg, node.id);
    auto rows = ctx_.plugin_data.scripts_of(node.id, true);
    for (const auto& r : rows)
        if (r.name == name && (!version || r.version == *version)) return r;
    throw NotFound("「" + node.name + "」没有脚本「" + std::string(name) + "」" +
                   (version ? "的第 " + std::to_string(*version) + " 版" : std::string()));
}

}  // namespace dj
