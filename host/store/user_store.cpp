#include "store/user_store.hpp"

#include "store/audit_log.hpp"

namespace dj::store {

namespace {

constexpr const char* kActorSelect =
    "SELECT u.id, u.login, u.display_name, u.role, u.org_id, n.code FROM app_user u "
    "JOIN org_node n ON n.id = u.org_id ";

std::optional<Actor> read_actor(db::Statement& st) {
    if (!st.step()) return std::nullopt;
    Actor a;
    a.user_id = st.int64(0);
    a.login = st.text(1);
    a.display_name = st.text(2);
    a.role = parse_role(st.text(3)).value_or(Role::Leader);
    a.org_id = st.int64(4);
    a.org_code = st.text(5);
    return a;
}

}  // namespace

std::optional<Actor> UserStore::by_login(std::string_view login) const {
    auto st = db_.prepare(std::string(kActorSelect) + "WHERE u.login = ?1");
    st.bind(1, login);
    return read_actor(st);
}

std::optional<Actor> UserStore::by_id(std::int64_t id) const {
    auto st = db_.prepare(std::string(kActorSelect) + "WHERE u.id = ?1");
    st.bind(1, id);
    return read_actor(st);
}

std::optional<Actor> UserStore::first_admin() const {
    auto st = db_.prepare(std::string(kActorSelect) + "WHERE u.role = 'admin' ORDER BY u.id LIMIT 1");
    return read_actor(st);
}

std::vector<UserInfo> UserStore::all() const {
    auto st = db_.prepare(
        "SELECT u.id, u.login, u.display_name, u.role, n.code, coalesce(c.name, '') FROM app_user u "
        "JOIN org_node n ON n.id = u.org_id LEFT JOIN org_current c ON c.id = u.org_id ORDER BY u.id");
    std::vector<UserInfo> out;
    while (st.step()) {
        UserInfo u;
        u.id = st.int64(0);
        u.login = st.text(1);
        u.display_name = st.text(2);
        u.role = parse_role(st.text(3)).value_or(Role::Leader);
        u.org_code = st.text(4);
        u.org_name = st.text(5);
        out.push_back(std::move(u));
    }
    return out;
}

bool UserStore::login_taken(std::string_view login) const {
    auto dup = db_.prepare("SELECT 1 FROM app_user WHERE login = ?");
    dup.bind(1, login);
    return dup.step();
}

std::int64_t UserStore::add(std::string_view login, std::string_view display_name, Role role, std::int64_t org_id) const {
    db_.prepare("INSERT INTO app_user(login, display_name, role, org_id, created_at) VALUES (?,?,?,?,?)")
        .bind_all(login, display_name, std::string(role_id(role)), org_id, utc_timestamp_now())
        .run();
    return db_.last_insert_rowid();
}

}  // namespace dj::store
