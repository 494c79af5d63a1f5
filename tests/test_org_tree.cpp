// The org tree and its history: reading the tree as it was on a date.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "support.hpp"

using namespace dj;

namespace {
std::vector<std::string> codes(const std::vector<OrgNode>& nodes) {
    std::vector<std::string> out;
    for (const auto& n : nodes) out.push_back(n.code);
    return out;
}
const OrgNode& find(const std::vector<OrgNode>& nodes, const std::string& code) {
    for (const auto& n : nodes)
        if (n.code == code) return n;
    throw std::runtime_error("no node " + code);
}
Date d(int y, unsigned m, unsigned day) { return Date::from_ymd(y, m, day); }
}  // namespace

TEST_CASE("the tree lists parents before children with depths", "[org]") {
    test::SmallCounty c;
    auto tree = c.svc->org_tree(c.as("admin"), std::nullopt);
    CHECK(codes(tree) == std::vector<std::string>{"XW", "GW", "D1", "D1-B1", "D1-B2", "D2", "D2-B1"});
    CHECK(find(tree, "XW").depth == 0);
    CHECK(find(tree, "D1-B1").depth == 3);
    CHECK(find(tree, "D1").attrs.kind == "行政机关");
    // A unit administrator sees only their own subtree.
    CHECK(codes(c.svc->org_tree(c.as("unit1"), std::nullopt)) == std::vector<std::string>{"D1", "D1-B1", "D1-B2"});
}

TEST_CASE("a move keeps history: the tree before and after the effective date differ", "[org]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    OrgChange move;
    move.parent_code = "D1";
    move.effective = d(2021, 3, 1);
    c.svc->change_org(admin, "D2-B1", move);

    auto before = c.svc->org_tree(admin, d(2021, 2, 28));
    auto after = c.svc->org_tree(admin, d(2021, 3, 1));
    CHECK(find(before, "D2-B1").parent_code == "D2");
    CHECK(find(after, "D2-B1").parent_code == "D1");
    auto history = c.svc->org_history(admin, "D2-B1");
    REQUIRE(history.size() == 2);
    CHECK(history[0].valid_to == d(2021, 3, 1));
    CHECK_FALSE(history[1].valid_to.has_value());
    // The members moved with their branch: 乙局's subtree now has none.
    MemberFilter f;
    f.on = c.svc->today();
    CHECK(c.svc->list_members(admin, "D2", f).empty());
    CHECK(c.svc->list_members(admin, "D1", f).size() == 3);
}

TEST_CASE("a rename is dated, a second change on the same day amends it", "[org]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    OrgChange rename;
    rename.name = "甲局（新）";
    rename.effective = d(2019, 3, 1);
    c.svc->change_org(admin, "D1", rename);
    rename.name = "甲局（更新）";
    c.svc->change_org(admin, "D1", rename);
    auto history = c.svc->org_history(admin, "D1");
    REQUIRE(history.size() == 2);
    CHECK(history[0].name == "甲局");
    CHECK(history[1].name == "甲局（更新）");
    CHECK(c.svc->org_node(admin, "D1", d(2018, 12, 31)).name == "甲局");
    CHECK(c.svc->org_node(admin, "D1", d(2019, 3, 1)).name == "甲局（更新）");
}

TEST_CASE("history cannot be rewritten before the current version", "[org]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    OrgChange change;
    change.name = "甲局";
    change.attrs.staff_count = 120;
    change.effective = d(2020, 1, 1);
    c.svc->change_org(admin, "D1", change);
    change.attrs.staff_count = 130;
    change.effective = d(2019, 1, 1);
    CHECK_THROWS_WITH(c.svc->change_org(admin, "D1", change), Catch::Contains("历史记录不能倒改"));
    CHECK(c.svc->org_node(admin, "D1", std::nullopt).attrs.staff_count == 120);
}

TEST_CASE("closing a node keeps it in the past and refuses while it has members", "[org]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto audit_before = c.audit_count();
    CHECK_THROWS_WITH(c.svc->close_org(admin, "D1-B1", d(2021, 5, 1)), Catch::Contains("还有 2 个下级组织或党员"));
    CHECK(c.audit_count() == audit_before);
    c.svc->close_org(admin, "D1-B2", d(2021, 5, 1));
    CHECK(codes(c.svc->org_tree(admin, d(2021, 4, 30))).size() == 7);
    CHECK(codes(c.svc->org_tree(admin, d(2021, 5, 1))).size() == 6);
    CHECK_THROWS_WITH(c.svc->org_node(admin, "D1-B2", std::nullopt), Catch::Contains("不存在"));
    CHECK(c.svc->org_node(admin, "D1-B2", d(2021, 4, 30)).name == "甲局第二党支部");
}

TEST_CASE("the tree refuses impossible shapes with messages naming them", "[org]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto bad = [&](NewOrg n) { return c.svc->create_org(admin, n); };
    CHECK_THROWS_WITH(bad({"B9", "散支部", OrgType::Branch, "GW", {}, d(2020, 1, 1)}),
                      Catch::Contains("党支部不能设在机关工委「测试县直机关工委」之下"));
    CHECK_THROWS_WITH(bad({"D1", "重复", OrgType::Department, "GW", {}, d(2020, 1, 1)}), Catch::Contains("已被使用"));
    CHECK_THROWS_WITH(bad({"坏 编码", "x", OrgType::Department, "GW", {}, d(2020, 1, 1)}), Catch::Contains("组织编码"));
    CHECK_THROWS_WITH(bad({"D9", "丙局", OrgType::Department, "NOPE", {}, d(2020, 1, 1)}), Catch::Contains("不存在"));
    OrgAttributes weird;
    weird.kind = "外星机构";
    CHECK_THROWS_WITH(bad({"D9", "丙局", OrgType::Department, "GW", weird, d(2020, 1, 1)}), Catch::Contains("单位性质"));
    OrgChange loop;
    loop.parent_code = "D1-B1";
    loop.effective = d(2021, 1, 1);
    CHECK_THROWS_WITH(c.svc->change_org(admin, "D1", loop), Catch::Contains("其自身或其下级组织"));
    OrgChange nothing;
    nothing.effective = d(2021, 1, 1);
    CHECK_THROWS_WITH(c.svc->change_org(admin, "D1", nothing), Catch::Contains("没有需要修改的内容"));
}

TEST_CASE("every org change is audited and the chain detects tampering", "[org][audit]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    OrgChange rename;
    rename.name = "甲局新名";
    rename.effective = d(2021, 1, 1);
    c.svc->change_org(admin, "D1", rename);
    AuditFilter f;
    f.target = "org:D1";
    auto entries = c.svc->audit_log(admin, f);
    REQUIRE(entries.size() == 2);  // created, then renamed
    CHECK(entries[0].action == "org.change");
    CHECK_THAT(entries[0].before, Catch::Contains("甲局"));
    CHECK_THAT(entries[0].after, Catch::Contains("甲局新名"));
    CHECK(c.svc->audit_verify(admin).intact);

    // Someone edits a row behind the program's back.
    // (Since issue 14 the table refuses updates too: an editor drops that trigger first.)
    c.svc->connection().exec_script("DROP TRIGGER audit_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    auto verdict = c.svc->audit_verify(admin);
    CHECK_FALSE(verdict.intact);
    CHECK(verdict.first_broken_id == 3);
    CHECK_THAT(verdict.reason, Catch::Contains("第 3 条"));
}
