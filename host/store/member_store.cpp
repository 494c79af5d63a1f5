#include "store/member_store.hpp"

#include "model/party_dates.hpp"

namespace dj::store {

namespace {

std::optional<std::string> iso(const std::optional<Date>& d) {
    if (d) return d->iso();
    return std::nullopt;
}

constexpr const char* kMemberSelect =
    "SELECT m.id, m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_id, b.code, "
    "coalesce(bv.name, ''), m.post, m.cadre_level, "
    "(SELECT group_concat(flag, '|') FROM (SELECT flag FROM member_flag f WHERE f.member_id = m.id ORDER BY flag)) "
    "FROM member m JOIN org_node b ON b.id = m.branch_id "
    "LEFT JOIN org_version bv ON bv.node_id = m.branch_id AND bv.valid_to IS NULL ";

}  // namespace

std::vector<Member> MemberStore::read(const std::string& where, std::int64_t key, Date on) const {
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

std::vector<Member> MemberStore::current(std::int64_t unit_id, bool subtree, Date on) const {
    std::string where = subtree
                            ? "WHERE m.left_on IS NULL AND m.branch_id IN (WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL "
                              "SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id WHERE v.valid_to IS NULL) "
                              "SELECT id FROM t) "
                            : "WHERE m.left_on IS NULL AND m.branch_id = ?1 ";
    return read(where + "ORDER BY b.code, m.id", unit_id, on);
}

std::optional<Member> MemberStore::by_id(std::int64_t id, Date on) const {
    auto rows = read("WHERE m.id = ?1", id, on);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<MemberRef> MemberStore::current_ref(std::int64_t id) const {
    auto st = db_.prepare("SELECT branch_id, name, join_date FROM member WHERE id = ? AND left_on IS NULL");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    MemberRef ref{st.int64(0), st.text(1), std::nullopt};
    if (!st.is_null(2)) ref.join_date = st.text(2);
    return ref;
}

bool MemberStore::has_flag(std::int64_t id, const std::string& flag) const {
    auto f = db_.prepare("SELECT 1 FROM member_flag WHERE member_id = ? AND flag = ?");
    f.bind_all(id, flag);
    return f.step();
}

std::string MemberStore::name_or_id(std::int64_t id) const {
    auto st = db_.prepare("SELECT name FROM member WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.text(0) : "#" + std::to_string(id);
}

std::map<std::int64_t, std::size_t> MemberStore::count_by_branch() const {
    std::map<std::int64_t, std::size_t> out;
    auto m = db_.prepare("SELECT branch_id, count(*) FROM member WHERE left_on IS NULL GROUP BY branch_id");
    while (m.step()) out[m.int64(0)] = static_cast<std::size_t>(m.int64(1));
    return out;
}

std::optional<std::string> MemberStore::duplicate_of(const MemberInput& m, std::int64_t branch_id) const {
    auto st = db_.prepare(
        "SELECT b.code FROM member m JOIN org_node b ON b.id = m.branch_id "
        "WHERE m.left_on IS NULL AND m.name = ?1 AND (m.birth_date = ?2 OR (?2 IS NULL AND m.branch_id = ?3)) LIMIT 1");
    st.bind(1, m.name).bind(2, iso(m.birth_date)).bind(3, branch_id);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void MemberStore::write_flags(std::int64_t id, const std::vector<std::string>& flags) const {
    auto flag = db_.prepare("INSERT INTO member_flag(member_id, flag) VALUES (?,?) ON CONFLICT DO NOTHING");
    for (const auto& f : flags) flag.bind_all(id, f).run();
}

std::int64_t MemberStore::add(const MemberInput& m, std::int64_t branch_id) const {
    db_.prepare(
           "INSERT INTO member(name, gender, birth_date, join_date, full_date, status, branch_id, post, cadre_level) "
           "VALUES (?,?,?,?,?,?,?,?,?)")
        .bind_all(m.name, m.gender, iso(m.birth_date), m.join_date.iso(), iso(m.full_date), m.status, branch_id, m.post,
                  m.cadre_level)
        .run();
    auto id = db_.last_insert_rowid();
    write_flags(id, m.flags);
    changes_.emit(ChangeEvent::members(branch_id));
    return id;
}

void MemberStore::update(std::int64_t id, const MemberInput& m, std::int64_t branch_id) const {
    // The branch it leaves changes as much as the one it joins.
    if (auto old = current_ref(id); old && old->branch_id != branch_id) changes_.emit(ChangeEvent::members(old->branch_id));
    db_.prepare(
           "UPDATE member SET name=?, gender=?, birth_date=?, join_date=?, full_date=?, status=?, branch_id=?, post=?, "
           "cadre_level=? WHERE id=?")
        .bind_all(m.name, m.gender, iso(m.birth_date), m.join_date.iso(), iso(m.full_date), m.status, branch_id, m.post,
                  m.cadre_level, id)
        .run();
    db_.prepare("DELETE FROM member_flag WHERE member_id = ?").bind(1, id).run();
    write_flags(id, m.flags);
    changes_.emit(ChangeEvent::members(branch_id));
}

void MemberStore::remove(std::int64_t id, Date on, std::string_view reason) const {
    if (auto old = current_ref(id)) changes_.emit(ChangeEvent::members(old->branch_id));
    db_.prepare("UPDATE member SET left_on = ?, left_reason = ? WHERE id = ?").bind_all(on.iso(), reason, id).run();
}

}  // namespace dj::store
