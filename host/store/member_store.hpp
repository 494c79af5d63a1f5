#pragma once
// The member register's tables (member, member_flag). Every write raises
// ChangeKind::Members for each branch whose register it changed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/member.hpp"
#include "store/change_bus.hpp"

namespace dj::store {

// A member still on the register: where and who, for checks that need no more.
struct MemberRef {
    std::int64_t branch_id = 0;
    std::string name;
    std::optional<std::string> join_date;  // ISO, as stored
};

class MemberStore {
public:
    MemberStore(const db::Connection& db, const ChangeBus& changes) : db_(db), changes_(changes) {}

    // Members on the register of `unit_id` (and, with `subtree`, every current node under it),
    // by branch code then id; derived dates (党龄, 政治生日, age) as of `on`.
    std::vector<Member> current(std::int64_t unit_id, bool subtree, Date on) const;
    // One member, current or not; nullopt if unknown.
    std::optional<Member> by_id(std::int64_t id, Date on) const;
    // nullopt when unknown or no longer on the register.
    std::optional<MemberRef> current_ref(std::int64_t id) const;
    bool has_flag(std::int64_t id, const std::string& flag) const;
    // Any member's name (for exports), or "#id" if unknown.
    std::string name_or_id(std::int64_t id) const;
    // Current members per branch.
    std::map<std::int64_t, std::size_t> count_by_branch() const;
    // The branch code of a current member with the same name and birth date (or, without a
    // birth date, in the same branch): who an imported row would duplicate.
    std::optional<std::string> duplicate_of(const MemberInput& m, std::int64_t branch_id) const;

    std::int64_t add(const MemberInput& m, std::int64_t branch_id) const;
    void update(std::int64_t id, const MemberInput& m, std::int64_t branch_id) const;
    void remove(std::int64_t id, Date on, std::string_view reason) const;

private:
    std::vector<Member> read(const std::string& where, std::int64_t key, Date on) const;
    void write_flags(std::int64_t id, const std::vector<std::string>& flags) const;

    const db::Connection& db_;
    const ChangeBus& changes_;
};

}  // namespace dj::store
