// Indicators through the whole host: a real plugin (tests/indicators_fixture/indtest) in the
// Lua sandbox, its query object running SQL over a small county whose answers are worked out
// by hand below, the cache and its incremental recomputation, rollups up the tree.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "indicator_county.hpp"
#include "plugins/plugin_host.hpp"

using namespace dj;
using nlohmann::json;
using test::IndicatorCounty;

TEST_CASE("each query primitive gives the hand-computed answer", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto v = c.values("2020");
    // q:count — every submitted activity of the department's branches in 2020 (the draft does not count)
    CHECK(v["activities"]["D1"] == 4);
    CHECK(v["activities"]["D2"] == 3);
    // q:periods_with — quarters with a 党课, as a share of four
    CHECK(v["lectures"]["D1-B1"] == 50);
    CHECK(v["lectures"]["D1-B2"] == 0);
    CHECK(v["lectures"]["D2-B1"] == 50);
    // q:count with a comparison filter
    CHECK(v["big_meetings"]["D1-B1"] == 2);
    CHECK(v["big_meetings"]["D1-B2"] == 0);
    // q:sum over a numeric field, filtered by a list of kinds; q:avg over every record
    CHECK(v["attendance"]["D1"] == 20);
    CHECK(v["attendance"]["D2"] == 14);
    CHECK(v["attendance_avg"]["D1"] == Approx(5.75));
    CHECK(v["attendance_avg"]["D2"] == Approx(14.0 / 3));
    // q:count_distinct over a member-list field, and with at_least = 2
    CHECK(v["people"]["D1"] == 2);
    CHECK(v["people"]["D2"] == 1);
    CHECK(v["regulars"]["D1"] == 2);
    CHECK(v["regulars"]["D2"] == 1);
    // q:count_members — status on the period's last day (李四 is still 预备)
    CHECK(v["formal"]["D1"] == 3);
    CHECK(v["formal"]["D2"] == 1);
    // 党龄 from the 转正 date: 赵六 (1970-12-31) reaches 50 on 2020-12-31, 钱七 (1971-01-01) does not,
    // nor 张三 who joined in 1970 but became a full member in 1971
    CHECK(v["fifty_years"]["D1"] == 1);
    CHECK(v["fifty_years"]["D2"] == 0);
    // not_in_form: full members who never gave a 党课
    CHECK(v["no_lecture_yet"]["D1"] == 2);
    CHECK(v["no_lecture_yet"]["D2"] == 0);
    // q:count_nodes with an attribute (an unset attribute counts as false)
    CHECK(v["branches_without_member"]["D1"] == 1);
    CHECK(v["branches_without_member"]["D2"] == 1);
    // q:completeness — months filed (two records in one month count once)
    CHECK(v["filed"]["D1"] == 4);
    CHECK(v["filed"]["D2"] == 2);
    // q:checklist — branches whose 三有 all answered yes
    CHECK(v["venues_passed"]["D1"] == 1);
    CHECK(v["venues_passed"]["D2"] == 0);
    // q:rectifications{overdue=true} on the period's last day
    CHECK(v["overdue_items"]["D1"] == 1);
    CHECK(v["overdue_items"]["D2"] == 0);
    CHECK(v["serious_cases"]["D2"] == 1);
}

TEST_CASE("targets come from the indicator, a setting, or the direction of a rule", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto rows = c.rows("2020");
    auto find = [&](const std::string& ind, const std::string& org) {
        for (const auto& r : rows)
            if (r.indicator_id == "indtest." + ind && r.org_code == org) return r;
        FAIL("no value for " << ind << " at " << org);
        return IndicatorValue{};
    };
    // activity_target defaults to 4: 甲局 meets it, 乙局 does not
    CHECK(find("activities", "D1").target == 4);
    CHECK(find("activities", "D1").met == true);
    CHECK(find("activities", "D2").met == false);
    // a county changes the target for one department without touching the plugin
    c.svc->set_plugin(c.as("admin"), PluginSetting{"indtest", "D2", std::nullopt, R"({"activity_target":3})", false});
    rows = c.rows("2020");
    CHECK(find("activities", "D2").target == 3);
    CHECK(find("activities", "D2").met == true);
    CHECK(find("activities", "D1").target == 4);
    // lower-is-better: no overdue item meets the target of 0
    CHECK(find("overdue_items", "D1").met == false);
    CHECK(find("overdue_items", "D2").met == true);
}

TEST_CASE("compliance rules yield findings in Chinese", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto rows = c.rows("2020");
    for (const auto& r : rows) {
        if (r.indicator_id != "indtest.staffing") continue;
        if (r.org_code == "D1") {
            CHECK(r.value == 1);
            REQUIRE(r.findings.size() == 1);
            CHECK(r.findings[0] == "专职党务干部 0 名，应不少于 2 名");
            CHECK(r.met == false);
        }
        if (r.org_code == "D2") {
            CHECK(r.value == 0);
            CHECK(r.findings.empty());
            CHECK(r.met == true);
        }
        if (r.org_code == "GW") CHECK(r.value == 1);  // rules roll up as the number of findings
    }
}

