#pragma once
// Members as the access and HTTP tests make and find them: one copy, so the matrix run
// locally and the same matrix run over HTTP cannot drift apart.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "service/local_service.hpp"

namespace dj::test {

// A plain 正式 member of `branch` (no birth date: nothing about age is being tested).
inline MemberInput person(const std::string& branch, const std::string& name) {
    MemberInput m;
    m.name = name;
    m.gender = "男";
    m.join_date = Date::from_ymd(2000, 1, 1);
    m.full_date = Date::from_ymd(2001, 1, 1);
    m.status = "正式";
    m.branch_code = branch;
    return m;
}

// The current member of `branch` with the lowest id, read from the database directly.
inline std::int64_t member_in(LocalService& svc, const std::string& branch) {
    auto st = svc.connection().prepare(
        "SELECT m.id FROM member m JOIN org_node n ON n.id = m.branch_id WHERE n.code = ? AND m.left_on IS NULL "
        "ORDER BY m.id LIMIT 1");
    st.bind(1, branch);
    REQUIRE(st.step());
    return st.int64(0);
}

}  // namespace dj::test
