#pragma once
// The one set of operations behind the CLI, the GUI and the HTTP server. Every operation
// takes the acting user; access by role and scope is enforced by the implementation, once,
// whatever front-end asks. Local (SQLite) and remote (HTTP) implementations share this.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/member.hpp"
#include "model/org.hpp"
#include "service/roles.hpp"

namespace dj {

struct UserInfo {
    std::int64_t id = 0;
    std::string login;
    std::string display_name;
    Role role = Role::Leader;
    std::string org_code;
    std::string org_name;
};

struct NewUser {
    std::string login;
    std::string display_name;
    Role role = Role::Filler;
    std::string org_code;
};

struct NewOrg {
    std::string code;
    std::string name;
    OrgType type = OrgType::Branch;
    std::string parent_code;  // empty only for the very first (root) node
    OrgAttributes attrs;
    Date effective;           // founded on
};

// A change to a node, effective from a date. Unset fields stay as they are. A change dated
// the same day as the node's current version amends it; a later date starts a new version.
struct OrgChange {
    std::optional<std::string> name;
    std::optional<std::string> parent_code;
    std::optional<OrgType> type;
    OrgAttributes attrs;  // each set field replaces the current value
    Date effective;
};

struct MemberFilter {
    bool include_subtree = true;
    std::optional<std::string> flag;       // only members with this flag
    std::optional<std::string> name_part;  // substring of the name
    Date on;                               // reference date for 党龄 / 政治生日
};

struct ImportProblem {
    std::size_t line = 0;  // the CSV's physical line
    std::string message;
};

struct ImportReport {
    std::size_t imported = 0;
    std::size_t rows = 0;
    std::string encoding;
    std::vector<ImportProblem> problems;  // non-empty: nothing was imported
};

struct Overview {
    std::size_t departments = 0;
    std::size_t party_organisations = 0;  // 机关党委 + 总支 + 支部 + 党小组
    std::size_t branches = 0;             // 党支部
    std::size_t members = 0;
    std::size_t users = 0;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string target;
    std::string before;  // JSON or empty
    std::string after;
};

struct AuditFilter {
    std::optional<std::string> target;  // exact, or a prefix ending in '*'
    std::optional<std::string> actor;
    std::optional<std::string> since;  // ISO date or time, inclusive
    std::optional<std::string> until;  // exclusive
    std::size_t limit = 200;
};

struct AuditVerdict {
    bool intact = true;
    std::size_t rows = 0;
    std::optional<std::int64_t> first_broken_id;
    std::string reason;
};

class Service {
public:
    virtual ~Service() = default;

    // --- Users ---
    virtual std::vector<UserInfo> list_users(const Actor& who) = 0;
    virtual UserInfo create_user(const Actor& who, const NewUser& user) = 0;

    // --- Org tree ---
    // The actor's subtree as it was on `at` (today when empty), parents before children.
    virtual std::vector<OrgNode> org_tree(const Actor& who, std::optional<Date> at) = 0;
    virtual OrgNode org_node(const Actor& who, std::string_view code, std::optional<Date> at) = 0;
    // Every version of a node, oldest first.
    virtual std::vector<OrgNode> org_history(const Actor& who, std::string_view code) = 0;
    virtual OrgNode create_org(const Actor& who, const NewOrg& org) = 0;
    virtual OrgNode change_org(const Actor& who, std::string_view code, const OrgChange& change) = 0;
    virtual void close_org(const Actor& who, std::string_view code, Date effective) = 0;
    virtual Overview overview(const Actor& who) = 0;

    // --- Members ---
    virtual std::vector<Member> list_members(const Actor& who, std::string_view unit_code,
                                             const MemberFilter& filter) = 0;
    virtual Member member(const Actor& who, std::int64_t id, Date on) = 0;
    virtual Member add_member(const Actor& who, const MemberInput& input) = 0;
    virtual Member update_member(const Actor& who, std::int64_t id, const MemberInput& input) = 0;
    virtual void remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason) = 0;
    // All-or-nothing: any bad row means nothing is imported and every bad row is reported.
    virtual ImportReport import_members(const Actor& who, std::string_view csv_bytes) = 0;

    // --- Audit ---
    virtual std::vector<AuditEntry> audit_log(const Actor& who, const AuditFilter& filter) = 0;
    virtual AuditVerdict audit_verify(const Actor& who) = 0;
};

}  // namespace dj
