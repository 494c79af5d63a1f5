// LocalService: opening, actors and access, users, overview and audit.
#include "service/local_service.hpp"

#include <sodium.h>

#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/migrations.hpp"
#include "service/audit_chain.hpp"
#include "service/json_codec.hpp"
#include "plugins/plugin_host.hpp"
#include "service/org_store.hpp"

namespace dj {

namespace {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

LocalService::LocalService(db::Connection db) : db_(std::move(db)), today_(Date::today()) {}
LocalService::~LocalService() = default;

std::unique_ptr<LocalService> LocalService::open(const std::string& path) {
    ensure_sodium();
    if (!std::filesystem::exists(path))
        throw UserError("数据库文件「" + path + "」不存在（可先运行 dangjian init --db " + path + " 或 dangjian demo）");
    auto conn = db::Connection::open(path, false);
    std::int64_t objects = 0;
    {  // finished before migrating: a pending read locks the tables a step may rebuild
        auto check = conn.prepare("SELECT count(*) FROM sqlite_schema");
        check.step();
        objects = check.int64(0);
    }
    if (conn.user_version() == 0 && objects > 0)
        throw UserError("文件「" + path + "」是 SQLite 数据库，但不是 dangjian 数据库");
    db::migrate(conn);
    std::unique_ptr<LocalService> svc(new LocalService(std::move(conn)));
    // A demo database is a snapshot of one year: its rules run on the date it was made for.
    auto as_of = svc->db_.prepare("SELECT value FROM app_setting WHERE key = 'as_of'");
    if (as_of.step())
        if (auto d = Date::parse(as_of.text(0))) svc->today_ = *d;
    return svc;
}

std::unique_ptr<LocalService> LocalService::create(const std::string& path, const std::string& county_name,
                                                   const std::string& admin_login) {
    ensure_sodium();
    if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0)
        throw UserError("文件「" + path + "」已存在，不会覆盖；请换一个文件名或先删除它");
    auto conn = db::Connection::open(path, true);
    db::migrate(conn);
    std::unique_ptr<LocalService> svc(new LocalService(std::move(conn)));
    const auto& db = svc->db_;
    db::Transaction tx(db);
    Date founded = Date::from_ymd(2000, 1, 1);
    auto add_root = [&](const std::string& code, const std::string& name, OrgType type,
                        std::optional<std::int64_t> parent) {
        db.prepare("INSERT INTO org_node(code) VALUES (?)").bind(1, code).run();
        OrgNode n;
        n.id = db.last_insert_rowid();
        n.code = code;
        n.name = name;
        n.type = type;
        n.parent_id = parent;
        n.valid_from = founded;
        org_store::insert_version(db, n);
        return n.id;
    };
    auto county = add_root("XW", county_name, OrgType::County, std::nullopt);
    add_root("GW", county_name.substr(0, county_name.rfind("委")) + "直机关工委", OrgType::Committee, county);
    db.prepare("INSERT INTO app_user(login, display_name, role, org_id, created_at) VALUES (?,?,?,?,?)")
        .bind_all(admin_login, std::string("工委管理员"), std::string("admin"), county, utc_timestamp_now())
        .run();
    audit_append(db, "system", "database.create", "db", "", nlohmann::json({{"county", county_name}, {"admin", admin_login}}).dump());
    tx.commit();
    return svc;
}

// --- Actors and access --------------------------------------------------------

Actor LocalService::actor(std::string_view login) {
    auto st = login.empty()
                  ? db_.prepare(
                        "SELECT u.id, u.login, u.display_name, u.role, u.org_id, n.code FROM app_user u "
                        "JOIN org_node n ON n.id = u.org_id WHERE u.role = 'admin' ORDER BY u.id LIMIT 1")
                  : db_.prepare(
                        "SELECT u.id, u.login, u.display_name, u.role, u.org_id, n.code FROM app_user u "
                        "JOIN org_node n ON n.id = u.org_id WHERE u.login = ?1");
    if (!login.empty()) st.bind(1, login);
    if (!st.step()) {
        if (login.empty()) throw UserError("数据库中没有工委管理员账号");
        throw UserError("用户「" + std::string(login) + "」不存在");
    }
    return Actor{st.int64(0), st.text(1), st.text(2), parse_role(st.text(3)).value_or(Role::Leader), st.int64(4),
                 st.text(5)};
}

Actor LocalService::verified(const Actor& who) const {
    auto st = db_.prepare(
        "SELECT u.id, u.login, u.display_name, u.role, u.org_id, n.code FROM app_user u "
        "JOIN org_node n ON n.id = u.org_id WHERE u.id = ?1");
    st.bind(1, who.user_id);
    if (!st.step()) throw AccessDenied("无权限：账号「" + who.login + "」不存在或已停用");
    return Actor{st.int64(0), st.text(1), st.text(2), parse_role(st.text(3)).value_or(Role::Leader), st.int64(4),
                 st.text(5)};
}

void LocalService::require(const Actor& claimed, Capability cap, std::int64_t node_id) const {
    Actor who = verified(claimed);
    if (!role_has(who.role, cap))
        throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能" +
                           std::string(capability_label(cap)));
    if (!org_store::is_within(db_, node_id, who.org_id, today_)) {
        auto node = org_store::find_by_id(db_, node_id, today_);
        auto scope = org_store::find_by_id(db_, who.org_id, today_);
        throw AccessDenied("无权限：「" + (node ? node->name : std::string("该组织")) + "」不在" +
                           std::string(role_label(who.role)) + "「" + who.login + "」的管辖范围「" +
                           (scope ? scope->name : who.org_code) + "」内");
    }
}

