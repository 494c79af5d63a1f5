#pragma once
// The small county every service test starts from (SmallCounty in support.hpp), written
// through the service; the http fuzz harness (fuzz/fuzz_http.cpp) starts from it too.
//
// 测试县委 [XW] → 测试县直机关工委 [GW] → 甲局 [D1] → D1-B1, D1-B2 (党支部)
//                                      → 乙局 [D2] → D2-B1
// Users: admin (XW), leader (XW), reviewer (GW), discipline (GW), unit1 (unit_admin, D1),
//        filler1 (filler, D1-B1), gwadmin (admin, GW). Two members in D1-B1, one in D2-B1. Today is 2021-06-15.
#include <optional>

#include "service/local_service.hpp"

namespace dj::test {

// Fills a county just created with LocalService::create(path, "测试县委", "admin").
inline void fill_small_county(LocalService& svc) {
    svc.set_today(Date::from_ymd(2021, 6, 15));
    Actor admin = svc.actor("admin");
    Date founded = Date::from_ymd(2010, 1, 1);
    auto org = [&](const char* code, const char* name, OrgType type, const char* parent) {
        NewOrg n{code, name, type, parent, {}, founded};
        if (type == OrgType::Department) {
            n.attrs.kind = "行政机关";
            n.attrs.staff_count = 100;
        }
        svc.create_org(admin, n);
    };
    org("D1", "甲局", OrgType::Department, "GW");
    org("D1-B1", "甲局第一党支部", OrgType::Branch, "D1");
    org("D1-B2", "甲局第二党支部", OrgType::Branch, "D1");
    org("D2", "乙局", OrgType::Department, "GW");
    org("D2-B1", "乙局党支部", OrgType::Branch, "D2");
    auto user = [&](const char* login, Role role, const char* at) {
        svc.create_user(admin, NewUser{login, login, role, at});
    };
    user("leader", Role::Leader, "XW");
    user("reviewer", Role::Reviewer, "GW");
    user("discipline", Role::Discipline, "GW");
    user("unit1", Role::UnitAdmin, "D1");
    user("filler1", Role::Filler, "D1-B1");
    user("gwadmin", Role::Admin, "GW");  // approves the 机关工委's steps (评议人 only rates reports)
    auto member = [&](const char* name, const char* branch, Date join, std::optional<Date> full) {
        MemberInput m;
        m.name = name;
        m.gender = "男";
        m.birth_date = Date::from_ymd(1950, 3, 1);
        m.join_date = join;
        m.full_date = full;
        m.status = full ? "正式" : "预备";
        m.branch_code = branch;
        svc.add_member(admin, m);
    };
    member("张三", "D1-B1", Date::from_ymd(1970, 7, 1), Date::from_ymd(1971, 7, 1));
    member("李四", "D1-B1", Date::from_ymd(2020, 12, 1), std::nullopt);
    member("王五", "D2-B1", Date::from_ymd(1980, 5, 4), Date::from_ymd(1981, 5, 4));
}

}  // namespace dj::test
