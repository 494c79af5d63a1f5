#include "service/json_codec.hpp"

#include <nlohmann/json.hpp>

namespace dj {

using nlohmann::json;

namespace {
template <class T>
json opt(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}
json opt_date(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }
}  // namespace

json to_json(const OrgAttributes& a) {
    return {{"kind", opt(a.kind)},
            {"staff_count", opt(a.staff_count)},
            {"party_affairs_staff", opt(a.party_affairs_staff)},
            {"term_start", opt_date(a.term_start)},
            {"term_end", opt_date(a.term_end)},
            {"has_discipline_committee", opt(a.has_discipline_committee)},
            {"has_discipline_member", opt(a.has_discipline_member)}};
}

json to_json(const OrgNode& n) {
    return {{"code", n.code},
            {"name", n.name},
            {"type", org_type_id(n.type)},
            {"type_label", org_type_label(n.type)},
            {"parent", n.parent_code.empty() ? json(nullptr) : json(n.parent_code)},
            {"depth", n.depth},
            {"valid_from", n.valid_from.iso()},
            {"valid_to", opt_date(n.valid_to)},
            {"attributes", to_json(n.attrs)}};
}

json to_json(const Member& m) {
    return {{"id", m.id},
            {"name", m.name},
            {"gender", m.gender},
            {"birth_date", opt_date(m.birth_date)},
            {"join_date", m.join_date.iso()},
            {"full_date", opt_date(m.full_date)},
            {"status", m.status},
            {"branch", m.branch_code},
            {"branch_name", m.branch_name},
            {"post", m.post},
            {"cadre_level", m.cadre_level},
            {"flags", m.flags},
            {"party_age", opt(m.party_age)},
            {"political_birthday", m.political_birthday.iso()},
            {"age", opt(m.age)}};
}

json to_json(const MemberInput& m) {
    return {{"name", m.name},         {"gender", m.gender},
            {"birth_date", opt_date(m.birth_date)}, {"join_date", m.join_date.iso()},
            {"full_date", opt_date(m.full_date)},   {"status", m.status},
            {"branch", m.branch_code}, {"post", m.post},
            {"cadre_level", m.cadre_level},         {"flags", m.flags}};
}

json to_json(const UserInfo& u) {
    return {{"id", u.id},       {"login", u.login},       {"display_name", u.display_name},
            {"role", role_id(u.role)}, {"role_label", role_label(u.role)},
            {"org", u.org_code}, {"org_name", u.org_name}};
}

json to_json(const Overview& o) {
    return {{"departments", o.departments}, {"party_organisations", o.party_organisations},
            {"branches", o.branches},       {"members", o.members},
            {"users", o.users}};
}

json to_json(const ImportReport& r) {
    json problems = json::array();
    for (const auto& p : r.problems) problems.push_back({{"line", p.line}, {"message", p.message}});
    return {{"imported", r.imported}, {"rows", r.rows}, {"encoding", r.encoding}, {"problems", problems}};
}

json to_json(const AuditEntry& e) {
    auto parse_or_text = [](const std::string& s) -> json {
        if (s.empty()) return nullptr;
        auto j = json::parse(s, nullptr, false);
        return j.is_discarded() ? json(s) : j;
    };
    return {{"id", e.id},         {"at", e.at},
            {"actor", e.actor},   {"action", e.action},
            {"target", e.target}, {"before", parse_or_text(e.before)},
            {"after", parse_or_text(e.after)}};
}

json to_json(const AuditVerdict& v) {
    return {{"intact", v.intact}, {"rows", v.rows}, {"first_broken_id", opt(v.first_broken_id)}, {"reason", v.reason}};
}

}  // namespace dj
