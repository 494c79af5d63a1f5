// LocalService: the member register (党员名册).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "model/party_dates.hpp"
#include "service/audit_chain.hpp"
#include "service/json_codec.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj {

namespace {

std::optional<std::string> iso(const std::optional<Date>& d) {
    if (d) return d->iso();
    return std::nullopt;
}

std::string join_problems(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += (out.empty() ? "" : "；") + p;
    return out;
}

constexpr const char* kMemberSelect =
    "SELECT m.id, m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_id, b.code, "
    "coalesce(bv.name, ''), m.post, m.cadre_level, "
    "(SELECT group_concat(flag, '|') FROM (SELECT flag FROM member_flag f WHERE f.member_id = m.id ORDER BY flag)) "
    "FROM member m JOIN org_node b ON b.id = m.branch_id "
    "LEFT JOIN org_version bv ON bv.node_id = m.branch_id AND bv.valid_to IS NULL ";

}  // namespace

std::vector<Member> LocalService::read_members(const std::string& where, std::int64_t key, Date on) const {
    auto st = db_.prepare(std::string(kMemberSelect) + where);
    st.bind(1, key);
    std::vector<Member> out;
    while (st.step()) {
        Member m;
        m.id = st.int64(0);
        m.name = st.text(1);
        m.gender = st.text(2);
        if (auto b = st.opt_text(3)) m.birth_date = Date::parse(*b);
        m.join_date = Date::parse(st.text(4)).value_or(Date());
        if (auto f = st.opt_text(5)) m.full_date = Date::parse(*f);
        m.status = st.text(6);
        m.branch_id = st.int64(7);
        m.branch_code = st.text(8);
        m.branch_name = st.text(9);
        m.post = st.text(10);
        m.cadre_level = st.text(11);
        if (auto flags = st.opt_text(12)) {
            std::size_t start = 0;
            while (start <= flags->size()) {
                auto bar = flags->find('|', start);
                if (bar == std::string::npos) bar = flags->size();
                if (bar > start) m.flags.push_back(flags->substr(start, bar - start));
                start = bar + 1;
            }
        }
        m.party_age = party_age(m.full_date, on);
        m.political_birthday = political_birthday(m.join_date, on.year());
        if (m.birth_date) m.age = age_on(*m.birth_date, on);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<Member> LocalService::list_members(const Actor& claimed, std::string_view unit_code,
                                               const MemberFilter& filter) {
    Actor who = verified(claimed);
    auto unit = current_node_or_throw(unit_code);
    require(who, Capability::ReadMembers, unit.id);
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    std::string where = filter.include_subtree
                            ? "WHERE m.left_on IS NULL AND m.branch_id IN (WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL "
                              "SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id WHERE v.valid_to IS NULL) "
                              "SELECT id FROM t) "
                            : "WHERE m.left_on IS NULL AND m.branch_id = ?1 ";
    auto all = read_members(where + "ORDER BY b.code, m.id", unit.id, filter.on);
    if (!filter.flag && !filter.name_part) return all;
    std::vector<Member> out;
    for (auto& m : all) {
        if (filter.flag && std::find(m.flags.begin(), m.flags.end(), *filter.flag) == m.flags.end()) continue;
        if (filter.name_part && m.name.find(*filter.name_part) == std::string::npos) continue;
        out.push_back(std::move(m));
    }
    return out;
}

std::int64_t LocalService::member_branch_or_throw(std::int64_t member_id) const {
    auto st = db_.prepare("SELECT branch_id FROM member WHERE id = ? AND left_on IS NULL");
    st.bind(1, member_id);
    if (!st.step()) throw NotFound("党员编号 " + std::to_string(member_id) + " 不存在或已转出");
    return st.int64(0);
}

Member LocalService::member(const Actor& claimed, std::int64_t id, Date on) {
    Actor who = verified(claimed);
    require(who, Capability::ReadMembers, member_branch_or_throw(id));
    return read_members("WHERE m.id = ?1", id, on).at(0);
}

std::int64_t LocalService::insert_member(const MemberInput& m, std::int64_t branch_id) {
    db_.prepare(
           "INSERT INTO member(name, gender, birth_date, join_date, full_date, status, branch_id, post, cadre_level) "
           "VALUES (?,?,?,?,?,?,?,?,?)")
        .bind_all(m.name, m.gender, iso(m.birth_date), m.join_date.iso(), iso(m.full_date), m.status, branch_id, m.post,
                  m.cadre_level)
        .run();
    auto id = db_.last_insert_rowid();
    auto flag = db_.prepare("INSERT OR IGNORE INTO member_flag(member_id, flag) VALUES (?,?)");
    for (const auto& f : m.flags) flag.bind_all(id, f).run();
    return id;
}

void LocalService::write_member(std::int64_t id, const MemberInput& m, std::int64_t branch_id) {
    db_.prepare(
           "UPDATE member SET name=?, gender=?, birth_date=?, join_date=?, full_date=?, status=?, branch_id=?, post=?, "
           "cadre_level=? WHERE id=?")
        .bind_all(m.name, m.gender, iso(m.birth_date), m.join_date.iso(), iso(m.full_date), m.status, branch_id, m.post,
                  m.cadre_level, id)
        .run();
    db_.prepare("DELETE FROM member_flag WHERE member_id = ?").bind(1, id).run();
    auto flag = db_.prepare("INSERT OR IGNORE INTO member_flag(member_id, flag) VALUES (?,?)");
    for (const auto& f : m.flags) flag.bind_all(id, f).run();
}

namespace {
// The branch a member record names must exist now and be an organisation that holds members.
OrgNode member_branch(const db::Connection& db, const std::string& code) {
    auto node = org_store::current_by_code(db, code);
    if (!node) throw UserError("所在支部「" + code + "」不存在或已撤销");
    if (!org_type_holds_members(node->type))
        throw UserError("「" + node->name + "」是" + std::string(org_type_label(node->type)) +
                        "，党员应编入党支部、党总支或党小组");
    return *node;
}
}  // namespace

Member LocalService::add_member(const Actor& claimed, const MemberInput& input) {
    Actor who = verified(claimed);
    if (auto problems = validate_member(input, today_); !problems.empty()) throw UserError(join_problems(problems));
    auto branch = member_branch(db_, input.branch_code);
    require(who, Capability::WriteMembers, branch.id);
    db::Transaction tx(db_);
    auto id = insert_member(input, branch.id);
    indicators::IndicatorEngine::mark_members_change(db_, branch.id);
    audit_append(db_, who.login, "member.add", "member:" + std::to_string(id), "", to_json(input).dump());
    tx.commit();
    return read_members("WHERE m.id = ?1", id, today_).at(0);
}

Member LocalService::update_member(const Actor& claimed, std::int64_t id, const MemberInput& input) {
    Actor who = verified(claimed);
    if (auto problems = validate_member(input, today_); !problems.empty()) throw UserError(join_problems(problems));
    db::Transaction tx(db_);
    require(who, Capability::WriteMembers, member_branch_or_throw(id));
    auto branch = member_branch(db_, input.branch_code);
    require(who, Capability::WriteMembers, branch.id);
    auto before = read_members("WHERE m.id = ?1", id, today_).at(0);
    indicators::IndicatorEngine::mark_members_change(db_, member_branch_or_throw(id));
    write_member(id, input, branch.id);
    indicators::IndicatorEngine::mark_members_change(db_, branch.id);
    audit_append(db_, who.login, "member.update", "member:" + std::to_string(id), to_json(before).dump(),
                 to_json(input).dump());
    tx.commit();
    return read_members("WHERE m.id = ?1", id, today_).at(0);
}

void LocalService::remove_member(const Actor& claimed, std::int64_t id, Date on, std::string_view reason) {
    Actor who = verified(claimed);
    if (reason.empty()) throw UserError("请填写减少原因（如 转出、去世、出党）");
    db::Transaction tx(db_);
    require(who, Capability::WriteMembers, member_branch_or_throw(id));
    indicators::IndicatorEngine::mark_members_change(db_, member_branch_or_throw(id));
    db_.prepare("UPDATE member SET left_on = ?, left_reason = ? WHERE id = ?").bind_all(on.iso(), reason, id).run();
    audit_append(db_, who.login, "member.remove", "member:" + std::to_string(id), "",
                 nlohmann::json({{"left_on", on.iso()}, {"reason", reason}}).dump());
    tx.commit();
}

}  // namespace dj
