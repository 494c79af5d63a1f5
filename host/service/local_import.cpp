// MemberPart: all-or-nothing import of a member roster from CSV.
#include <map>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "io/member_csv.hpp"
#include "store/audit_log.hpp"
#include "service/local_members.hpp"

namespace dj {

namespace {
// Two records are the same person when name and birth date agree; without a birth date,
// when name and branch agree (the best a roster without ID numbers allows).
std::string identity(const MemberInput& m, std::int64_t branch_id) {
    return m.name + "|" + (m.birth_date ? m.birth_date->iso() : "b" + std::to_string(branch_id));
}
}  // namespace

ImportReport MemberPart::import_members(const Actor& claimed, std::string_view csv_bytes) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::WriteMembers, who.org_id);
    Roster roster = read_roster(csv_bytes, ctx_.today);
    ImportReport report;
    report.encoding = roster.encoding;
    report.rows = roster.rows.size();
    if (roster.rows.empty()) throw UserError("文件只有表头，没有党员记录");

    // Where members may be placed: organisations holding members inside the actor's scope.
    std::map<std::string, const OrgNode*> by_code;
    std::map<std::string, std::vector<const OrgNode*>> by_name;
    auto scope = ctx_.orgs.subtree(who.org_id, ctx_.today);
    for (const auto& n : scope) {
        if (!org_type_holds_members(n.type)) continue;
        by_code[n.code] = &n;
        by_name[n.name].push_back(&n);
    }
    std::map<std::string, std::size_t> seen;  // identity -> line

    std::vector<std::pair<const RosterRow*, std::int64_t>> accepted;
    for (const auto& row : roster.rows) {
        auto problems = row.problems;
        const OrgNode* branch = nullptr;
        const auto& ref = row.member.branch_code;
        if (!ref.empty()) {
            if (auto it = by_code.find(ref); it != by_code.end()) branch = it->second;
            else if (auto nt = by_name.find(ref); nt != by_name.end() && nt->second.size() == 1)
                branch = nt->second.front();
            else if (nt != by_name.end())
                problems.push_back("所在支部「" + ref + "」有重名，请改用支部编码");
            else if (ctx_.orgs.current_by_code(ref))
                problems.push_back("所在支部「" + ref + "」不在您的管辖范围内，或不是党支部/党总支/党小组");
            else
                problems.push_back("所在支部「" + ref + "」不存在");
        }
        if (branch && problems.empty()) {
            auto key = identity(row.member, branch->id);
            if (auto it = seen.find(key); it != seen.end()) {
                problems.push_back("与第 " + std::to_string(it->second) + " 行重复（" + row.member.name + "）");
            } else {
                seen[key] = row.line;
                // Where the existing record is, only when the actor may see that unit.
                if (auto where = ctx_.members.duplicate_of(row.member, branch->id))
                    problems.push_back(by_code.count(*where)
                                           ? "与已有党员重复（" + row.member.name + "，现在「" + *where + "」）"
                                           : "与已有党员重复（" + row.member.name +
                                                 "已在其他单位的名册上，请先办理组织关系转接）");
            }
        }
        for (auto& p : problems) report.problems.push_back({row.line, std::move(p)});
        if (problems.empty() && branch) accepted.emplace_back(&row, branch->id);
    }
    if (!report.problems.empty()) return report;  // nothing written

    db::Transaction tx(ctx_.db);
    for (const auto& [row, branch_id] : accepted) ctx_.members.add(row->member, branch_id);
    report.imported = accepted.size();
    audit_append(ctx_.db, who.login, "member.import", "member:*", "",
                 nlohmann::json({{"rows", report.imported}, {"encoding", report.encoding}}).dump());
    tx.commit();
    return report;
}

}  // namespace dj
