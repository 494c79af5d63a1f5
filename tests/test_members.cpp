// The member register and what the rules derive from it.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "support.hpp"

using namespace dj;

namespace {
Date d(int y, unsigned m, unsigned day) { return Date::from_ymd(y, m, day); }
MemberInput valid_member(const char* branch = "D1-B2") {
    MemberInput m;
    m.name = "赵六";
    m.gender = "女";
    m.birth_date = d(1985, 2, 10);
    m.join_date = d(2010, 7, 1);
    m.full_date = d(2011, 7, 1);
    m.status = "正式";
    m.branch_code = branch;
    m.flags = {"生活困难"};
    return m;
}
}  // namespace

TEST_CASE("党龄 counts from the 转正 date, and turns 50 on its anniversary", "[members]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    // 张三 joined 1970-07-01 and became a full member 1971-07-01 (党章 第七条).
    CHECK(c.svc->member(admin, 1, d(2021, 6, 30)).party_age == 49);
    CHECK(c.svc->member(admin, 1, d(2021, 7, 1)).party_age == 50);
    CHECK(c.svc->member(admin, 1, d(2021, 7, 1)).political_birthday == d(2021, 7, 1));
    CHECK(c.svc->member(admin, 1, d(2021, 7, 1)).age == 71);
    // 李四 is a 预备党员: no 党龄 yet.
    CHECK_FALSE(c.svc->member(admin, 2, d(2021, 7, 1)).party_age.has_value());
}

TEST_CASE("adding a member validates every field at once and writes nothing when wrong", "[members]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto count = c.member_count();
    auto m = valid_member();
    m.name = "";
    m.gender = "未知";
    m.join_date = d(1990, 1, 1);  // aged 4
    try {
        c.svc->add_member(admin, m);
        FAIL("bad member accepted");
    } catch (const UserError& e) {
        std::string msg = e.what();
        CHECK_THAT(msg, Catch::Contains("姓名不能为空"));
        CHECK_THAT(msg, Catch::Contains("性别应为"));
        CHECK_THAT(msg, Catch::Contains("未满十八岁"));
    }
    m = valid_member();
    m.status = "预备";
    CHECK_THROWS_WITH(c.svc->add_member(admin, m), Catch::Contains("预备党员不应有转正日期"));
    m = valid_member("D1");
    CHECK_THROWS_WITH(c.svc->add_member(admin, m), Catch::Contains("党员应编入党支部"));
    m = valid_member("NOPE");
    CHECK_THROWS_WITH(c.svc->add_member(admin, m), Catch::Contains("不存在"));
    CHECK(c.member_count() == count);
}

TEST_CASE("a member can be added, moved, filtered and removed, each step audited", "[members]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto made = c.svc->add_member(admin, valid_member());
    CHECK(made.branch_code == "D1-B2");
    CHECK(made.flags == std::vector<std::string>{"生活困难"});

    MemberFilter f;
    f.on = c.svc->today();
    f.flag = "生活困难";
    auto poor = c.svc->list_members(admin, "GW", f);
    REQUIRE(poor.size() == 1);
    CHECK(poor[0].name == "赵六");
    f.flag.reset();
    f.name_part = "张";
    CHECK(c.svc->list_members(admin, "GW", f).size() == 1);

    auto moved = valid_member("D1-B1");
    moved.flags = {"党务干部", "老党员"};
    auto after = c.svc->update_member(admin, made.id, moved);
    CHECK(after.branch_code == "D1-B1");
    CHECK(after.flags == std::vector<std::string>{"党务干部", "老党员"});

    CHECK_THROWS_WITH(c.svc->remove_member(admin, made.id, d(2021, 6, 1), ""), Catch::Contains("减少原因"));
    c.svc->remove_member(admin, made.id, d(2021, 6, 1), "转出");
    f.name_part.reset();
    CHECK(c.svc->list_members(admin, "D1-B1", f).size() == 2);
    CHECK_THROWS_WITH(c.svc->member(admin, made.id, d(2021, 6, 1)), Catch::Contains("已转出"));

    AuditFilter af;
    af.target = "member:" + std::to_string(made.id);
    auto log = c.svc->audit_log(admin, af);
    REQUIRE(log.size() == 3);
    CHECK(log[2].action == "member.add");
    CHECK(log[1].action == "member.update");
    CHECK(log[0].action == "member.remove");
}
