#include "assessment/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dj::assessment {

namespace {

std::string fmt(double v) {
    std::ostringstream s;
    s.precision(v == std::floor(v) ? 0 : 1);
    s << std::fixed << v;
    return s.str();
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

}  // namespace

AssessmentRow score_department(const Scheme& scheme, const DepartmentFacts& f) {
    AssessmentRow row;
    row.org_code = f.code;
    row.org_name = f.name;
    row.kind = f.kind;

    // Area weights: a declared setting (per department), else the kind's, else the scheme's.
    struct Pending {
        AssessmentLine line;
        double raw_weight = 0;
        std::optional<double> fraction;  // nullopt: not applicable, left out of the total
    };
    double possible = 0, earned = 0;
    std::vector<std::vector<Pending>> per_area;
    std::vector<double> area_weights;
    for (const auto& area : scheme.areas) {
        double w = area.weight;
        if (auto k = scheme.kind_weights.find(f.kind); k != scheme.kind_weights.end())
            if (auto a = k->second.find(area.id); a != k->second.end()) w = a->second;
        if (!area.weight_setting.empty() && f.settings.contains(area.weight_setting) &&
            f.settings[area.weight_setting].is_number())
            w = f.settings[area.weight_setting].get<double>();
        area_weights.push_back(w);
        std::vector<Pending> lines;
        for (const auto& item : area.items) {
            Pending p;
            p.raw_weight = item.weight;
            p.line.area_id = area.id;
            p.line.area_label = area.label;
            if (!item.indicator.empty()) {
                auto fact = f.indicator(item.indicator);
                p.line.kind = line_kind::kIndicator;
                p.line.ref = item.indicator;
                p.line.label = !item.label.empty() ? item.label : fact.known ? fact.name : item.indicator;
                p.line.value = fact.value;
                p.line.target = fact.target;
                p.line.unit = fact.unit;
                if (!fact.known) p.line.note = "指标未加载，不计分";
                else if (!fact.enabled) p.line.note = "本单位未启用该项，不计分";
                else if (!fact.error.empty()) {
                    p.fraction = 0;
                    p.line.note = "计算出错：" + fact.error;
                } else if (!fact.value) {
                    p.line.note = "不适用，不计分";
                } else if (!fact.target || !fact.met) {
                    p.line.note = "没有目标值，不计分";  // nothing to measure it against
                } else if (item.pass_scoring) {
                    p.fraction = *fact.met ? 1.0 : 0.0;
                    p.line.missed = !*fact.met;
                    p.line.note = *fact.met ? "达标" : "未达标（目标 " + fmt(*fact.target) + fact.unit + "，实际 " + fmt(*fact.value) + fact.unit + "）";
                } else {
                    double v = *fact.value, t = *fact.target;
                    double fr;
                    if (fact.higher) fr = t <= 0 ? 1.0 : std::clamp(v / t, 0.0, 1.0);
                    else fr = v <= t ? 1.0 : (v <= 0 ? 0.0 : std::clamp(t / v, 0.0, 1.0));
                    p.fraction = fr;
                    p.line.missed = fr < 1.0;
                    p.line.note = fr >= 1.0 ? "达标" : "未达标（目标 " + fmt(t) + fact.unit + "，实际 " + fmt(v) + fact.unit + "）";
                }
                if (!fact.findings.empty()) {
                    p.line.has_findings = true;
                    std::string all;
                    for (const auto& x : fact.findings) all += (all.empty() ? "" : "；") + x;
                    p.line.note += "：" + all;
                }
            } else {
                p.line.kind = line_kind::kEvaluation;
                p.line.ref = item.evaluation;
                p.line.label = !item.label.empty() ? item.label : "述职评议";
                auto result = f.evaluation(item.evaluation);
                if (!result) {
                    p.fraction = 0;
                    p.line.note = "无评议结果";
                } else {
                    auto pts = scheme.rating_points.find(*result);
                    p.fraction = pts == scheme.rating_points.end() ? 0.0 : pts->second;
                    p.line.note = "评议等次：" + *result;
                }
            }
            lines.push_back(std::move(p));
        }
        per_area.push_back(std::move(lines));
    }
    // Items share their area's weight in proportion to their own; items left out give
    // their share to the others; an area with nothing applicable leaves the total.
    for (std::size_t a = 0; a < scheme.areas.size(); ++a) {
        double applicable = 0;
        for (const auto& p : per_area[a])
            if (p.fraction) applicable += p.raw_weight;
        AssessmentArea area{scheme.areas[a].id, scheme.areas[a].label, 0, 0};
        for (auto& p : per_area[a]) {
            if (p.fraction && applicable > 0) {
                p.line.weight = area_weights[a] * p.raw_weight / applicable;
                p.line.earned = p.line.weight * *p.fraction;
                p.line.lost = p.line.weight - p.line.earned;
                area.weight += p.line.weight;
                area.earned += p.line.earned;
            }
            row.lines.push_back(p.line);
        }
        possible += area.weight;
        earned += area.earned;
        row.areas.push_back(area);
    }
    // Scaled to 100, so thresholds keep their meaning when weights change.
    const double scale = possible > 0 ? 100.0 / possible : 0.0;
    for (auto& a : row.areas) a.weight *= scale, a.earned *= scale;
    for (auto& l : row.lines) l.weight *= scale, l.earned *= scale, l.lost *= scale;
    double score = earned * scale;

    for (const auto& d : scheme.deductions) {
        auto fact = f.indicator(d.indicator);
        AssessmentLine line;
        line.kind = line_kind::kDeduction;
        line.ref = d.indicator;
        line.label = !d.label.empty() ? d.label : fact.name;
        line.value = fact.value;
        line.unit = fact.unit;
        double points = fact.value && fact.enabled ? std::max(0.0, *fact.value) * d.points : 0.0;
        if (d.max) points = std::min(points, *d.max);
        line.lost = points;
        line.note = points > 0 ? "扣 " + fmt(points) + " 分（每项 " + fmt(d.points) + " 分" +
                                     (d.max ? "，最多 " + fmt(*d.max) + " 分" : std::string()) + "）"
                               : "未扣分";
        score -= points;
        row.lines.push_back(line);
    }
    row.score = round2(std::max(0.0, score));

    for (const auto& v : scheme.vetoes) {
        auto fact = f.indicator(v.indicator);
        AssessmentLine line;
        line.kind = line_kind::kVeto;
        line.ref = v.indicator;
        line.label = v.label;
        line.value = fact.value;
        line.unit = fact.unit;
        const bool fired = fact.enabled && fact.value && *fact.value > v.above;
        line.note = fired ? "触发一票否决：" + v.label : "未触发";
        if (fired && !fact.findings.empty()) line.note += "（" + fact.findings.front() + "）";
        if (fired && row.veto.empty()) row.veto = v.label;
        row.lines.push_back(line);
    }
    row.rating = scheme.ratings.empty() ? "" : scheme.ratings.back().first;
    for (const auto& [label, min] : scheme.ratings)
        if (row.score >= min - 1e-9) {
            row.rating = label;
            break;
        }
    if (!row.veto.empty()) row.rating = scheme.veto_rating;
    return row;
}

void rank(std::vector<AssessmentRow>& rows) {
    std::stable_sort(rows.begin(), rows.end(), [](const AssessmentRow& a, const AssessmentRow& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.org_code < b.org_code;
    });
    std::map<std::string, std::pair<int, double>> kind_last;  // kind -> (rank, score) of the last seen
    std::map<std::string, int> kind_seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i].rank = i > 0 && rows[i].score == rows[i - 1].score ? rows[i - 1].rank : static_cast<int>(i) + 1;
        int& seen = kind_seen[rows[i].kind];
        ++seen;
        auto it = kind_last.find(rows[i].kind);
        rows[i].rank_in_kind = it != kind_last.end() && it->second.second == rows[i].score ? it->second.first : seen;
        kind_last[rows[i].kind] = {rows[i].rank_in_kind, rows[i].score};
    }
}

}  // namespace dj::assessment
