// Account powers (issue 14): no one creates or changes an account to a role or a scope
// beyond their own. The expectations are written out by hand, independent of roles.cpp.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "accounts_support.hpp"
#include "core/errors.hpp"

using namespace dj;

namespace {

// Who may grant which role, inside their own scope (README "Roles and scope").
const std::map<std::string, std::set<Role>> kMayGrant = {
    {"admin", {Role::Admin, Role::UnitAdmin, Role::Filler, Role::Reviewer, Role::Discipline, Role::Leader}},
    {"unit1", {Role::UnitAdmin, Role::Filler, Role::Reviewer}},
    {"leader", {}},
    {"reviewer", {}},
    {"discipline", {}},
    {"filler1", {}},
};

// A node inside each account's scope, and one outside it (nullptr: the whole county).
const std::map<std::string, std::pair<const char*, const char*>> kNodes = {
    {"admin", {"D2-B1", nullptr}},    {"unit1", {"D1-B1", "D2-B1"}},      {"leader", {"D1", nullptr}},
    {"reviewer", {"D1", "XW"}},       {"discipline", {"D1", "XW"}},       {"filler1", {"D1-B1", "D1-B2"}},
};

}  // namespace

TEST_CASE("every role creates exactly the roles it may grant, only within its scope", "[accounts][access]") {
    test::SmallCounty c;
    int n = 0;
    for (const auto& [creator, grants] : kMayGrant) {
        Actor who = c.as(creator);
        auto [inside, outside] = kNodes.at(creator);
        for (Role role : kAllRoles) {
            INFO(creator << " creates a " << role_label(role) << " at " << inside);
            std::string login = "u" + std::to_string(++n);
            auto audits = c.audit_count();
            if (grants.count(role)) {
                CHECK(c.svc->create_user(who, NewUser{login, "某", role, inside}).role == role);
            } else {
                CHECK_THROWS_AS(c.svc->create_user(who, NewUser{login, "某", role, inside}), AccessDenied);
                CHECK(c.audit_count() == audits);
            }
            if (outside) {
                INFO("outside its scope, at " << outside);
                CHECK_THROWS_AS(c.svc->create_user(who, NewUser{login + "x", "某", role, outside}), AccessDenied);
            }
        }
    }
}

TEST_CASE("every role changes, resets, disables and unlocks only accounts it could have made", "[accounts][access]") {
    // For each manager and each role of a target account inside the manager's scope: every
    // account operation is allowed exactly when the manager may grant that role.
    for (const auto& [manager, grants] : kMayGrant) {
        for (Role role : kAllRoles) {
            test::SmallCounty c;
            INFO(manager << " manages a " << role_label(role));
            const char* where = kNodes.at(manager).first;
            c.svc->create_user(c.as("admin"), NewUser{"target", "对象", role, where});
            Actor who = c.as(manager);
            bool allowed = grants.count(role) > 0;
            UserChange rename;
            rename.display_name = "改名";
            auto check = [&](auto&& op) {
                if (allowed) CHECK_NOTHROW(op());
                else CHECK_THROWS_AS(op(), AccessDenied);
            };
            check([&] { c.svc->change_user(who, "target", rename); });
            check([&] { c.svc->reset_password(who, "target"); });
            check([&] { c.svc->unlock_user(who, "target"); });
            check([&] { c.svc->set_user_enabled(who, "target", false); });
        }
    }
}

TEST_CASE("a unit administrator cannot promote, or move an account out of its unit", "[accounts][access]") {
    test::SmallCounty c;
    Actor unit = c.as("unit1");
    for (Role role : {Role::Admin, Role::Leader, Role::Discipline}) {
        UserChange up;
        up.role = role;
        CHECK_THROWS_AS(c.svc->change_user(unit, "filler1", up), AccessDenied);
    }
    UserChange away;
    away.org_code = "D2-B1";
    CHECK_THROWS_AS(c.svc->change_user(unit, "filler1", away), AccessDenied);
    // Nor make itself more: not even to a role it may grant others.
    UserChange self;
    self.org_code = "GW";
    CHECK_THROWS_AS(c.svc->change_user(unit, "unit1", self), AccessDenied);
    // Within its powers it may.
    UserChange ok;
    ok.role = Role::Reviewer;
    ok.org_code = "D1-B2";
    auto changed = c.svc->change_user(unit, "filler1", ok);
    CHECK(changed.role == Role::Reviewer);
    CHECK(changed.org_code == "D1-B2");
    CHECK(c.as("filler1").role == Role::Reviewer);  // in force at once
}

TEST_CASE("accounts outside one's scope are not even confirmed to exist", "[accounts][access]") {
    test::SmallCounty c;
    c.svc->create_user(c.as("admin"), NewUser{"d2filler", "乙", Role::Filler, "D2-B1"});
    try {
        c.svc->reset_password(c.as("unit1"), "d2filler");
        FAIL("reset an account outside the unit");
    } catch (const NotFound& e) {
        std::string unknown;
        try { c.svc->reset_password(c.as("unit1"), "nobody"); } catch (const NotFound& e2) { unknown = e2.what(); }
        CHECK(std::string(e.what()).find("乙局") == std::string::npos);
        CHECK_THAT(unknown, Catch::Contains("不存在或不在管辖范围内"));
        CHECK_THAT(e.what(), Catch::Contains("不存在或不在管辖范围内"));
    }
}