TEST_CASE("values roll up the tree by sum, average and share meeting the target", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto v = c.values("2020");
    CHECK(v["activities"]["GW"] == 7);  // sum
    CHECK(v["activities"]["XW"] == 7);
    CHECK(v["lectures"]["D1"] == 25);   // average of the department's branches
    CHECK(v["lectures"]["GW"] == Approx(100.0 / 3));  // of every branch below, not of the averages
    CHECK(v["attendance_avg"]["GW"] == Approx((5.75 + 14.0 / 3) / 2));
    CHECK(v["big_meetings"]["D1"] == 50);  // share of branches meeting the target
    CHECK(v["big_meetings"]["GW"] == Approx(200.0 / 3));
    // branches have no value for a department indicator
    CHECK(v["activities"].count("D1-B1") == 0);
}

TEST_CASE("a failing computation faults its own value only, naming file and line", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto rows = c.rows("2020");
    bool saw_error = false;
    for (const auto& r : rows) {
        if (r.indicator_id != "indtest.fragile") continue;
        if (r.org_code == "D2") {
            saw_error = true;
            CHECK_FALSE(r.value);
            CHECK_THAT(r.error, Catch::Contains("indicators.lua:") && Catch::Contains("乙局的数据无法计算"));
        }
        if (r.org_code == "D1") CHECK(r.value == 1);
    }
    CHECK(saw_error);
}

TEST_CASE("changing one submission recomputes exactly the values that read it", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    c.values("2020");
    auto before = c.seqs("2020");
    // One more 党课 in 乙局's branch, in June 2020 (reopened for the test)
    c.reopen("D2-B1", "2020-06");
    c.activity("D2-B1", "2020-06", "党课", 9, {3});
    auto after_values = c.values("2020");
    auto after = c.seqs("2020");
    // Indicators that read the activity form: count, sum, avg, distinct, periods, completeness, not_in_form
    const std::set<std::string> reads_activity = {"activities", "lectures", "lectures_set", "big_meetings", "attendance",
                                                  "attendance_avg", "people", "regulars", "no_lecture_yet", "filed"};
    const std::set<std::string> affected_nodes = {"D2-B1", "D2", "GW", "XW"};
    std::set<std::pair<std::string, std::string>> changed;
    for (const auto& [key, seq] : after)
        if (!before.count(key) || before.at(key) != seq) changed.insert(key);
    REQUIRE_FALSE(changed.empty());
    for (const auto& [ind, org] : changed) {
        INFO(ind << " at " << org);
        CHECK(reads_activity.count(ind));
        CHECK(affected_nodes.count(org));
    }
    // …and every value that did read it, at the affected nodes, was recomputed
    for (const auto& [key, seq] : before)
        if (reads_activity.count(key.first) && affected_nodes.count(key.second)) {
            INFO(key.first << " at " << key.second);
            CHECK(changed.count(key));
        }
    CHECK(after_values["activities"]["D2"] == 4);
    CHECK(after_values["activities"]["GW"] == 8);
    CHECK(after_values["lectures"]["D2-B1"] == 75);  // Q1, Q2, Q4
    CHECK(after_values["activities"]["D1"] == 4);
}

TEST_CASE("member and rectification changes mark what read them", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    c.values("2020");
    auto before = c.seqs("2020");
    auto admin = c.as("admin");
    MemberInput m{"孙八", "女", Date::from_ymd(1940, 1, 1), Date::from_ymd(1968, 3, 1), Date::from_ymd(1969, 3, 1), "正式",
                  "D2-B1", "", "", {}};
    c.svc->add_member(admin, m);
    auto v = c.values("2020");
    CHECK(v["formal"]["D2"] == 2);
    CHECK(v["fifty_years"]["D2"] == 1);
    auto after = c.seqs("2020");
    for (const auto& [key, seq] : after)
        if (before.count(key) && before.at(key) != seq) {
            INFO(key.first << " at " << key.second);
            CHECK((key.second == "D2" || key.second == "GW" || key.second == "XW" || key.second == "D2-B1"));
        }
    CHECK(before.at({"formal", "D1"}) == after.at({"formal", "D1"}));
    CHECK(before.at({"activities", "D2"}) == after.at({"activities", "D2"}));  // reads no members
}

TEST_CASE("a plugin that is off at a department has no value there", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    c.svc->set_plugin(c.as("admin"), PluginSetting{"indtest", "D2", false, "{}", false});
    auto v = c.values("2020");
    CHECK(v["activities"].count("D2") == 0);
    CHECK(v["activities"]["D1"] == 4);
    CHECK(v["activities"]["GW"] == 4);  // the rollup only sees 甲局
}

