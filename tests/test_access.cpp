// Access: every service operation tried by every role against a node inside and outside
// its scope. The expectation table below is written out by hand on purpose, independent
// of the code's own table in roles.cpp.
#include <catch2/catch.hpp>

#include <functional>
#include <map>

#include "core/errors.hpp"
#include "member_support.hpp"
#include "support.hpp"

using namespace dj;

namespace {

struct Who {
    const char* login;
    bool may_write;                // 工委管理员 and 单位管理员 write; the others only read
    const char* inside_branch;     // a branch in their scope
    const char* outside_branch;    // a branch out of their scope, or nullptr
    const char* outside_node;      // any node out of their scope, or nullptr
};

const Who kWho[] = {
    {"admin", true, "D2-B1", nullptr, nullptr},
    {"leader", false, "D2-B1", nullptr, nullptr},
    {"reviewer", false, "D1-B1", nullptr, "XW"},
    {"discipline", false, "D1-B1", nullptr, "XW"},
    {"unit1", true, "D1-B1", "D2-B1", "D2"},
    {"filler1", false, "D1-B1", "D2-B1", "D1-B2"},
};

std::int64_t member_in(test::SmallCounty& c, const std::string& branch) { return test::member_in(*c.svc, branch); }
using test::person;

// Each operation against a target branch (and its department/org node for org reads).
using Op = std::function<void(test::SmallCounty&, const Actor&, const std::string& branch)>;
struct Operation {
    const char* name;
    bool writes;
    Op run;
};

int counter = 0;

const std::vector<Operation>& operations() {
    static const std::vector<Operation> ops = {
        {"org_node", false, [](auto& c, auto& a, auto& b) { c.svc->org_node(a, b, std::nullopt); }},
        {"org_history", false, [](auto& c, auto& a, auto& b) { c.svc->org_history(a, b); }},
        {"list_members", false,
         [](auto& c, auto& a, auto& b) {
             MemberFilter f;
             f.on = c.svc->today();
             c.svc->list_members(a, b, f);
         }},
        {"member", false, [](auto& c, auto& a, auto& b) { c.svc->member(a, member_in(c, b), c.svc->today()); }},
        {"add_member", true, [](auto& c, auto& a, auto& b) { c.svc->add_member(a, person(b, "新党员")); }},
        {"update_member", true,
         [](auto& c, auto& a, auto& b) { c.svc->update_member(a, member_in(c, b), person(b, "改名党员")); }},
        {"remove_member", true,
         [](auto& c, auto& a, auto& b) { c.svc->remove_member(a, member_in(c, b), c.svc->today(), "转出"); }},
        {"import_members", true,
         [](auto& c, auto& a, auto& b) {
             auto r = c.svc->import_members(
                 a, "姓名,性别,入党日期,转正日期,党员状态,所在支部\n导入党员,女,2001-01-01,2002-01-01,正式," + b + "\n");
             if (!r.problems.empty()) throw AccessDenied(r.problems.front().message);
         }},
        {"create_org", true,
         [](auto& c, auto& a, auto& b) {
             c.svc->create_org(a, NewOrg{"G" + std::to_string(++counter), "党小组", OrgType::Group, b, {}, c.svc->today()});
         }},
        {"change_org", true,
         [](auto& c, auto& a, auto& b) {
             OrgChange ch;
             ch.attrs.has_discipline_member = true;
             ch.attrs.term_end = Date::from_ymd(2023, 1, 1);
             ch.effective = c.svc->today();
             c.svc->change_org(a, b, ch);
         }},
        {"close_org", true,
         [](auto& c, auto& a, auto& b) {
             std::string code = "G" + std::to_string(++counter);
             c.svc->create_org(c.as("admin"), NewOrg{code, "待撤销党小组", OrgType::Group, b, {}, Date::from_ymd(2020, 1, 1)});
             c.svc->close_org(a, code, c.svc->today());
         }},
        {"create_user", true,
         [](auto& c, auto& a, auto& b) {
             c.svc->create_user(a, NewUser{"user" + std::to_string(++counter), "新用户", Role::Filler, b});
         }},
    };
    return ops;
}

void expect(bool allowed, test::SmallCounty& c, const Operation& op, const Actor& a, const std::string& target) {
    auto members = c.member_count();
    if (allowed) {
        CHECK_NOTHROW(op.run(c, a, target));
        return;
    }
    auto audits = c.audit_count();
    CHECK_THROWS_AS(op.run(c, a, target), AccessDenied);
    if (op.writes || true) {
        CHECK(c.member_count() == members);
        // close_org's setup writes one audit row as admin before the refused call.
        CHECK(c.audit_count() == audits + (std::string(op.name) == "close_org" ? 1 : 0));
    }
}

}  // namespace

