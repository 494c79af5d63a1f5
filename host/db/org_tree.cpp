#include "db/org_tree.hpp"

#include <algorithm>
#include <map>

namespace dj::org_tree {

namespace {

constexpr const char* kColumns =
    "n.id, n.code, v.name, v.type, v.parent_id, p.code, v.kind, v.staff_count, v.party_affairs_staff, "
    "v.term_start, v.term_end, v.has_discipline_committee, v.has_discipline_member, v.valid_from, v.valid_to";
constexpr const char* kValidAt = "v.valid_from <= ?2 AND (v.valid_to IS NULL OR v.valid_to > ?2)";

std::optional<Date> opt_date(const db::Statement& st, int col) {
    if (st.is_null(col)) return std::nullopt;
    return Date::parse(st.text(col));
}
std::optional<bool> opt_bool(const db::Statement& st, int col) {
    if (st.is_null(col)) return std::nullopt;
    return st.int64(col) != 0;
}

OrgNode read_node(const db::Statement& st) {
    OrgNode n;
    n.id = st.int64(0);
    n.code = st.text(1);
    n.name = st.text(2);
    n.type = parse_org_type(st.text(3)).value_or(OrgType::Branch);
    n.parent_id = st.opt_int64(4);
    n.parent_code = st.opt_text(5).value_or("");
    n.attrs.kind = st.opt_text(6);
    n.attrs.staff_count = st.opt_int(7);
    n.attrs.party_affairs_staff = st.opt_int(8);
    n.attrs.term_start = opt_date(st, 9);
    n.attrs.term_end = opt_date(st, 10);
    n.attrs.has_discipline_committee = opt_bool(st, 11);
    n.attrs.has_discipline_member = opt_bool(st, 12);
    n.valid_from = Date::parse(st.text(13)).value_or(Date());
    n.valid_to = opt_date(st, 14);
    return n;
}

std::string select_sql(const char* where) {
    return std::string("SELECT ") + kColumns +
           " FROM org_node n JOIN org_version v ON v.node_id = n.id LEFT JOIN org_node p ON p.id = v.parent_id "
           "WHERE " + where;
}

template <class Key>
std::optional<OrgNode> find_one(const db::Connection& db, const char* key_clause, const Key& key, Date at) {
    auto st = db.prepare(select_sql((std::string(key_clause) + " AND " + kValidAt).c_str()));
    st.bind(1, key).bind(2, at.iso());
    if (!st.step()) return std::nullopt;
    return read_node(st);
}

}  // namespace

std::optional<OrgNode> find_by_code(const db::Connection& db, std::string_view code, Date at) {
    return find_one(db, "n.code = ?1", code, at);
}

std::optional<OrgNode> find_by_id(const db::Connection& db, std::int64_t id, Date at) {
    return find_one(db, "n.id = ?1", id, at);
}

std::optional<OrgNode> current_by_code(const db::Connection& db, std::string_view code) {
    auto st = db.prepare(select_sql("n.code = ?1 AND v.valid_to IS NULL"));
    st.bind(1, code);
    if (!st.step()) return std::nullopt;
    return read_node(st);
}

std::optional<std::int64_t> id_of_code(const db::Connection& db, std::string_view code) {
    auto st = db.prepare("SELECT id FROM org_node WHERE code = ?");
    st.bind(1, code);
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

std::vector<OrgNode> subtree(const db::Connection& db, std::int64_t root_id, Date at) {
    // Set-based: one recursive query collects the subtree, then order it in memory.
    auto st = db.prepare(std::string("WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL "
                                     "SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id WHERE ") +
                         kValidAt + ") " + select_sql((std::string("n.id IN (SELECT id FROM t) AND ") + kValidAt).c_str()));
    st.bind(1, root_id).bind(2, at.iso());
    std::vector<OrgNode> nodes;
    while (st.step()) nodes.push_back(read_node(st));

    std::map<std::int64_t, std::vector<std::size_t>> children;
    std::optional<std::size_t> root;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == root_id) root = i;
        else if (nodes[i].parent_id) children[*nodes[i].parent_id].push_back(i);
    }
    std::vector<OrgNode> ordered;
    if (!root) return ordered;
    ordered.reserve(nodes.size());
    // Iterative depth-first walk: no recursion depth to worry about.
    std::vector<std::pair<std::size_t, int>> stack{{*root, 0}};
    while (!stack.empty()) {
        auto [i, depth] = stack.back();
        stack.pop_back();
        nodes[i].depth = depth;
        ordered.push_back(nodes[i]);
        auto it = children.find(nodes[i].id);
        if (it == children.end()) continue;
        auto kids = it->second;
        std::sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) { return nodes[a].code > nodes[b].code; });
        for (std::size_t k : kids) stack.push_back({k, depth + 1});
    }
    return ordered;
}

bool is_within(const db::Connection& db, std::int64_t node_id, std::int64_t ancestor_id, Date at) {
    auto st = db.prepare(std::string("WITH RECURSIVE up(id) AS (SELECT ?1 UNION ALL "
                                     "SELECT v.parent_id FROM org_version v JOIN up ON v.node_id = up.id WHERE ") +
                         kValidAt + " AND v.parent_id IS NOT NULL) SELECT 1 FROM up WHERE id = ?3 LIMIT 1");
    st.bind(1, node_id).bind(2, at.iso()).bind(3, ancestor_id);
    return st.step();
}

std::vector<OrgNode> history(const db::Connection& db, std::int64_t node_id) {
    auto st = db.prepare(select_sql("n.id = ?1 ORDER BY v.valid_from"));
    st.bind(1, node_id);
    std::vector<OrgNode> out;
    while (st.step()) out.push_back(read_node(st));
    return out;
}

}  // namespace dj::org_tree
