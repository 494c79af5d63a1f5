// The one change path: every store write raises its event on the change bus, and the
// indicator cache follows those events, so a value read after any kind of write is current.
// Each case reads the values first (so they are cached), writes, and reads again.
#include <catch2/catch.hpp>

#include <vector>

#include "indicator_county.hpp"
#include "store/member_store.hpp"
#include "store/org_store.hpp"
#include "store/plugin_store.hpp"
#include "store/review_store.hpp"

using namespace dj;
using test::IndicatorCounty;

TEST_CASE("a member added or removed is counted at once by the cached indicators", "[indicators][changes]") {
    IndicatorCounty c;
    c.fill_2020();
    REQUIRE(c.values("2020")["formal"]["D2"] == 1);
    auto admin = c.as("admin");
    MemberInput m{"孙八", "女", Date::from_ymd(1940, 1, 1), Date::from_ymd(1968, 3, 1), Date::from_ymd(1969, 3, 1), "正式",
                  "D2-B1", "", "", {}};
    auto added = c.svc->add_member(admin, m);
    CHECK(c.values("2020")["formal"]["D2"] == 2);
    // Left mid-2020: no longer on the register when the year closed.
    c.svc->remove_member(admin, added.id, Date::from_ymd(2020, 6, 30), "转出");
    CHECK(c.values("2020")["formal"]["D2"] == 1);
}

TEST_CASE("a submission is counted at once by the cached indicators", "[indicators][changes]") {
    IndicatorCounty c;
    c.fill_2020();
    const double before = c.values("2020")["activities"]["D2"];
    c.reopen("D2-B1", "2020-06");
    c.activity("D2-B1", "2020-06", "党课", 9, {});
    CHECK(c.values("2020")["activities"]["D2"] == before + 1);
}

TEST_CASE("moving a branch to another department moves its records in the cached rollups", "[indicators][changes]") {
    IndicatorCounty c;
    c.fill_2020();
    auto v = c.values("2020");
    const double d1 = v["activities"]["D1"], d2 = v["activities"]["D2"];
    REQUIRE(d2 > 0);
    OrgChange move;
    move.parent_code = "D1";
    move.effective = Date::from_ymd(2020, 1, 1);
    c.svc->change_org(c.as("admin"), "D2-B1", move);
    v = c.values("2020");
    // Every record of 乙局 was filed by its one branch, which now belongs to 甲局.
    CHECK(v["activities"]["D1"] == d1 + d2);
    CHECK(v["activities"]["D2"] == 0);
}

TEST_CASE("switching a plugin off and on again shows in the cached values at once", "[indicators][changes]") {
    IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    const double d2 = c.values("2020")["activities"]["D2"];
    REQUIRE(d2 > 0);
    c.svc->set_plugin(admin, PluginSetting{"indtest", "D2", false, "{}", false});
    CHECK(c.values("2020")["activities"].count("D2") == 0);
    c.svc->set_plugin(admin, PluginSetting{"indtest", "D2", true, "{}", false});
    CHECK(c.values("2020")["activities"]["D2"] == d2);
}

TEST_CASE("each store raises its change event for every write", "[changes]") {
    test::SmallCounty c;
    const auto& db = c.svc->connection();
    store::ChangeBus bus;
    std::vector<store::ChangeEvent> seen;
    bus.subscribe([&](const store::ChangeEvent& e) { seen.push_back(e); });
    store::OrgStore orgs(db, bus);
    const auto branch = orgs.current_by_code("D2-B1").value();
    db::Transaction tx(db);

    store::MemberStore members(db, bus);
    MemberInput m{"孙八", "女", std::nullopt, Date::from_ymd(1968, 3, 1), std::nullopt, "预备", "D2-B1", "", "", {}};
    auto id = members.add(m, branch.id);
    REQUIRE(seen.size() == 1);
    CHECK(seen.back().kind == store::ChangeKind::Members);
    CHECK(seen.back().org_id == branch.id);
    // Moving a member changes both registers.
    const auto other = orgs.current_by_code("D1-B1").value();
    members.update(id, m, other.id);
    REQUIRE(seen.size() == 3);
    CHECK(seen[1].org_id == branch.id);
    CHECK(seen[2].org_id == other.id);

    OrgNode after = branch;
    after.name = "乙局第一党支部";
    after.valid_from = Date::from_ymd(2021, 1, 1);
    orgs.revise(branch, after);
    REQUIRE(seen.size() == 4);
    CHECK(seen.back().kind == store::ChangeKind::OrgTree);
    CHECK(seen.back().date == Date::from_ymd(2021, 1, 1));

    store::RecordClock clock;
    store::PluginStore plugin_data(db, bus, clock);
    plugin_data.put_entry(branch.id, "orglife", {true, nlohmann::json::object()}, "admin");
    REQUIRE(seen.size() == 5);
    CHECK(seen.back().kind == store::ChangeKind::PluginSettings);
    CHECK(seen.back().plugin_id == "orglife");

    store::ReviewStore reviews(db, bus, clock);
    reviews.add(branch.id, NewRectification{"D2-B1", 2021, "manual", "", "问题", "", "", Date::from_ymd(2021, 12, 31)}, "admin");
    REQUIRE(seen.size() == 6);
    CHECK(seen.back().kind == store::ChangeKind::Rectification);
    CHECK(seen.back().org_id == branch.id);
}
