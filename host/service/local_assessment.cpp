// AssessmentPart: the year's assessment (scores, ratings, ranks, explanations), its .xlsx and
// the rectification items it gives rise to.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "assessment/scoring.hpp"
#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "io/xlsx_writer.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_assessment.hpp"
#include "service/local_review.hpp"

namespace dj {

using nlohmann::json;

namespace {

// The scheme for a year among those of plugins enabled at the node: one declared for that
// year, else one for any year. Two candidates of the same kind are an error to fix in the
// plugin settings, not something to guess.
std::shared_ptr<const plugins::SchemeBinding> scheme_for(const plugins::PluginHost& host, int year,
                                                         const std::set<std::string>& enabled) {
    std::vector<std::shared_ptr<const plugins::SchemeBinding>> exact, any;
    for (const auto& s : host.schemes()) {
        if (!enabled.count(s->scheme.plugin_id)) continue;
        if (s->scheme.year == year) exact.push_back(s);
        else if (!s->scheme.year) any.push_back(s);
    }
    const auto& pick = exact.empty() ? any : exact;
    if (pick.empty())
        throw UserError("没有适用于 " + std::to_string(year) + " 年的考核方案：请启用含考核方案的插件（如「述职评议与考核」review）");
    if (pick.size() > 1)
        throw UserError("有多个考核方案同时适用于 " + std::to_string(year) + " 年（" + pick[0]->scheme.id + "、" +
                        pick[1]->scheme.id + "），请只启用其中一个插件");
    return pick.front();
}

std::vector<std::string> referenced_indicators(const assessment::Scheme& s) {
    std::set<std::string> ids;
    for (const auto& a : s.areas)
        for (const auto& i : a.items)
            if (!i.indicator.empty()) ids.insert(i.indicator);
    for (const auto& d : s.deductions) ids.insert(d.indicator);
    for (const auto& v : s.vetoes) ids.insert(v.indicator);
    return {ids.begin(), ids.end()};
}

}  // namespace

AssessmentResult AssessmentPart::assess(const Actor& claimed, int year, std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    return assess_unchecked(year, node);
}

AssessmentResult AssessmentPart::assess_unchecked(int year, const OrgNode& node) {
    if (year < 2000 || year > 2100) throw UserError("考核年度无效：" + std::to_string(year));
    auto& host = ctx_.plugin_host();
    // A node above where the scheme's plugin is enabled (the 县委 above the 工委) assesses
    // its subtree with it.
    std::set<std::string> enabled = ctx_.enabled_in_subtree(node.id);
    auto binding = scheme_for(host, year, enabled);
    const auto& scheme = binding->scheme;
    const Period period = Period::year(year);

    indicators::IndicatorEngine::Sources sources{host.indicators(), host.plugin_defaults(), host.query_sources()};
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> needed;
    for (const auto& id : referenced_indicators(scheme))
        if (auto b = host.indicator(id); b && b->def.period == PeriodType::Year) needed.push_back(b);
    // The tree as it was at the year's end: a later reorganisation does not rewrite 2020.
    auto current = ctx_.engine().current(period, needed, sources);
    auto snap = current.snapshot;
    auto& values = current.values;
    std::map<std::string, std::shared_ptr<const indicators::IndicatorBinding>> by_id;
    for (const auto& b : needed) by_id[b->def.id] = b;

    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);

    AssessmentResult out;
    out.year = year;
    out.scheme_id = scheme.id;
    out.title = scheme.title;
    out.thresholds = scheme.ratings;
    out.rectify_ratings = scheme.rectify_ratings;
    std::optional<std::size_t> at = snap->index_of(node.id);
    if (!at) return out;
    for (std::size_t i = *at; i < snap->subtree_end(*at); ++i) {
        const auto& n = snap->nodes()[i];
        if (n.type != OrgType::Department) continue;
        assessment::DepartmentFacts facts;
        facts.code = n.code;
        facts.name = n.name;
        facts.kind = n.attrs.kind.value_or("其他");
        facts.settings = snap->settings(i, scheme.plugin_id);
        facts.indicator = [&, i](const std::string& id) {
            assessment::IndicatorFact f;
            auto b = by_id.find(id);
            if (b == by_id.end()) {
                f.known = false;
                f.name = id;
                return f;
            }
            const auto& d = b->second->def;
            f.name = d.name;
            f.unit = d.unit;
            f.higher = d.higher;
            f.enabled = snap->enabled(i, d.plugin_id);
            const auto& vals = values[id];
            if (auto v = vals.find(i); v != vals.end()) {
                f.value = v->second.value;
                f.target = v->second.target;
                f.met = v->second.met;
                f.findings = v->second.findings;
                f.error = v->second.error;
            }
            return f;
        };
        facts.evaluation = [&, i](const std::string& form_id) -> std::optional<std::string> {
            auto sub = ctx_.submissions.latest_submitted(form_id, snap->nodes()[i].id, period.str());
            if (!sub) return std::nullopt;
            return review_.evaluation_result(*sub);
        };
        out.rows.push_back(assessment::score_department(scheme, facts));
    }
    assessment::rank(out.rows);
    return out;
}

