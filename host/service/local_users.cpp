// UserPart: accounts within the actor's scope, and their passwords.
#include "service/local_users.hpp"

#include <algorithm>
#include <set>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/secrets.hpp"
#include "core/utf8.hpp"
#include "store/audit_log.hpp"

namespace dj {

using nlohmann::json;

namespace {

// What the audit log keeps of an account: never a password, not even a one-time one.
json audit_json(const UserInfo& u) {
    return {{"login", u.login},       {"display_name", u.display_name}, {"role", role_id(u.role)},
            {"org", u.org_code},      {"disabled", u.disabled},         {"locked", u.locked},
            {"must_change_password", u.must_change_password}};
}

void audit(const ServiceContext& ctx, const Actor& who, std::string_view action, const UserInfo& target,
           json before, json after) {
    after["source"] = actor_source(ctx, who);
    audit_append(ctx.db, who.login, action, "user:" + target.login, before.is_null() ? "" : before.dump(),
                 after.dump());
}

void check_login_name(const std::string& login) {
    if (login.empty() || login.size() > 64 ||
        login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos)
        throw UserError("登录名「" + login.substr(0, 64) + "」无效：只能使用小写英文字母、数字和 _ . -，最长 64 个字符");
}

void check_display_name(std::string_view name) {
    if (name.empty()) throw UserError("姓名不能为空");
    if (utf8_length(name) > 50) throw UserError("姓名过长：最多 50 个字");
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        throw UserError("姓名中不能含有控制字符");
}

void refuse_role(const Actor& who, Role target) {
    throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能管理" +
                       std::string(role_label(target)) + "账号（不能授予超出自己的权限）");
}

}  // namespace

std::string actor_source(const ServiceContext& ctx, const Actor& who) {
    if (who.session_id == 0) return "local";
    auto s = ctx.accounts.session_by_id(who.session_id);
    return s ? s->source : "unknown";
}

void check_password_rules(std::string_view login, std::string_view password) {
    if (utf8_length(password) < 10) throw UserError("新密码太短：至少需要 10 个字符");
    if (password.size() > 1024) throw UserError("新密码太长：最多 1024 个字节");
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == login) throw UserError("新密码不能与登录名相同");
    if (std::any_of(password.begin(), password.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        throw UserError("新密码中不能含有控制字符");
}

std::vector<UserInfo> UserPart::list_users(const Actor& claimed) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadOrg, who.org_id);
    // Users are few (hundreds); filtering by scope in memory keeps the SQL simple.
    std::set<std::string> in_scope;
    for (const auto& n : ctx_.orgs.subtree(who.org_id, ctx_.today)) in_scope.insert(n.code);
    std::vector<UserInfo> out;
    for (auto& u : ctx_.users.all())
        if (in_scope.count(u.org_code)) out.push_back(std::move(u));
    return out;
}

UserInfo UserPart::read_user(std::string_view login) const {
    for (auto& u : ctx_.users.all())
        if (u.login == login) return u;
    throw NotFound("用户「" + std::string(login).substr(0, 64) + "」不存在");
}

UserInfo UserPart::managed_account(const Actor& who, std::string_view login) {
    auto account = ctx_.users.by_login(login);
    // Outside one's scope an account is as good as unknown: a refusal must not confirm it.
    if (!account || !ctx_.orgs.is_within(account->org_id, who.org_id, ctx_.today))
        throw NotFound("用户「" + std::string(login).substr(0, 64) + "」不存在或不在管辖范围内");
    ctx_.require(who, Capability::ManageUsers, account->org_id);
    if (!may_grant_role(who.role, account->role)) refuse_role(who, account->role);
    return read_user(login);
}

UserInfo UserPart::create_user(const Actor& claimed, const NewUser& user) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(user.org_code);
    ctx_.require(who, Capability::ManageUsers, node.id);
    if (!may_grant_role(who.role, user.role)) refuse_role(who, user.role);
    check_login_name(user.login);
    check_display_name(user.display_name);
    // Hashing takes a while (argon2id): done before the write lock is taken.
    std::string password = secrets::one_time_password();
    std::string hash = secrets::hash_password(password);
    db::Transaction tx(ctx_.db);
    if (ctx_.users.login_taken(user.login)) throw Conflict("登录名「" + user.login + "」已被使用");
    auto id = ctx_.users.add(user.login, user.display_name, user.role, node.id);
    ctx_.accounts.set_password(id, hash, true);
    UserInfo info = read_user(user.login);
    audit(ctx_, who, "user.create", info, nullptr, audit_json(info));
    tx.commit();
    info.initial_password = password;
    return info;
}

