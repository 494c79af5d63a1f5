// IndicatorPart: indicators (cached, recomputed where inputs changed) and reminders.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "indicators/query_api.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_error.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_indicators.hpp"

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

std::vector<IndicatorInfo> IndicatorPart::list_indicators(const Actor& claimed, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    std::set<std::string> on = ctx_.enabled_in_subtree(node.id);  // rolled up from below
    std::vector<IndicatorInfo> out;
    for (const auto& b : ctx_.plugin_host().indicators()) {
        bool applies = on.count(b->def.plugin_id) > 0;
        if (!applies)
            for (const auto& s : ctx_.plugin_host().summaries())
                if (s.id == b->def.plugin_id && s.owner_unit) {
                    auto owner = ctx_.orgs.current_by_code(*s.owner_unit);
                    applies = owner && ctx_.orgs.is_within(node.id, owner->id, ctx_.today);
                }
        if (applies) out.push_back(info_of(b->def));
    }
    return out;
}

std::vector<IndicatorValue> IndicatorPart::indicator_values(const Actor& claimed, const IndicatorQuery& q) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(q.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    Period period = Period::parse_or_throw(q.period);
    auto& host = ctx_.plugin_host();
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
    auto& engine = ctx_.engine();
    // Below the county's root, an indicator that has no run for the period yet (never computed,
    // or by another plugin version) is computed over the asked subtree alone and not cached: a
    // branch's home screen must not wait for the whole county's computation (10⁴ nodes at city
    // scale). The rest are brought current as usual (patching what changed is cheap).
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> partial, cached;
    if (auto at = engine.snapshot(period.end(), sources.plugins)->index_of(node.id); at && *at != 0)
        partial = engine.without_run(period, list);
    for (const auto& b : list)
        if (std::find(partial.begin(), partial.end(), b) == partial.end()) cached.push_back(b);
    auto current = engine.current(period, cached, sources);
    auto& computed = current.values;
    const auto snap = current.snapshot;
    auto at = snap->index_of(node.id);
    std::vector<IndicatorValue> out;
    if (!at) return out;  // the node did not exist in that period
    const std::size_t end = q.subtree ? snap->subtree_end(*at) : *at + 1;
    if (!partial.empty()) {
        db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
        for (auto& [id, values] : engine.compute_subtree(period, partial, sources, snap, *at)) computed[id] = std::move(values);
    }
    for (const auto& b : list) {
        auto found = computed.find(b->def.id);
        if (found == computed.end()) continue;
        const auto& values = found->second;
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

IndicatorRefresh IndicatorPart::refresh_indicators(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadForms, who.org_id);
    auto stats = ctx_.engine().refresh_all(sources_of(ctx_.plugin_host()));
    return {stats.recomputed, stats.runs};
}

std::vector<Reminder> IndicatorPart::reminders(const Actor& claimed, Date date, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    auto& host = ctx_.plugin_host();
    auto sources = sources_of(host);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto snap = ctx_.engine().snapshot(date, sources.plugins);
    auto at = snap->index_of(node.id);
    std::vector<Reminder> out;
    if (!at) return out;
    const auto& nodes = snap->nodes();
    const std::size_t end = snap->subtree_end(*at);
    auto add = [&](std::string rule, std::size_t i, std::string level, std::string text, std::string due,
                   std::optional<std::int64_t> member) {
        Reminder r;
        r.rule_id = std::move(rule);
        r.org_code = nodes[i].code;
        r.org_name = nodes[i].name;
        r.level = std::move(level);
        r.text = std::move(text);
        r.due = std::move(due);
        r.member_id = member;
        out.push_back(std::move(r));
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
        indicators::QueryRun run(ctx_.db, snap, month, date, sources.query);
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
    for (const auto& f : host.forms()) {
        const auto& form = f->def;
        if (form.scope == forms::FormScope::Member || !form.due_at_unit()) continue;
        Period last = Period::containing(date, form.period).prev();
        Date deadline = last.deadline(form.deadline_days);
        const auto done = ctx_.submissions.submitted_orgs(form.id, last.str());
        const auto reopen = ctx_.submissions.reopenings(form.id, last.str());
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
            else
                continue;
            out.back().form_id = form.id;  // what the reminder opens
            out.back().period = last.str();
        }
    }
    // Overdue rectification items.
    for (const auto& item : ctx_.reviews.overdue(date)) {
        auto i = snap->index_of(item.org_id);
        if (!i || *i < *at || *i >= end) continue;
        add("host.rectification", *i, "overdue", "整改事项「" + item.title + "」已超过整改期限（" + item.deadline + "）",
            item.deadline, std::nullopt);
        out.back().rectification_id = item.id;
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
