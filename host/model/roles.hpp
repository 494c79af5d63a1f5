#pragma once
// Who is acting, and what each role may do. Every service operation takes an Actor; the
// role decides the kind of access, the bound org node decides where (its subtree).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dj {

enum class Role { Admin, UnitAdmin, Filler, Reviewer, Discipline, Leader };
inline constexpr Role kAllRoles[] = {Role::Admin,    Role::UnitAdmin,  Role::Filler,
                                     Role::Reviewer, Role::Discipline, Role::Leader};

std::string_view role_id(Role r);     // admin, unit_admin, filler, reviewer, discipline, leader
std::string_view role_label(Role r);  // 工委管理员, 单位管理员, 填报人, 评议人, 纪检, 领导
std::optional<Role> parse_role(std::string_view text);  // id or Chinese label

enum class Capability {
    ReadOrg, WriteOrg, ReadMembers, WriteMembers, ManageUsers,
    ManagePlugins,  // enable/disable plugins, their settings, reload
    WriteScripts,   // a unit's own Lua scripts
    ReadForms,      // see submissions and completeness
    FillForms,      // save drafts and submit
    ApproveForms,   // approve or return along the chain; sign off (销号) rectification
    EvaluateReports,  // 述职评议: rate a unit's report (never one's own)
    ReopenPeriods,  // accept late submissions after a deadline
    ReadAudit,      // the audit log, within the actor's scope
    VerifyAudit,    // check the audit log's hash chain (the whole log)
    ReadNotices,    // 通知公告 addressed to the actor's units; mark them read for the unit
    SendNotices,    // publish a notice (and 催报) inside the actor's subtree; see who read it
};
inline constexpr Capability kAllCapabilities[] = {Capability::ReadOrg, Capability::WriteOrg,
                                                  Capability::ReadMembers, Capability::WriteMembers,
                                                  Capability::ManageUsers,   Capability::ManagePlugins,
                                                  Capability::WriteScripts,  Capability::ReadForms,
                                                  Capability::FillForms,     Capability::ApproveForms,
                                                  Capability::EvaluateReports, Capability::ReopenPeriods,
                                                  Capability::ReadAudit,     Capability::VerifyAudit,
                                                  Capability::ReadNotices,   Capability::SendNotices};
std::string_view capability_label(Capability c);  // 查看组织 …
// The one table of each role's powers; README's "Roles and scope" table states it and a test
// (test_roles.cpp) holds the two together.
bool role_has(Role r, Capability c);
// Whether an account of role `actor` may create, change, reset, disable or unlock an account
// of role `target` (within its own subtree, checked separately): never a role with powers
// beyond its own. 工委管理员: every role; 单位管理员: 单位管理员, 填报人, 评议人 (not 领导, who reads
// the audit log, nor 纪检, who supervises the units); every other role: none.
bool may_grant_role(Role actor, Role target);

struct Actor {
    std::int64_t user_id = 0;
    std::string login;
    std::string display_name;
    Role role = Role::Leader;
    std::int64_t org_id = 0;  // scope: this node's subtree
    std::string org_code;
    // Set when the actor comes from a login session (server mode); 0 in local mode (--as).
    // A password change ends every session of the account except this one.
    std::int64_t session_id = 0;
    // A session opened with a one-time initial password: until the password is changed,
    // every operation except change_password and logout is refused.
    bool must_change_password = false;
};

}  // namespace dj
