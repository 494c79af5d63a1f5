// UserPart: accounts within the actor's scope.
#include "service/local_users.hpp"

#include <set>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "service/json_codec.hpp"
#include "store/audit_log.hpp"

namespace dj {

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

UserInfo UserPart::create_user(const Actor& claimed, const NewUser& user) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(user.org_code);
    ctx_.require(who, Capability::ManageUsers, node.id);
    if (user.role == Role::Admin && who.role != Role::Admin)
        throw AccessDenied("无权限：只有工委管理员可以创建工委管理员账号");
    if (user.login.empty() || user.login.size() > 64 ||
        user.login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos)
        throw UserError("登录名「" + user.login + "」无效：只能使用小写英文字母、数字和 _ . -，最长 64 个字符");
    if (user.display_name.empty()) throw UserError("姓名不能为空");
    db::Transaction tx(ctx_.db);
    if (ctx_.users.login_taken(user.login)) throw UserError("登录名「" + user.login + "」已被使用");
    auto id = ctx_.users.add(user.login, user.display_name, user.role, node.id);
    UserInfo info;
    info.id = id;
    info.login = user.login;
    info.display_name = user.display_name;
    info.role = user.role;
    info.org_code = node.code;
    info.org_name = node.name;
    audit_append(ctx_.db, who.login, "user.create", "user:" + user.login, "", to_json(info).dump());
    tx.commit();
    return info;
}

}  // namespace dj
