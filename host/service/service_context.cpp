// ServiceContext: access checks, the plugin runtime and the indicator engine the parts share.
#include "service/service_context.hpp"

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "plugins/enablement.hpp"
#include "plugins/plugin_host.hpp"
#include "service/indicator_sync.hpp"
#include "service/service.hpp"

namespace dj {

using nlohmann::json;

ServiceContext::ServiceContext(db::Connection connection) : db(std::move(connection)), today(Date::today()) {
    keep_indicators_current(changes, db, [this] { return engine_.get(); });
}

ServiceContext::~ServiceContext() = default;

// --- Access ----------------------------------------------------------------------------

Actor ServiceContext::verified(const Actor& who) const {
    auto actor = users.by_id(who.user_id);
    if (!actor) throw AccessDenied("无权限：账号「" + who.login + "」不存在或已停用");
    return *actor;
}

void ServiceContext::require(const Actor& claimed, Capability cap, std::int64_t node_id) const {
    Actor who = verified(claimed);
    if (!role_has(who.role, cap))
        throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能" +
                           std::string(capability_label(cap)));
    if (!orgs.is_within(node_id, who.org_id, today)) {
        // The unit is outside the actor's scope: its name is not theirs to learn (the node may
        // have been reached through a submission or member number).
        auto scope = orgs.find_by_id(who.org_id, today);
        throw AccessDenied("无权限：该组织不在" + std::string(role_label(who.role)) + "「" + who.login + "」的管辖范围「" +
                           (scope ? scope->name : who.org_code) + "」内");
    }
}

OrgNode ServiceContext::current_node_or_throw(std::string_view code) const {
    auto node = orgs.current_by_code(code);
    if (!node) {
        if (orgs.id_of_code(code)) throw NotFound("组织「" + std::string(code) + "」已撤销");
        throw NotFound("组织编码「" + std::string(code) + "」不存在");
    }
    return *node;
}

// --- Plugins -----------------------------------------------------------------------------

void ServiceContext::set_extra_plugin_dirs(std::vector<std::filesystem::path> dirs) {
    extra_plugin_dirs_ = std::move(dirs);
    plugins_.reset();
}

plugins::PluginHost& ServiceContext::plugin_host() {
    if (!plugins_) {
        std::vector<std::filesystem::path> folders{plugins::bundled_plugins_dir()};
        // Folders an administrator configured for the whole database, then the caller's.
        for (const auto& d : plugin_data.folders()) folders.emplace_back(d);
        folders.insert(folders.end(), extra_plugin_dirs_.begin(), extra_plugin_dirs_.end());
        plugins_ = std::make_unique<plugins::PluginHost>(folders);
        plugins_->load();
        reload_unit_scripts();
    }
    return *plugins_;
}

void ServiceContext::reload_unit_scripts() { plugins_->set_unit_scripts(plugin_data.active_scripts()); }

std::shared_ptr<const plugins::FormBinding> ServiceContext::form_or_throw(std::string_view form_id) {
    auto f = plugin_host().form(form_id);
    if (!f) throw NotFound("表单「" + std::string(form_id) + "」不存在（或其插件未能加载）");
    return f;
}

bool ServiceContext::form_applies(const plugins::FormBinding& form, const OrgNode& node) {
    if (!forms::scope_fits(form.def.scope, node.type)) return false;
    if (form.owner_unit) {
        auto owner = orgs.current_by_code(*form.owner_unit);
        return owner && orgs.is_within(node.id, owner->id, today);
    }
    return enabled_at(node.id).count(form.def.plugin_id) > 0;
}

namespace {

using EnablementPath = std::vector<std::pair<std::string, std::vector<plugins::EnablementEntry>>>;

// The path from the root down to the node, each with its own entries.
EnablementPath enablement_path(const ServiceContext& ctx, std::int64_t node_id) {
    EnablementPath entries;
    for (const auto& n : ctx.orgs.path_to(node_id, ctx.today))
        entries.emplace_back(n.code, ctx.plugin_data.entries_at(n.id, n.code));
    return entries;
}

}  // namespace

std::set<std::string> ServiceContext::enabled_at(std::int64_t node_id) {
    // Only the on/off state: every submission asks this, and the settings are not needed.
    std::set<std::string> on;
    for (const auto& [id, e] : plugins::effective_plugins(enablement_path(*this, node_id)))
        if (e.enabled) on.insert(id);
    return on;
}

// The node and every node below it that holds an enablement entry: only those can change
// what is enabled, so what holds for them holds for the whole subtree.
static std::vector<std::int64_t> deciding_nodes(const ServiceContext& ctx, std::int64_t node_id) {
    std::vector<std::int64_t> nodes{node_id};
    for (std::int64_t id : ctx.plugin_data.nodes_with_entries())
        if (id != node_id && ctx.orgs.is_within(id, node_id, ctx.today)) nodes.push_back(id);
    return nodes;
}

std::set<std::string> ServiceContext::enabled_in_subtree(std::int64_t node_id) {
    std::set<std::string> on;
    for (std::int64_t id : deciding_nodes(*this, node_id)) on.merge(enabled_at(id));
    return on;
}

void ServiceContext::check_dependencies_enabled(std::int64_t node_id) {
    auto& host = plugin_host();
    for (std::int64_t id : deciding_nodes(*this, node_id)) {
        const std::set<std::string> on = enabled_at(id);
        for (const auto& pid : on) {
            auto summary = host.summary(pid);
            if (!summary) continue;
            for (const auto& dep : summary->depends)
                if (!on.count(dep)) {
                    auto node = orgs.find_by_id(id, today);
                    auto dep_summary = host.summary(dep);
                    throw UserError("插件「" + summary->name + "」（" + pid + "）依赖插件「" +
                                    (dep_summary && !dep_summary->name.empty() ? dep_summary->name : dep) + "」（" +
                                    dep + "），但在「" + (node ? node->name : std::string("?")) +
                                    "」启用了前者而没有启用后者：请先在该单位启用 " + dep + "，或停用 " + pid);
                }
        }
    }
}

std::vector<EffectivePluginInfo> ServiceContext::effective_at(std::int64_t node_id) {
    auto entries = enablement_path(*this, node_id);
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
        if (!entries.empty())
            for (const auto& e : entries.back().second)
                if (e.plugin_id == s.id)
                    info.own_entry_json =
                        json({{"enabled", e.enabled ? json(*e.enabled) : json(nullptr)}, {"settings", e.settings}}).dump();
        info.settings_json = settings.dump();
        out.push_back(std::move(info));
    }
    return out;
}

// --- Indicators ----------------------------------------------------------------------------

indicators::IndicatorEngine& ServiceContext::engine() {
    if (!engine_) engine_ = std::make_unique<indicators::IndicatorEngine>(db);
    return *engine_;
}

}  // namespace dj
