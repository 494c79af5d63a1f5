// FormPart: completeness (报送情况) of a form for a period over a subtree, rolled up.
#include "service/local_forms.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "plugins/plugin_host.hpp"

namespace dj {

std::vector<CompletenessRow> FormPart::completeness(const Actor& claimed, std::string_view form_id,
                                                        std::string_view period_text, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto root = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, root.id);
    auto binding = ctx_.form_or_throw(form_id);
    const auto& form = binding->def;
    Period asked = Period::parse_or_throw(period_text);
    auto periods = asked.subperiods(form.period);
    if (periods.empty())
        throw UserError("表单「" + form.title + "」按" + std::string(period_type_label(form.period)) + "报送，不能按「" +
                        std::string(period_text) + "」统计");
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    return completeness_rows(*binding, periods, root, ctx_.orgs.subtree(root.id, ctx_.today));
}

std::vector<CompletenessRow> FormPart::completeness_rows(const plugins::FormBinding& binding_ref,
                                                         const std::vector<Period>& periods, const OrgNode& root,
                                                         const std::vector<OrgNode>& nodes) {
    const auto* binding = &binding_ref;
    const auto& form = binding->def;

    // Enablement for the whole subtree in one walk: the state at the root, then each
    // node's own entry on top of its parent's.
    std::map<std::int64_t, bool> enabled;
    bool root_on = ctx_.enabled_at(root.id).count(form.plugin_id) > 0;
    auto own = ctx_.plugin_data.switches_of(form.plugin_id);
    std::optional<std::int64_t> owner_id;
    if (binding->owner_unit) owner_id = ctx_.orgs.id_of_code(*binding->owner_unit);
    for (const auto& n : nodes) {
        bool on = n.id == root.id ? root_on : enabled[n.parent_id.value_or(0)];
        if (n.id != root.id)
            if (auto it = own.find(n.id); it != own.end()) on = it->second;
        if (owner_id) on = ctx_.orgs.is_within(n.id, *owner_id, ctx_.today);
        enabled[n.id] = on;
    }

    // Expected and received per node, then rolled up from the leaves.
    std::map<std::int64_t, CompletenessRow> rows;
    std::set<std::int64_t> fills;  // nodes where the form applies
    std::map<std::int64_t, std::size_t> members;
    if (form.scope == forms::FormScope::Member) members = ctx_.members.count_by_branch();
    for (const auto& n : nodes) {
        auto& r = rows[n.id];
        r.unit_code = n.code;
        r.unit_name = n.name;
        r.type = std::string(org_type_id(n.type));
        r.depth = n.depth;
        if (!enabled[n.id] || !forms::scope_fits(form.scope, n.type)) continue;
        fills.insert(n.id);
        std::size_t per_period = form.scope == forms::FormScope::Member ? members[n.id] : 1;
        // A form filled when something happens has no 应报: its rows count records only.
        r.expected = form.expected ? per_period * periods.size() : 0;
    }
    for (const auto& [org_id, c] : ctx_.submissions.counts(form.id, periods.front().str(), periods.back().str())) {
        auto it = rows.find(org_id);
        if (it == rows.end() || !fills.count(org_id)) continue;
        const std::size_t cap = form.expected ? it->second.expected : c.submitted;
        it->second.submitted = std::min(c.submitted, cap);
        it->second.on_time = std::min(c.on_time, cap);
        it->second.approved = std::min(c.approved, cap);
    }
    for (auto& [id, r] : rows) {
        r.own_expected = r.expected;
        r.own_submitted = r.submitted;
    }
    // Children come after parents in `nodes`: add each row into its parent, bottom-up.
    for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
        if (!n->parent_id || n->id == root.id) continue;
        auto& parent = rows[*n->parent_id];
        const auto& child = rows[n->id];
        parent.expected += child.expected;
        parent.submitted += child.submitted;
        parent.on_time += child.on_time;
        parent.approved += child.approved;
    }
    std::vector<CompletenessRow> out;
    for (const auto& n : nodes)
        if (rows[n.id].expected > 0 || (!form.expected && (rows[n.id].submitted > 0 || fills.count(n.id))))
            out.push_back(rows[n.id]);
    return out;
}

}  // namespace dj
