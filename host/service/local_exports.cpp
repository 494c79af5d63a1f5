// LocalService: the lists offices keep in Excel — 党员名册, 审计日志, 整改台账, 指标情况. Each
// operation reads through the matching list operation (which checks access and scope, once)
// and hands plain rows to the workbook builders in export/.
#include <unordered_map>

#include "export/audit_log.hpp"
#include "export/indicator_values.hpp"
#include "export/member_register.hpp"
#include "export/rectification_ledger.hpp"
#include "model/period.hpp"
#include "service/local_service.hpp"

namespace dj {

std::string LocalService::export_members(const Actor& who, const MemberExport& request) {
    OrgNode node = org_node(who, request.unit_code, std::nullopt);
    auto all = list_members(who, request.unit_code, request.filter);
    std::vector<Member> rows;
    if (request.only) {
        std::unordered_map<std::int64_t, const Member*> by_id;
        for (const auto& m : all) by_id.emplace(m.id, &m);
        rows.reserve(request.only->size());
        for (std::int64_t id : *request.only)
            if (auto it = by_id.find(id); it != by_id.end()) rows.push_back(*it->second);
    } else {
        rows = std::move(all);
    }
    return exports::member_register_xlsx(rows, node.name + " 党员名册（" + today().iso() + "）");
}

std::string LocalService::export_audit(const Actor& who, const AuditFilter& filter) {
    std::vector<exports::AuditRow> rows;
    for (auto& e : audit_log(who, filter))
        rows.push_back({e.id, std::move(e.at), std::move(e.actor), std::move(e.action), std::move(e.target),
                        std::move(e.before), std::move(e.after)});
    return exports::audit_log_xlsx(rows);
}

std::string LocalService::export_rectifications(const Actor& who, const RectificationFilter& filter) {
    std::vector<exports::RectificationRow> rows;
    for (auto& r : rectifications(who, filter))
        rows.push_back({r.id, std::move(r.org_name), r.year, std::move(r.title), std::move(r.detail),
                        std::move(r.source_label), std::move(r.owner), std::move(r.deadline), std::move(r.status_label),
                        r.overdue, std::move(r.evidence)});
    return exports::rectification_ledger_xlsx(rows, today());
}

std::string LocalService::export_indicators(const Actor& who, const IndicatorExport& request) {
    const IndicatorQuery& q = request.query;
    OrgNode node = org_node(who, q.unit_code, std::nullopt);
    std::vector<exports::IndicatorRow> rows;
    for (auto& v : indicator_values(who, q)) {
        if (request.problems_only && !v.has_problem()) continue;
        rows.push_back({std::move(v.org_name), v.depth, std::move(v.name), v.value, std::move(v.unit), v.target, v.met,
                        v.rolled_up, std::move(v.findings), std::move(v.error)});
    }
    auto period = Period::parse(q.period);
    std::string label = period ? period->label_zh() : q.period;
    return exports::indicator_values_xlsx(rows, node.name + " " + label + " 指标情况");
}

}  // namespace dj
