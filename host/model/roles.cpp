#include "model/roles.hpp"

namespace dj {

std::string_view role_id(Role r) {
    switch (r) {
        case Role::Admin: return "admin";
        case Role::UnitAdmin: return "unit_admin";
        case Role::Filler: return "filler";
        case Role::Reviewer: return "reviewer";
        case Role::Discipline: return "discipline";
        case Role::Leader: return "leader";
    }
    return "";
}

std::string_view role_label(Role r) {
    switch (r) {
        case Role::Admin: return "工委管理员";
        case Role::UnitAdmin: return "单位管理员";
        case Role::Filler: return "填报人";
        case Role::Reviewer: return "评议人";
        case Role::Discipline: return "纪检";
        case Role::Leader: return "领导";
    }
    return "";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : kAllRoles)
        if (text == role_id(r) || text == role_label(r)) return r;
    return std::nullopt;
}

std::string_view capability_label(Capability c) {
    switch (c) {
        case Capability::ReadOrg: return "查看组织";
        case Capability::WriteOrg: return "修改组织";
        case Capability::ReadMembers: return "查看党员信息";
        case Capability::WriteMembers: return "修改党员信息";
        case Capability::ManageUsers: return "管理用户";
        case Capability::ManagePlugins: return "管理插件";
        case Capability::WriteScripts: return "编写单位脚本";
        case Capability::ReadForms: return "查看报表";
        case Capability::FillForms: return "填报";
        case Capability::ApproveForms: return "审核报表";
        case Capability::EvaluateReports: return "述职评议";
        case Capability::ReopenPeriods: return "重新开放已截止的报送";
        case Capability::ReadAudit: return "查看审计日志";
        case Capability::VerifyAudit: return "校验审计日志";
        case Capability::ReadNotices: return "查看通知公告";
        case Capability::SendNotices: return "发布通知";
    }
    return "";
}

// The one table of who may do what. Scope (which subtree) is checked separately. 评议人 reads
// and rates 述职 reports; approving or returning records is the administrators' (README).
bool role_has(Role r, Capability c) {
    const bool admin = r == Role::Admin, unit_admin = r == Role::UnitAdmin;
    switch (c) {
        case Capability::ReadOrg:
        case Capability::ReadMembers:
        case Capability::ReadForms:
        case Capability::ReadNotices: return true;  // every role, within its own subtree
        case Capability::WriteOrg:
        case Capability::WriteMembers:
        case Capability::ManageUsers:
        case Capability::WriteScripts:
        case Capability::ApproveForms:
        case Capability::SendNotices: return admin || unit_admin;
        case Capability::ManagePlugins:
        case Capability::ReopenPeriods:
        case Capability::VerifyAudit: return admin;
        case Capability::FillForms: return admin || unit_admin || r == Role::Filler;
        case Capability::EvaluateReports: return admin || unit_admin || r == Role::Reviewer;
        case Capability::ReadAudit: return admin || r == Role::Leader;
    }
    return false;
}

bool may_grant_role(Role actor, Role target) {
    switch (actor) {
        case Role::Admin: return true;
        case Role::UnitAdmin:
            return target == Role::UnitAdmin || target == Role::Filler || target == Role::Reviewer;
        case Role::Filler:
        case Role::Reviewer:
        case Role::Discipline:
        case Role::Leader: return false;
    }
    return false;
}

}  // namespace dj
