#pragma once
// The Service over a local SQLite file: the embedded default, and what the server wraps.
#include <memory>
#include <string>

#include "db/database.hpp"
#include "service/service.hpp"

namespace dj {

class LocalService : public Service {
public:
    // Opens an existing database (migrating it to the current schema). Throws UserError if it
    // does not exist or is not ours, DatabaseVersionError if it is newer than this program.
    static std::unique_ptr<LocalService> open(const std::string& path);
    // Creates a new database with the schema, the root 县委 and 机关工委 and the first
    // administrator. Refuses an existing non-empty database.
    static std::unique_ptr<LocalService> create(const std::string& path, const std::string& county_name,
                                                const std::string& admin_login);

    // The user behind a login (UserError if unknown); the first administrator if empty.
    Actor actor(std::string_view login = {});
    // The reference "today" for deadlines and derived dates; tests and demos pin it.
    void set_today(Date d) { today_ = d; }
    Date today() const { return today_; }
    const db::Connection& connection() const { return db_; }

    std::vector<UserInfo> list_users(const Actor& who) override;
    UserInfo create_user(const Actor& who, const NewUser& user) override;

    std::vector<OrgNode> org_tree(const Actor& who, std::optional<Date> at) override;
    OrgNode org_node(const Actor& who, std::string_view code, std::optional<Date> at) override;
    std::vector<OrgNode> org_history(const Actor& who, std::string_view code) override;
    OrgNode create_org(const Actor& who, const NewOrg& org) override;
    OrgNode change_org(const Actor& who, std::string_view code, const OrgChange& change) override;
    void close_org(const Actor& who, std::string_view code, Date effective) override;
    Overview overview(const Actor& who) override;

    std::vector<Member> list_members(const Actor& who, std::string_view unit_code, const MemberFilter& filter) override;
    Member member(const Actor& who, std::int64_t id, Date on) override;
    Member add_member(const Actor& who, const MemberInput& input) override;
    Member update_member(const Actor& who, std::int64_t id, const MemberInput& input) override;
    void remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason) override;
    ImportReport import_members(const Actor& who, std::string_view csv_bytes) override;

    std::vector<AuditEntry> audit_log(const Actor& who, const AuditFilter& filter) override;
    AuditVerdict audit_verify(const Actor& who) override;

private:
    explicit LocalService(db::Connection db) : db_(std::move(db)), today_(Date::today()) {}

    // Re-reads the actor from the database, so a caller cannot claim a role it lacks.
    Actor verified(const Actor& who) const;
    // Throws AccessDenied unless the role has `cap` and `node_id` lies in the actor's subtree.
    void require(const Actor& who, Capability cap, std::int64_t node_id) const;
    OrgNode current_node_or_throw(std::string_view code) const;
    std::int64_t member_branch_or_throw(std::int64_t member_id) const;
    std::int64_t insert_member(const MemberInput& m, std::int64_t branch_id);
    void write_member(std::int64_t id, const MemberInput& m, std::int64_t branch_id);
    std::vector<Member> read_members(const std::string& where, std::int64_t key, Date on) const;

    db::Connection db_;
    Date today_;
};

}  // namespace dj