std::string AssessmentPart::export_assessment(const Actor& who, int year, std::string_view unit_code) {
    auto result = assess(who, year, unit_code);
    std::vector<Sheet> sheets;
    Sheet summary;
    summary.name = "考核结果汇总";
    summary.title = std::to_string(year) + "年度党建考核结果汇总表";
    summary.header = {"排名", "单位", "类别", "得分", "等次", "同类排名"};
    std::vector<std::string> area_ids;
    if (!result.rows.empty())
        for (const auto& a : result.rows.front().areas) {
            summary.header.push_back(a.label + "得分");
            area_ids.push_back(a.id);
        }
    summary.header.push_back("一票否决");
    summary.column_widths = {6, 28, 10, 8, 8, 9};
    for (const auto& r : result.rows) {
        std::vector<Cell> row = {static_cast<double>(r.rank), r.org_name, r.kind, r.score, r.rating,
                                 static_cast<double>(r.rank_in_kind)};
        for (const auto& id : area_ids) {
            Cell c;
            for (const auto& a : r.areas)
                if (a.id == id) c = std::round(a.earned * 100) / 100;
            row.push_back(c);
        }
        row.push_back(r.veto);
        summary.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(summary));
    // A sheet per department, in rank order: why it got its score.
    for (const auto& r : result.rows) {
        Sheet s;
        s.name = std::to_string(r.rank) + " " + r.org_name;
        s.title = r.org_name + " " + std::to_string(year) + "年度党建考核得分说明（得分 " +
                  std::to_string(static_cast<int>(std::round(r.score))) + "，等次：" + r.rating + "）";
        s.header = {"板块", "考核项", "类型", "实际值", "目标值", "单位", "分值", "得分", "失分", "说明"};
        s.column_widths = {12, 30, 8, 9, 9, 6, 8, 8, 8, 50};
        for (const auto& l : r.lines) {
            const char* kind = l.kind == line_kind::kIndicator    ? "指标"
                               : l.kind == line_kind::kEvaluation ? "评议"
                               : l.kind == line_kind::kDeduction  ? "扣分"
                                                                  : "否决";
            s.rows.push_back({l.area_label, l.label, std::string(kind), l.value ? Cell(*l.value) : Cell(),
                              l.target ? Cell(*l.target) : Cell(), l.unit, std::round(l.weight * 100) / 100,
                              std::round(l.earned * 100) / 100, std::round(l.lost * 100) / 100, l.note});
        }
        sheets.push_back(std::move(s));
    }
    return write_xlsx(sheets);
}

std::vector<RectificationItem> AssessmentPart::generate_rectifications(const Actor& claimed, int year,
                                                                     std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ApproveForms, node.id);
    auto result = assess(who, year, unit_code);
    std::vector<RectificationItem> created;
    db::Transaction tx(ctx_.db);
    const Date deadline = Date::from_ymd(year + 1, 6, 30);
    for (const auto& row : result.rows) {
        auto dept = ctx_.orgs.current_by_code(row.org_code);
        if (!dept) continue;  // closed since: nobody left to rectify
        auto make = [&](const std::string& source, const std::string& ref, const std::string& title, const std::string& detail) {
            if (ctx_.reviews.existing(dept->id, year, source, ref)) return;
            NewRectification r{row.org_code, year, source, ref, title, detail, "", deadline};
            created.push_back(review_.insert_rectification(who, dept->id, r));
        };
        for (const auto& l : row.lines) {
            if (l.kind == line_kind::kIndicator && l.lost > 0.005 && l.missed) {
                const bool finding = l.has_findings && l.value && *l.value > 0 && l.target && *l.target == 0;
                make(finding ? "finding" : "indicator", l.ref, l.label + (finding ? "不符合要求" : "未达标"), l.note);
            }
        }
        if (std::find(result.rectify_ratings.begin(), result.rectify_ratings.end(), row.rating) != result.rectify_ratings.end())
            make("rating", result.scheme_id, std::to_string(year) + "年度党建考核等次为「" + row.rating + "」",
                 "得分 " + std::to_string(row.score) + (row.veto.empty() ? "" : "，" + row.veto) + "，须制定整改方案");
    }
    tx.commit();
    return created;
}

}  // namespace dj
