#pragma once
// The member register (党员名册) and its CSV import (member, member_flag through MemberStore).
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class MemberPart {
public:
    explicit MemberPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<Member> list_members(const Actor& who, std::string_view unit_code, const MemberFilter& filter);
    Member member(const Actor& who, std::int64_t id, Date on);
    Member add_member(const Actor& who, const MemberInput& input);
    Member update_member(const Actor& who, std::int64_t id, const MemberInput& input);
    void remove_member(const Actor& who, std::int64_t id, Date on, std::string_view reason);
    ImportReport import_members(const Actor& who, std::string_view csv_bytes);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