TEST_CASE("every operation, every role, inside and outside its scope", "[access]") {
    for (const auto& who : kWho) {
        for (const auto& op : operations()) {
            test::SmallCounty c;
            Actor actor = c.as(who.login);
            INFO("role " << who.login << ", operation " << op.name);
            {
                INFO("inside scope: " << who.inside_branch);
                expect(!op.writes || who.may_write, c, op, actor, who.inside_branch);
            }
            if (who.outside_branch) {
                INFO("outside scope: " << who.outside_branch);
                expect(false, c, op, actor, who.outside_branch);
            }
        }
    }
}

TEST_CASE("org reads outside one's subtree are refused with the scope named", "[access]") {
    test::SmallCounty c;
    for (const auto& who : kWho) {
        if (!who.outside_node) continue;
        INFO(who.login);
        try {
            c.svc->org_node(c.as(who.login), who.outside_node, std::nullopt);
            FAIL("read outside scope allowed");
        } catch (const AccessDenied& e) {
            CHECK_THAT(e.what(), Catch::Contains("管辖范围"));
        }
    }
}

TEST_CASE("a forged actor cannot claim a role its account does not have", "[access]") {
    test::SmallCounty c;
    Actor forged = c.as("filler1");
    forged.role = Role::Admin;
    forged.org_id = c.as("admin").org_id;
    CHECK_THROWS_AS(c.svc->add_member(forged, person("D2-B1", "冒名")), AccessDenied);
    Actor ghost = forged;
    ghost.user_id = 9999;
    CHECK_THROWS_AS(c.svc->org_tree(ghost, std::nullopt), AccessDenied);
}

TEST_CASE("unit administrators cannot move their own unit or make administrators", "[access]") {
    test::SmallCounty c;
    auto unit = c.as("unit1");
    OrgChange move;
    move.parent_code = "GW";
    move.name = "甲局";
    move.effective = c.svc->today();
    CHECK_THROWS_AS(c.svc->change_org(unit, "D1", move), AccessDenied);
    OrgChange staff;
    staff.attrs.staff_count = 88;
    staff.effective = c.svc->today();
    CHECK(c.svc->change_org(unit, "D1", staff).attrs.staff_count == 88);  // its own attributes: fine
    CHECK_THROWS_AS(c.svc->create_user(unit, NewUser{"boss", "boss", Role::Admin, "D1"}), AccessDenied);
    CHECK_THROWS_AS(c.svc->close_org(unit, "D1", c.svc->today()), AccessDenied);
}

TEST_CASE("only administrators and leaders read the audit log, only administrators verify it", "[access][audit]") {
    test::SmallCounty c;
    CHECK_NOTHROW(c.svc->audit_log(c.as("admin"), {}));
    CHECK_NOTHROW(c.svc->audit_log(c.as("leader"), {}));
    CHECK_THROWS_AS(c.svc->audit_log(c.as("unit1"), {}), AccessDenied);
    CHECK_THROWS_AS(c.svc->audit_verify(c.as("leader")), AccessDenied);
}
