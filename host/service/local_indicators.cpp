// LocalService: indicators (cached, recomputed where inputs changed) and reminders.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "indicators/query_api.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_error.hpp"
#include "plugins/plugin_host.hpp"
#include "service/enabled_below.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj {

using nlohmann::json;

namespace {

indicators::IndicatorEngine::Sources sources_of(const plugins::PluginHost& host) {
    return {host.indicators(), host.plugin_defaults(), host.query_sources()};
}

IndicatorInfo info_of(const indicators::IndicatorDef& d) {
    IndicatorInfo i;
    i.id = d.id;
    i.plugin = d.plugin_id;
    i.name = d.name;
    i.unit = d.unit;
    i.period = std::string(period_type_id(d.period));
    i.scope = std::string(indicators::scope_id(d.scope));
    i.direction = d.higher ? "higher" : "lower";
    i.rollup = std::string(indicators::rollup_id(d.rollup));
    i.rule = d.rule;
    i.weight = d.weight;
    i.description = d.description;
    i.target = d.target;
    return i;
}

int level_rank(const std::string& level) { return level == "overdue" ? 0 : level == "warning" ? 1 : 2; }

}  // namespace

indicators::IndicatorEngine& LocalService::engine() {
    if (!engine_) engine_ = std::make_unique<indicators::IndicatorEngine>(db_);
    return *engine_;
}

void LocalService::org_changed(Date effective) {
    indicators::IndicatorEngine::invalidate_from(db_, effective);
    if (engine_) engine_->forget_snapshots();
}

void LocalService::plugin_changed(const std::string& plugin_id) {
    if (plugin_id.empty()) db_.prepare("DELETE FROM indicator_run").run();
    else indicators::IndicatorEngine::invalidate_plugin(db_, plugin_id);
    if (engine_) engine_->forget_snapshots();
}

std::vector<IndicatorInfo> LocalService::list_indicators(const Actor& claimed, std::string_view unit_code) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadForms, node.id);
    std::set<std::string> on = enabled_in_subtree(db_, node.id, today_);  // rolled up from below
    std::vector<IndicatorInfo> out;
    for (const auto& b : plugin_host().indicators()) {
        bool applies = on.count(b->def.plugin_id) > 0;
        if (!applies)
            for (const auto& s : plugin_host().summaries())
                if (s.id == b->def.plugin_id && s.owner_unit) {
                    auto owner = org_store::current_by_code(db_, *s.owner_unit);
                    applies = owner && org_store::is_within(db_, node.id, owner->id, today_);
                }
        if (applies) out.push_back(info_of(b->def));
    }
    return out;
}

std::vector<IndicatorValue> LocalService::indicator_values(const Actor& claimed, const IndicatorQuery& q) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(q.unit_code);
    require(who, Capability::ReadForms, node.id);
    Period period = Period::parse_or_throw(q.period);
    auto& host = plugin_host();
    auto sources = sources_of(host);
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> list;
    for (const auto& b : sources.indicators)
        if (b->def.period == period.type() && (!q.indicator_id || b->def.id == *q.indicator_id)) list.push_back(b);
    if (q.indicator_id && list.empty()) {
        if (!host.indicator(*q.indicator_id)) throw NotFound("指标「" + *q.indicator_id + "」不存在");
        throw UserError("指标「" + host.indicator(*q.indicator_id)->def.name + "」按" +
                        std::string(period_type_label(host.indicator(*q.indicator_id)->def.period)) + "计算，不能按「" +
                        period.label_zh() + "」查看");
    }
    engine().ensure(period, list, sources);

    db::Transaction tx(db_, db::Transaction::Kind::Read);
    auto snap = engine().snapshot(period.end(), sources.plugins);
    auto at = snap->index_of(node.id);
    std::vector<IndicatorValue> out;
    if (!at) return out;  // the node did not exist in that period
    const std::size_t end = q.subtree ? snap->subtree_end(*at) : *at + 1;
    for (const auto& b : list) {
        auto values = engine().values(b->def.id, period, *snap);
        for (auto it = values.lower_bound(*at); it != values.end() && it->first < end; ++it) {
            const auto& v = it->second;
            const auto& n = snap->nodes()[it->first];
            IndicatorValue r;
            r.indicator_id = b->def.id;
            r.name = b->def.name;
            r.unit = b->def.unit;
            r.org_code = n.code;
            r.org_name = n.name;
            r.org_type = std::string(org_type_id(n.type));
            r.depth = n.depth - snap->nodes()[*at].depth;
            r.period = period.str();
            r.value = v.value;
            r.target = v.target;
            r.met = v.met;
            r.rolled_up = v.rolled_up;
            r.findings = v.findings;
            r.error = v.error;
            out.push_back(std::move(r));
        }
    }
    // Tree order, then the indicator: what a report reads top to bottom.
    std::map<std::string, std::size_t> order;
    for (std::size_t i = *at; i < end; ++i) order[snap->nodes()[i].code] = i;
    std::stable_sort(out.begin(), out.end(), [&](const IndicatorValue& a, const IndicatorValue& b) {
        return order[a.org_code] < order[b.org_code];
    });
    return out;
}

IndicatorRefresh LocalService::refresh_indicators(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadForms, who.org_id);
    auto stats = engine().refresh_all(sources_of(plugin_host()));
    return {stats.recomputed, stats.runs};
}

