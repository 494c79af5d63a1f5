// LocalService: the documents offices print and file, as PDF. Each reads through the list
// operation offices see on screen (which checks access and scope, once) and hands plain rows
// to the layouts in export/.
#include <cmath>
#include <cstdio>

#include "export/assessment_pdf.hpp"
#include "export/rectification_ledger_pdf.hpp"
#include "service/local_forms.hpp"
#include "service/local_service.hpp"

namespace dj {

std::string LocalService::print_submission(const Actor& who, std::int64_t submission_id) {
    return forms_->print_submission(who, submission_id);
}

std::string LocalService::print_assessment(const Actor& who, int year, std::string_view unit_code) {
    auto result = assess(who, year, unit_code);  // checks access
    OrgNode node = org_node(who, unit_code, std::nullopt);
    exports::AssessmentPrint a;
    a.title = std::to_string(year) + "年度党建考核结果汇总表";
    a.particulars = node.name + "    " + result.title + "    " + std::to_string(result.rows.size()) + " 个单位    制表日期 " +
                    today().iso();
    // Areas as the first row has them: every department is scored on the same scheme.
    std::vector<std::string> area_ids;
    if (!result.rows.empty())
        for (const auto& area : result.rows.front().areas) {
            area_ids.push_back(area.id);
            a.areas.push_back(area.label);
        }
    for (const auto& r : result.rows) {
        exports::AssessmentPrintRow row{r.rank, r.org_name, r.kind, {}, r.score, r.rating, r.veto};
        for (const auto& id : area_ids) {
            double earned = 0;
            for (const auto& area : r.areas)
                if (area.id == id) earned = area.earned;
            row.areas.push_back(earned);
        }
        a.rows.push_back(std::move(row));
    }
    for (const auto& [name, min] : result.thresholds) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", std::round(min * 100) / 100);
        a.note += (a.note.empty() ? "等次：" : "，") + name + " ≥ " + buf + " 分";
    }
    return exports::assessment_pdf(a);
}

std::string LocalService::print_rectifications(const Actor& who, const RectificationFilter& filter) {
    OrgNode node = org_node(who, filter.unit_code, std::nullopt);
    std::vector<exports::RectificationRow> rows;
    for (auto& r : rectifications(who, filter))
        rows.push_back({r.id, std::move(r.org_name), r.year, std::move(r.title), std::move(r.detail),
                        std::move(r.source_label), std::move(r.owner), std::move(r.deadline), std::move(r.status_label),
                        r.overdue, std::move(r.evidence)});
    return exports::rectification_ledger_pdf(rows, node.name, today());
}

}  // namespace dj