OrgNode LocalService::current_node_or_throw(std::string_view code) const {
    auto node = org_store::current_by_code(db_, code);
    if (!node) {
        if (org_store::id_of_code(db_, code)) throw NotFound("组织「" + std::string(code) + "」已撤销");
        throw NotFound("组织编码「" + std::string(code) + "」不存在");
    }
    return *node;
}

// --- Users ---------------------------------------------------------------------

std::vector<UserInfo> LocalService::list_users(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    auto st = db_.prepare(
        "SELECT u.id, u.login, u.display_name, u.role, n.code, coalesce(c.name, '') FROM app_user u "
        "JOIN org_node n ON n.id = u.org_id LEFT JOIN org_current c ON c.id = u.org_id ORDER BY u.id");
    std::vector<UserInfo> out;
    // Users are few (hundreds); filtering by scope in memory keeps the SQL simple.
    auto scope_ids = org_store::subtree(db_, who.org_id, today_);
    std::set<std::string> in_scope;
    for (const auto& n : scope_ids) in_scope.insert(n.code);
    while (st.step()) {
        UserInfo u{st.int64(0), st.text(1), st.text(2), parse_role(st.text(3)).value_or(Role::Leader), st.text(4),
                   st.text(5)};
        if (in_scope.count(u.org_code)) out.push_back(std::move(u));
    }
    return out;
}

UserInfo LocalService::create_user(const Actor& claimed, const NewUser& user) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(user.org_code);
    require(who, Capability::ManageUsers, node.id);
    if (user.role == Role::Admin && who.role != Role::Admin)
        throw AccessDenied("无权限：只有工委管理员可以创建工委管理员账号");
    if (user.login.empty() || user.login.size() > 64 ||
        user.login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos)
        throw UserError("登录名「" + user.login + "」无效：只能使用小写英文字母、数字和 _ . -，最长 64 个字符");
    if (user.display_name.empty()) throw UserError("姓名不能为空");
    db::Transaction tx(db_);
    auto dup = db_.prepare("SELECT 1 FROM app_user WHERE login = ?");
    dup.bind(1, user.login);
    if (dup.step()) throw UserError("登录名「" + user.login + "」已被使用");
    db_.prepare("INSERT INTO app_user(login, display_name, role, org_id, created_at) VALUES (?,?,?,?,?)")
        .bind_all(user.login, user.display_name, std::string(role_id(user.role)), node.id, utc_timestamp_now())
        .run();
    UserInfo info{db_.last_insert_rowid(), user.login, user.display_name, user.role, node.code, node.name};
    audit_append(db_, who.login, "user.create", "user:" + user.login, "", to_json(info).dump());
    tx.commit();
    return info;
}

// --- Overview and audit -------------------------------------------------------------

Overview LocalService::overview(const Actor& claimed) {
    Actor who = verified(claimed);
    require(who, Capability::ReadOrg, who.org_id);
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "  WHERE v.valid_to IS NULL) "
        "SELECT (SELECT count(*) FROM org_current WHERE id IN t AND type = 'department'), "
        "       (SELECT count(*) FROM org_current WHERE id IN t AND type IN ('organ_committee','general_branch','branch','group')), "
        "       (SELECT count(*) FROM org_current WHERE id IN t AND type = 'branch'), "
        "       (SELECT count(*) FROM member WHERE left_on IS NULL AND branch_id IN t), "
        "       (SELECT count(*) FROM app_user WHERE org_id IN t)");
    st.bind(1, who.org_id);
    st.step();
    Overview o;
    o.departments = static_cast<std::size_t>(st.int64(0));
    o.party_organisations = static_cast<std::size_t>(st.int64(1));
    o.branches = static_cast<std::size_t>(st.int64(2));
    o.members = static_cast<std::size_t>(st.int64(3));
    o.users = static_cast<std::size_t>(st.int64(4));
    return o;
}

std::vector<AuditEntry> LocalService::audit_log(const Actor& claimed, const AuditFilter& filter) {
    Actor who = verified(claimed);
    // The whole log spans every department: only the 工委 administrators and leaders read it.
    if (who.role != Role::Admin && who.role != Role::Leader)
        throw AccessDenied("无权限：只有工委管理员和领导可以查看审计日志");
    return audit_read(db_, filter);
}

AuditVerdict LocalService::audit_verify(const Actor& claimed) {
    Actor who = verified(claimed);
    if (who.role != Role::Admin) throw AccessDenied("无权限：只有工委管理员可以校验审计日志");
    return audit_verify_chain(db_);
}

}  // namespace dj
