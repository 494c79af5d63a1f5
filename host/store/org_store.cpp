#include "store/org_store.hpp"

namespace dj::store {

std::vector<OrgNode> OrgStore::path_to(std::int64_t node_id, Date at) const {
    std::vector<OrgNode> path;
    for (auto node = find_by_id(node_id, at); node; node = node->parent_id ? find_by_id(*node->parent_id, at) : std::nullopt)
        path.insert(path.begin(), *node);
    return path;
}

std::size_t OrgStore::open_children(std::int64_t node_id) const {
    auto st = db_.prepare(
        "SELECT (SELECT count(*) FROM org_version WHERE parent_id = ?1 AND valid_to IS NULL) + "
        "(SELECT count(*) FROM member WHERE branch_id = ?1 AND left_on IS NULL)");
    st.bind(1, node_id);
    st.step();
    return static_cast<std::size_t>(st.int64(0));
}

Overview OrgStore::overview(std::int64_t root_id) const {
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "  WHERE v.valid_to IS NULL) "
        "SELECT (SELECT count(*) FROM org_current WHERE id IN (SELECT id FROM t) AND type = 'department'), "
        "       (SELECT count(*) FROM org_current WHERE id IN (SELECT id FROM t) AND type IN ('organ_committee','general_branch','branch','group')), "
        "       (SELECT count(*) FROM org_current WHERE id IN (SELECT id FROM t) AND type = 'branch'), "
        "       (SELECT count(*) FROM member WHERE left_on IS NULL AND branch_id IN (SELECT id FROM t)), "
        "       (SELECT count(*) FROM app_user WHERE org_id IN (SELECT id FROM t))");
    st.bind(1, root_id);
    st.step();
    Overview o;
    o.departments = static_cast<std::size_t>(st.int64(0));
    o.party_organisations = static_cast<std::size_t>(st.int64(1));
    o.branches = static_cast<std::size_t>(st.int64(2));
    o.members = static_cast<std::size_t>(st.int64(3));
    o.users = static_cast<std::size_t>(st.int64(4));
    return o;
}

void OrgStore::create(OrgNode& node) const {
    db_.prepare("INSERT INTO org_node(code) VALUES (?)").bind(1, node.code).run();
    node.id = db_.last_insert_rowid();
    insert_version(db_, node);
    changes_.emit(ChangeEvent::org_tree(node.valid_from));  // the tree changed from this date on
}

void OrgStore::revise(const OrgNode& before, const OrgNode& after) const {
    if (after.valid_from == before.valid_from) {
        // Same day as the current version: amend it rather than keep a zero-length version.
        db_.prepare("DELETE FROM org_version WHERE node_id = ? AND valid_from = ?")
            .bind_all(before.id, before.valid_from.iso())
            .run();
    } else {
        db_.prepare("UPDATE org_version SET valid_to = ? WHERE node_id = ? AND valid_to IS NULL")
            .bind_all(after.valid_from.iso(), before.id)
            .run();
    }
    insert_version(db_, after);
    changes_.emit(ChangeEvent::org_tree(after.valid_from));
}

void OrgStore::close(std::int64_t node_id, Date effective) const {
    db_.prepare("UPDATE org_version SET valid_to = ? WHERE node_id = ? AND valid_to IS NULL")
        .bind_all(effective.iso(), node_id)
        .run();
    changes_.emit(ChangeEvent::org_tree(effective));
}

void OrgStore::insert_version(const db::Connection& db, const OrgNode& n) {
    auto st = db.prepare(
        "INSERT INTO org_version(node_id, valid_from, valid_to, name, type, parent_id, kind, staff_count, "
        "party_affairs_staff, term_start, term_end, has_discipline_committee, has_discipline_member) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto date_text = [](const std::optional<Date>& d) -> std::optional<std::string> {
        if (d) return d->iso();
        return std::nullopt;
    };
    auto bool_int = [](const std::optional<bool>& b) -> std::optional<std::int64_t> {
        if (b) return *b ? 1 : 0;
        return std::nullopt;
    };
    st.bind_all(n.id, n.valid_from.iso(), date_text(n.valid_to), n.name, std::string(org_type_id(n.type)),
                n.parent_id, n.attrs.kind, n.attrs.staff_count, n.attrs.party_affairs_staff,
                date_text(n.attrs.term_start), date_text(n.attrs.term_end),
                bool_int(n.attrs.has_discipline_committee), bool_int(n.attrs.has_discipline_member));
    st.run();
}

}  // namespace dj::store