TEST_CASE("monthly indicators are asked for by month, and a wrong period says so", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto v = c.values("2020-03");
    CHECK(v["monthly"]["D2-B1"] == 2);
    CHECK(v["monthly"]["D2"] == 2);
    CHECK(v.count("activities") == 0);
    IndicatorQuery q{"2020", "GW", std::string("indtest.monthly"), true};
    CHECK_THROWS_WITH(c.svc->indicator_values(c.as("admin"), q), Catch::Contains("按月度计算"));
    q.indicator_id = "indtest.nope";
    CHECK_THROWS_AS(c.svc->indicator_values(c.as("admin"), q), NotFound);
}

TEST_CASE("a unit sees its own subtree's values, and a filler cannot ask above it", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    IndicatorQuery q{"2020", "D1", std::string("indtest.activities"), true};
    auto rows = c.svc->indicator_values(c.as("unit1"), q);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].org_code == "D1");
    q.unit_code = "D2";
    CHECK_THROWS_AS(c.svc->indicator_values(c.as("unit1"), q), AccessDenied);
}

TEST_CASE("broken indicator declarations fault the plugin with file and line", "[indicators]") {
    test::TempDir dir;
    auto plugin = dir.path() / "badind";
    std::filesystem::create_directories(plugin);
    test::write_text_file((plugin / "plugin.lua").string(),
                          "return { id = \"badind\", name = \"坏指标\", version = \"1.0.0\", api = 1, indicators = { \"i.lua\" } }");
    test::write_text_file((plugin / "i.lua").string(),
                          "indicator \"a\" { name = \"甲\", compute = function(q) return 1 end }\n"
                          "indicator \"b\" { name = \"乙\", scope = \"county\", target = \"nope\", compute = 3 }\n");
    auto problems = plugins::check_plugin(plugin);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].file == "i.lua");
    CHECK(problems[0].line == 2);
    CHECK_THAT(problems[0].message, Catch::Contains("scope") && Catch::Contains("nope") && Catch::Contains("compute"));
}

// Bug: a rolled-up value lost a target that came from a setting, so the department had no
// "met" and the assessment gave full marks.
TEST_CASE("a rollup carries a setting's target as it stands at the node above", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    auto find = [&](const std::string& org) {
        for (const auto& r : c.rows("2020"))
            if (r.indicator_id == "indtest.lectures_set" && r.org_code == org) return r;
        FAIL("no value at " << org);
        return IndicatorValue{};
    };
    CHECK(find("D1").target == 50);
    CHECK(find("D1").value == 25);
    CHECK(find("D1").met == false);
    c.svc->set_plugin(c.as("admin"), PluginSetting{"indtest", "D1", std::nullopt, R"({"lecture_target":20})", false});
    CHECK(find("D1").target == 20);
    CHECK(find("D1").met == true);
    CHECK(find("D1-B2").target == 20);  // the branches below inherit it
}

// Bug: a record referenced through in_form/not_in_form in 2020 left cached 2021 values stale.
TEST_CASE("a record marks later years' values that look back at it", "[indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    CHECK(c.values("2021")["no_lecture_yet"]["D1"] == 2);  // 赵六 and 钱七 have not given a 党课
    c.reopen("D1-B2", "2020-08");
    c.activity("D1-B2", "2020-08", "党课", 4, {}, c.member_ids.at("赵六"));
    CHECK(c.values("2021")["no_lecture_yet"]["D1"] == 1);
}

TEST_CASE("a branch's values before any county-wide run are worked out for its subtree alone, as the county's run gives them",
          "[indicators][scale]") {
    // A branch secretary's home screen asked for the year's indicators of one branch and
    // waited for the whole county's (10⁴ nodes at city scale) to be computed and cached.
    IndicatorCounty c;
    c.fill_2020();
    auto runs = [&] {
        auto st = c.svc->connection().prepare("SELECT count(*) FROM indicator_run");
        st.step();
        return st.int64(0);
    };
    auto key = [](const std::vector<IndicatorValue>& rows) {
        std::vector<std::string> out;
        for (const auto& r : rows)
            out.push_back(r.indicator_id + " " + r.org_code + " " + (r.value ? std::to_string(*r.value) : "-") + " " +
                          (r.target ? std::to_string(*r.target) : "-") + " " + (r.met ? (*r.met ? "met" : "missed") : "-") +
                          " " + std::to_string(r.rolled_up) + " " + std::to_string(r.findings.size()) + " " + r.error);
        return out;
    };
    REQUIRE(runs() == 0);
    const IndicatorQuery branch{"2020", "D1-B1", std::nullopt, true}, department{"2020", "D1", std::nullopt, true};
    auto alone = key(c.svc->indicator_values(c.as("filler1"), branch));
    auto unit_alone = key(c.svc->indicator_values(c.as("unit1"), department));
    CHECK(runs() == 0);  // nothing of the county was computed (nor cached) for them
    REQUIRE_FALSE(alone.empty());
    c.rows("2020");  // the county's run, cached
    CHECK(runs() > 0);
    CHECK(key(c.svc->indicator_values(c.as("filler1"), branch)) == alone);
    CHECK(key(c.svc->indicator_values(c.as("unit1"), department)) == unit_alone);
}