std::vector<Reminder> LocalService::reminders(const Actor& claimed, Date date, std::string_view unit_code) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(unit_code);
    require(who, Capability::ReadForms, node.id);
    auto& host = plugin_host();
    auto sources = sources_of(host);
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    auto snap = engine().snapshot(date, sources.plugins);
    auto at = snap->index_of(node.id);
    std::vector<Reminder> out;
    if (!at) return out;
    const auto& nodes = snap->nodes();
    const std::size_t end = snap->subtree_end(*at);
    auto add = [&](std::string rule, std::size_t i, std::string level, std::string text, std::string due,
                   std::optional<std::int64_t> member) {
        out.push_back({std::move(rule), nodes[i].code, nodes[i].name, std::move(level), std::move(text), std::move(due), member});
    };

    // Plugins' rules, one query run per scope over every node they apply to.
    const Period month = Period::containing(date, PeriodType::Month);
    std::map<indicators::Scope, std::vector<std::shared_ptr<const plugins::ReminderBinding>>> by_scope;
    for (const auto& r : host.reminders()) by_scope[r->def.scope].push_back(r);
    for (const auto& [scope, rules] : by_scope) {
        std::vector<std::size_t> targets;
        for (std::size_t i = *at; i < end; ++i)
            if (indicators::scope_holds(scope, nodes[i].type)) targets.push_back(i);
        if (targets.empty()) continue;
        indicators::QueryRun run(db_, snap, month, date, sources.query);
        run.set_targets(targets);
        for (const auto& rule : rules)
            for (std::size_t t : targets) {
                if (!snap->enabled(t, rule->def.plugin_id)) continue;
                json result;
                try {
                    run.begin(rule->def.plugin_id, t);
                    result = indicators::call_with_query(*rule->plugin, *rule->reg, "check", run,
                                                         run.fields(snap->settings(t, rule->def.plugin_id)));
                } catch (const UserError& e) {
                    add(rule->def.id, t, "warning", rule->def.name + "：提醒规则出错（" + e.what() + "）", "", std::nullopt);
                    continue;
                }
                std::vector<json> items;
                if (result.is_object() && result.empty()) result = json::array();  // {} from Lua: an empty list
                if (result.is_array()) items.assign(result.begin(), result.end());
                else if (!result.is_null()) items.push_back(result);
                for (const auto& item : items) {
                    if (item.is_string()) {
                        add(rule->def.id, t, "info", item.get<std::string>(), "", std::nullopt);
                    } else if (item.is_object() && item.contains("text") && item["text"].is_string()) {
                        std::string level = item.value("level", "info");
                        if (level != "info" && level != "warning" && level != "overdue") level = "info";
                        std::optional<std::int64_t> member;
                        if (item.contains("member") && item["member"].is_number_integer()) member = item["member"].get<std::int64_t>();
                        add(rule->def.id, t, level, item["text"].get<std::string>(),
                            item.contains("due") && item["due"].is_string() ? item["due"].get<std::string>() : "", member);
                    } else {
                        add(rule->def.id, t, "warning", rule->def.name + "：提醒规则返回了无法识别的内容", "", std::nullopt);
                    }
                }
            }
    }

    // The host's own: the last period of each form due within 7 days or overdue.
    auto submitted = db_.prepare("SELECT DISTINCT org_id FROM submission WHERE form_id = ? AND period = ? AND state <> 'draft'");
    auto reopened = db_.prepare("SELECT org_id, until FROM period_reopen WHERE form_id = ? AND period = ?");
    for (const auto& f : host.forms()) {
        const auto& form = f->def;
        if (form.scope == forms::FormScope::Member) continue;
        Period last = Period::containing(date, form.period).prev();
        Date deadline = last.deadline(form.deadline_days);
        std::set<std::int64_t> done;
        submitted.bind_all(form.id, last.str());
        while (submitted.step()) done.insert(submitted.int64(0));
        submitted.reset();
        std::map<std::int64_t, Date> reopen;
        reopened.bind_all(form.id, last.str());
        while (reopened.step())
            if (auto d = Date::parse(reopened.text(1))) reopen[reopened.int64(0)] = *d;
        reopened.reset();
        for (std::size_t i = *at; i < end; ++i) {
            if (!snap->enabled(i, form.plugin_id) || !forms::scope_fits(form.scope, nodes[i].type) || done.count(nodes[i].id))
                continue;
            Date until = deadline;
            if (auto r = reopen.find(nodes[i].id); r != reopen.end()) until = std::max(until, r->second);
            const std::string what = form.title + "（" + last.label_zh() + "）";
            if (date > until)
                add("host.form_overdue", i, "overdue", what + "逾期未报送，截止日期 " + until.iso(), until.iso(), std::nullopt);
            else if (until.days() - date.days() <= 7)
                add("host.form_due", i, "warning", what + "将于 " + until.iso() + " 截止报送", until.iso(), std::nullopt);
        }
    }
    // Overdue rectification items.
    auto rect = db_.prepare(
        "SELECT org_id, title, deadline FROM rectification WHERE deadline < ? AND status NOT IN ('done','verified') ORDER BY deadline");
    rect.bind(1, date.iso());
    while (rect.step()) {
        auto i = snap->index_of(rect.int64(0));
        if (!i || *i < *at || *i >= end) continue;
        add("host.rectification", *i, "overdue", "整改事项「" + rect.text(1) + "」已超过整改期限（" + rect.text(2) + "）", rect.text(2),
            std::nullopt);
    }
    std::map<std::string, std::size_t> order;
    for (std::size_t i = *at; i < end; ++i) order[nodes[i].code] = i;
    std::stable_sort(out.begin(), out.end(), [&](const Reminder& a, const Reminder& b) {
        if (level_rank(a.level) != level_rank(b.level)) return level_rank(a.level) < level_rank(b.level);
        return order[a.org_code] < order[b.org_code];
    });
    return out;
}

}  // namespace dj
