// DashboardPart: the 统计图表 figures. Each figure is summed from an operation that already
// has its own screen (completeness, evaluation results, assess), never recomputed another
// way; what counts month by month and the rating scale come from the plugins.
#include "service/local_dashboard.hpp"

#include <map>
#include <set>

#include "core/errors.hpp"
#include "model/period.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_assessment.hpp"
#include "service/local_forms.hpp"
#include "service/local_review.hpp"

namespace dj {

namespace {

bool above_departments(OrgType t) { return t == OrgType::County || t == OrgType::Committee; }

double percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

Dashboard DashboardPart::dashboard(const Actor& claimed, int year, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    if (year < 2000 || year > 2100) throw UserError("统计年度无效：" + std::to_string(year));
    Dashboard out;
    out.year = year;
    out.unit_code = node.code;
    out.unit_name = node.name;
    out.level = above_departments(node.type) ? "county" : node.type == OrgType::Department ? "department" : "organisation";
    out.bars_of = above_departments(node.type) ? "department" : "branch";
    // The assessment fills the indicator cache (a write), so it runs before the read below.
    assessment(node, out);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    completion(who, node, out);
    trends(node, out);
    ratings(node, out);
    return out;
}

// Every form's completeness for the year, summed per node: the bars are the scope's departments
// (above them) or its branches, each with its whole subtree, as completeness rolls it up.
void DashboardPart::completion(const Actor& who, const OrgNode& node, Dashboard& out) {
    const std::string year = Period::year(out.year).str();
    const std::string_view bar_type = out.bars_of == "department" ? org_type_id(OrgType::Department)
                                                                   : org_type_id(OrgType::Branch);
    std::map<std::string, DashboardCompletion> sums;
    std::vector<std::string> order;  // tree order, as completeness lists the nodes
    // The subtree once for every form (it was read again per form: 10⁴ nodes × 40 forms at city scale).
    const auto nodes = ctx_.orgs.subtree(node.id, ctx_.today);
    for (const auto& form : ctx_.plugin_host().forms()) {
        // A form filled when something happens (expected = false) owes nothing: its records
        // have no 应报 to be a share of.
        if (!form->def.expected) continue;
        const auto periods = Period::year(out.year).subperiods(form->def.period);
        for (const auto& row : periods.empty() ? forms_.completeness(who, form->def.id, year, node.code)  // says why
                                               : forms_.completeness_rows(*form, periods, node, nodes)) {
            auto [it, fresh] = sums.try_emplace(row.unit_code);
            auto& s = it->second;
            if (fresh) {
                s.unit_code = row.unit_code;
                s.unit_name = row.unit_name;
                s.unit_type = row.type;
                order.push_back(row.unit_code);
            }
            s.expected += row.expected;
            s.submitted += row.submitted;
            s.on_time += row.on_time;
        }
    }
    for (auto& [code, s] : sums) s.rate = percent(s.submitted, s.expected);
    if (auto it = sums.find(node.code); it != sums.end()) out.total = it->second;
    else out.total = {node.code, node.name, std::string(org_type_id(node.type)), 0, 0, 0, 0};
    // Forms differ in which nodes they reach, so the first-seen order is not the tree's:
    // follow the subtree's own order.
    for (const auto& n : nodes)
        if (org_type_id(n.type) == bar_type)
            if (auto it = sums.find(n.code); it != sums.end()) out.completion.push_back(it->second);
}

// The plugins' declared trends (FormDef::trends), month by month over the subtree.
void DashboardPart::trends(const OrgNode& node, Dashboard& out) {
    const auto months = Period::year(out.year).subperiods(PeriodType::Month);
    for (const auto& m : months) out.months.push_back(m.str());
    const std::set<std::string> enabled = ctx_.enabled_in_subtree(node.id);
    for (const auto& form : ctx_.plugin_host().forms()) {
        const auto& def = form->def;
        if (def.trends.empty() || def.period != PeriodType::Month || !enabled.count(def.plugin_id)) continue;
        std::map<std::string, std::map<std::string, std::size_t>> by_field;  // field -> (period/value) counts
        for (const auto& trend : def.trends) {
            DashboardTrend line;
            line.form_id = def.id;
            line.form_title = def.title;
            line.label = trend.label;
            const auto counts = ctx_.submissions.value_counts(node.id, def.id, trend.field, months.front().str(),
                                                              months.back().str());
            for (const auto& m : months) {
                std::size_t n = 0;
                for (const auto& v : trend.values)
                    if (auto it = counts.find({m.str(), v}); it != counts.end()) n += it->second;
                line.counts.push_back(n);
            }
            out.trends.push_back(std::move(line));
        }
    }
}

// 述职评议: each evaluation form's reports filed in the subtree for the year, by their result
// under the form's own rule (ReviewPart::evaluation_result, as the 述职评议 screen shows it).
void DashboardPart::ratings(const OrgNode& node, Dashboard& out) {
    const std::set<std::string> enabled = ctx_.enabled_in_subtree(node.id);
    const Period year = Period::year(out.year);
    for (const auto& form : ctx_.plugin_host().forms()) {
        const auto& def = form->def;
        if (def.evaluation.empty() || !enabled.count(def.plugin_id)) continue;
        DashboardRatings r;
        r.form_id = def.id;
        r.form_title = def.title;
        r.labels = ctx_.plugin_host().rating_scale_for(def.id).labels;
        r.counts.assign(r.labels.size(), 0);
        for (const auto& p : year.subperiods(def.period))
            for (const char* state : {"submitted", "approved"})
                for (std::int64_t id : ctx_.submissions.ids_in(node.id, def.id, p.str(), std::string(state))) {
                    auto result = review_.evaluation_result(id);
                    std::size_t i = 0;
                    while (result && i < r.labels.size() && r.labels[i] != *result) ++i;
                    if (result && i < r.labels.size()) ++r.counts[i];
                    else ++r.unrated;
                }
        out.ratings.push_back(std::move(r));
    }
}

// The county's assessment (the tree's root), averaged per area over every department it
// scores; the scope's own departments with what they earned. Only aggregates leave the scope.
void DashboardPart::assessment(const OrgNode& node, Dashboard& out) {
    auto path = ctx_.orgs.path_to(node.id, ctx_.today);
    const OrgNode& root = path.empty() ? node : path.front();
    AssessmentResult result;
    try {
        result = assessment_.assess_unchecked(out.year, root);
    } catch (const UserError& e) {
        out.assessment_note = e.what();
        return;
    }
    out.scheme_title = result.title;
    if (result.rows.empty()) {
        out.assessment_note = "本年度没有可考核的部门";
        return;
    }
    for (const auto& a : result.rows.front().areas) out.areas.push_back({a.id, a.label, a.weight, 0});
    double total = 0;
    for (const auto& row : result.rows) {
        total += row.score;
        for (auto& area : out.areas)
            for (const auto& a : row.areas)
                if (a.id == area.id) area.average += a.earned;
    }
    const double n = static_cast<double>(result.rows.size());
    out.county_departments = result.rows.size();
    out.county_average_score = total / n;
    for (auto& area : out.areas) area.average /= n;

    std::set<std::string> in_scope;
    for (const auto& d : ctx_.orgs.subtree(node.id, ctx_.today))
        if (d.type == OrgType::Department) in_scope.insert(d.code);
    for (const auto& row : result.rows) {
        if (!in_scope.count(row.org_code)) continue;
        DashboardDepartmentScore d{row.org_code, row.org_name, row.score, row.rating, {}};
        for (const auto& area : out.areas) {
            double earned = 0;
            for (const auto& a : row.areas)
                if (a.id == area.id) earned = a.earned;
            d.earned.push_back(earned);
        }
        out.departments.push_back(std::move(d));
    }
    if (out.departments.empty()) out.assessment_note = "考核按部门计分，本级不单独考核";
}

}  // namespace dj