UserInfo UserPart::change_user(const Actor& claimed, std::string_view login, const UserChange& change) {
    Actor who = ctx_.verified(claimed);
    UserInfo before = managed_account(who, login);
    bool moves = (change.role && *change.role != before.role) || (change.org_code && *change.org_code != before.org_code);
    if (moves && before.id == who.user_id) throw AccessDenied("无权限：不能修改自己账号的角色或所属组织");
    Role role = change.role.value_or(before.role);
    if (!may_grant_role(who.role, role)) refuse_role(who, role);
    auto node = ctx_.current_node_or_throw(change.org_code.value_or(before.org_code));
    ctx_.require(who, Capability::ManageUsers, node.id);
    std::string name = change.display_name.value_or(before.display_name);
    check_display_name(name);
    db::Transaction tx(ctx_.db);
    ctx_.accounts.set_profile(before.id, name, role, node.id);
    UserInfo after = read_user(login);
    audit(ctx_, who, "user.change", after, audit_json(before), audit_json(after));
    tx.commit();
    return after;
}

UserInfo UserPart::set_user_enabled(const Actor& claimed, std::string_view login, bool enabled) {
    Actor who = ctx_.verified(claimed);
    UserInfo before = managed_account(who, login);
    if (!enabled && before.id == who.user_id) throw UserError("不能停用自己的账号");
    db::Transaction tx(ctx_.db);
    ctx_.accounts.set_disabled(before.id, !enabled);
    int ended = enabled ? 0 : ctx_.accounts.end_sessions(before.id);
    UserInfo after = read_user(login);
    json detail = audit_json(after);
    detail["sessions_ended"] = ended;
    audit(ctx_, who, enabled ? "user.enable" : "user.disable", after, audit_json(before), detail);
    tx.commit();
    return after;
}

UserInfo UserPart::unlock_user(const Actor& claimed, std::string_view login) {
    Actor who = ctx_.verified(claimed);
    UserInfo before = managed_account(who, login);
    db::Transaction tx(ctx_.db);
    ctx_.accounts.set_locked(before.id, false);
    ctx_.accounts.clear_failures(store::FailureKind::Account, before.login);
    UserInfo after = read_user(login);
    audit(ctx_, who, "user.unlock", after, audit_json(before), audit_json(after));
    tx.commit();
    return after;
}

UserInfo UserPart::reset_password(const Actor& claimed, std::string_view login) {
    Actor who = ctx_.verified(claimed);
    UserInfo before = managed_account(who, login);
    std::string password = secrets::one_time_password();
    std::string hash = secrets::hash_password(password);
    db::Transaction tx(ctx_.db);
    ctx_.accounts.set_password(before.id, hash, true);
    // A reset is how a locked-out person gets back in: the lock and the failures go with it.
    ctx_.accounts.set_locked(before.id, false);
    ctx_.accounts.clear_failures(store::FailureKind::Account, before.login);
    int ended = ctx_.accounts.end_sessions(before.id);
    UserInfo after = read_user(login);
    json detail = audit_json(after);
    detail["sessions_ended"] = ended;
    audit(ctx_, who, "user.password_reset", after, audit_json(before), detail);
    tx.commit();
    after.initial_password = password;
    return after;
}

void UserPart::change_password(const Actor& claimed, std::string_view old_password, std::string_view new_password) {
    Actor who = ctx_.verified_for_password_change(claimed);
    auto state = ctx_.accounts.by_id(who.user_id);
    if (!state) throw AccessDenied("无权限：账号「" + who.login + "」不存在或已停用");
    if (state->password_hash) {
        if (!secrets::verify_password(*state->password_hash, old_password)) {
            // A stolen session must not become a way to guess the password: a wrong old
            // password counts as a failed login of the account.
            db::Transaction tx(ctx_.db);
            int n = ctx_.accounts.add_failure(store::FailureKind::Account, who.login, ctx_.now());
            audit_append(ctx_.db, who.login, "user.password_change_failed", "user:" + who.login, "",
                         json{{"source", actor_source(ctx_, who)}, {"failures", n}}.dump());
            tx.commit();
            throw UserError("原密码不正确，密码未修改");
        }
        if (old_password == new_password) throw UserError("新密码不能与原密码相同");
    }
    check_password_rules(who.login, new_password);
    std::string hash = secrets::hash_password(new_password);
    db::Transaction tx(ctx_.db);
    ctx_.accounts.set_password(who.user_id, hash, false);
    ctx_.accounts.clear_failures(store::FailureKind::Account, who.login);
    // Whoever else holds a session of this account (a forgotten PC, a thief) is out; the
    // session that changed the password goes on.
    int ended = ctx_.accounts.end_sessions(who.user_id, who.session_id);
    audit_append(ctx_.db, who.login, "user.password_change", "user:" + who.login, "",
                 json{{"source", actor_source(ctx_, who)}, {"sessions_ended", ended}}.dump());
    tx.commit();
}

}  // namespace dj
