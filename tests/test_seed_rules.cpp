// The seeds' rules that were wrong (issue 15, "Wrong today" 1–6), each with a hand-computed
// known answer through the service or the CLI. The county is the small one of
// tests/support.hpp: 测试县委 XW → 工委 GW → 甲局 D1 (D1-B1, D1-B2), 乙局 D2 (D2-B1).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::RuleCounty;
using test::with;

namespace {


json venue_all_yes(const char* name) {
    json v = {{"name", name}, {"address", "办公楼三楼"}, {"area", 60}, {"mode", "单独设置"}};
    for (const char* id : {"has_place", "has_facilities", "has_sign", "has_flag", "has_books", "has_rules"}) {
        v[id] = true;
        v[std::string(id) + "_evidence"] = "已按标准配置，见照片";
    }
    return v;
}

// Everyone on the unit's roster that day came (a unit with no members yet gets one: a meeting
// is held by members, picked from the roster since issue 16).
json meeting(RuleCounty& c, const char* unit, const char* kind, const std::string& date, const char* group) {
    json came = json::array();
    MemberFilter all;
    all.include_subtree = true;
    for (const auto& m : c.svc->list_members(c.as("admin"), unit, all))
        if (m.join_date.iso() <= date) came.push_back(m.id);
    if (came.empty()) came.push_back(c.member(std::string("书记") + unit, unit, Date::from_ymd(2000, 7, 1), Date::from_ymd(2001, 7, 1)));
    json m = {{"kind", kind}, {"date", date}, {"topic", "学习研讨"}, {"attendees", came}, {"host", came[0]},
              {"recorder", came[0]}, {"content", "传达学习上级会议精神并研究落实"}};
    if (group) m["group"] = group;
    return m;
}

void hold(RuleCounty& c, const char* unit, const char* kind, const std::string& date, const char* group = nullptr) {
    c.submit_on(*Date::parse(date), "admin", "orglife.meeting", unit, date.substr(0, 7), meeting(c, unit, kind, date, group));
}

}  // namespace

TEST_CASE("issue 15.1: the county administrator sees the county's assessment and indicators at the root",
          "[seed-rules][assessment]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    for (int m = 1; m <= 3; ++m) hold(c, "D1-B1", "主题党日", "2021-0" + std::to_string(m) + "-10");
    // At the root (测试县委), above the 工委 where the plugins are enabled: the same scheme
    // and the same scores as at the 工委.
    auto at_gw = c.svc->assess(c.as("admin"), 2021, "GW");
    auto at_root = c.svc->assess(c.as("admin"), 2021, "XW");
    CHECK(at_root.scheme_id == at_gw.scheme_id);
    REQUIRE(at_root.rows.size() == 2);
    REQUIRE(at_gw.rows.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(at_root.rows[i].org_code == at_gw.rows[i].org_code);
        CHECK(at_root.rows[i].score == Approx(at_gw.rows[i].score));
    }
    // Indicators roll up to the root: 主题党日 in 3 of 12 months at D1-B1, 0 elsewhere; the
    // root has the average of the three branches, (25 + 0 + 0) / 3.
    bool listed = false;
    for (const auto& i : c.svc->list_indicators(c.as("admin"), "XW")) listed = listed || i.id == "orglife.theme_day_months";
    CHECK(listed);
    IndicatorQuery q;
    q.period = "2021";
    q.unit_code = "XW";
    q.indicator_id = "orglife.theme_day_months";
    q.subtree = false;
    auto values = c.svc->indicator_values(c.as("admin"), q);
    REQUIRE(values.size() == 1);
    CHECK(values[0].org_code == "XW");
    REQUIRE(values[0].value);
    CHECK(*values[0].value == Approx(25.0 / 3));

    // And through the CLI as the default account, with no --unit.
    auto cli = test::run_cli("assess --year 2021 --db " + c.db_path);
    INFO(cli.err);
    CHECK(cli.exit_code == 0);
    CHECK(cli.out.find("甲局") != std::string::npos);
}

TEST_CASE("issue 15.2: 六有 rate counts every party organisation that should have a venue", "[seed-rules][plugin-venues]") {
    RuleCounty c({"venues"});
    // 甲局: two branches, one with a venue meeting all six: 1 of 2 = 50 %.
    c.submit("admin", "venues.venue", "D1-B1", "2021", venue_all_yes("第一党支部活动室"));
    CHECK(c.value("venues.six_haves_met", "2021", "D1") == Approx(50));
    // 乙局 gets a 机关党委 that files a venue; its one branch files none: 1 of 2 = 50 %, not
    // 1 venue over 1 branch = 100 %.
    c.org("D2-P", "乙局机关党委", OrgType::OrganCommittee, "D2");
    c.submit("admin", "venues.venue", "D2-P", "2021", venue_all_yes("机关党委活动室"));
    CHECK(c.value("venues.six_haves_met", "2021", "D2") == Approx(50));
    c.submit("admin", "venues.venue", "D2-B1", "2021", venue_all_yes("支部活动室"));
    CHECK(c.value("venues.six_haves_met", "2021", "D2") == Approx(100));
}

TEST_CASE("issue 15.3: 困难党员 visit coverage counts only visits to registered members", "[seed-rules][plugin-care]") {
    RuleCounty c({"care"});
    auto a = c.member("登记甲", "D1-B1", Date::from_ymd(1980, 1, 1), Date::from_ymd(1981, 1, 1));
    auto b = c.member("登记乙", "D1-B1", Date::from_ymd(1980, 1, 1), Date::from_ymd(1981, 1, 1));
    auto other = c.member("未登记", "D1-B1", Date::from_ymd(1980, 1, 1), Date::from_ymd(1981, 1, 1));
    for (auto m : {a, b})
        c.submit("admin", "care.difficulty", "D1-B1", "2021",
                 {{"category", "生活困难"}, {"member", m}, {"situation", "本人患重病，家庭收入低"}, {"ways", {"走访慰问"}}});
    auto visit = [&](std::int64_t m) {
        c.submit("admin", "care.visit", "D1-B1", "2021-06",
                 {{"occasion", "七一"}, {"target", "困难党员"}, {"member", m}, {"date", "2021-06-10"}, {"visitors", "书记"}, {"amount", 300}});
    };
    visit(other);  // not on the register: covers nobody
    visit(a);
    // 1 of the 2 registered members visited: 50 %, not 2 / 2.
    CHECK(c.value("care.visit_coverage", "2021", "D1") == Approx(50));
    visit(b);
    CHECK(c.value("care.visit_coverage", "2021", "D1") == Approx(100));
}

TEST_CASE("issue 15.4: 老党员 subsidy eligibility is 入党 before 1949-10-01, rural or without a pension",
          "[seed-rules][plugin-care]") {
    RuleCounty c({"care"});
    // Eligible by the date rule with no 老党员 flag at all.
    auto eligible = c.member("农村老同志", "D1-B1", Date::from_ymd(1946, 3, 1), Date::from_ymd(1947, 3, 1), {"农村"});
    // 党龄 50 years and flagged 老党员, but joined after 1949-10-01: not eligible.
    auto later = c.member("五十年党龄", "D1-B1", Date::from_ymd(1960, 3, 1), Date::from_ymd(1961, 3, 1), {"老党员", "农村"});
    json pay = {{"category", "新中国成立前入党的农村老党员"}, {"standard", 300}, {"amount", 300}, {"paid_on", "2021-06-05"}};
    // A payment to the ineligible member is refused, naming the rule…
    auto p = c.problems("admin", "care.subsidy", "D1-B1", "2021-06", with(pay, {{"member", later}}));
    CHECK(p["member"] == "「老党员」：党员「五十年党龄」不是 1949-10-01 以前入党的");
    // …so the eligible member is still owed: the reminder stands and the rate is 0 of 12 months.
    auto r = c.reminders("care.subsidy_gap", Date::from_ymd(2021, 6, 20));
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "本月尚有 1 名老党员的生活补贴未足额发放");
    CHECK(c.value("care.subsidy_on_time", "2021", "D1") == Approx(0));
    c.submit("admin", "care.subsidy", "D1-B1", "2021-06", with(pay, {{"member", eligible}}));
    CHECK(c.reminders("care.subsidy_gap", Date::from_ymd(2021, 6, 20)).empty());
    CHECK(c.value("care.subsidy_on_time", "2021", "D1") == Approx(100.0 / 12));  // 1 member-month of 1 × 12
}

TEST_CASE("issue 15.5: 党小组会 are counted per 党小组, so a group that never meets shows", "[seed-rules][plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.org("D1-B1-G1", "第一党小组", OrgType::Group, "D1-B1");
    c.org("D1-B1-G2", "第二党小组", OrgType::Group, "D1-B1");
    hold(c, "D1-B1", "党小组会", "2021-01-12", "D1-B1-G1");
    hold(c, "D1-B1", "党小组会", "2021-01-20", "D1-B1-G1");  // the same group and month counts once
    hold(c, "D1-B1", "党小组会", "2021-02-12", "D1-B1-G1");
    // G1 met in 2 months, G2 in none: 2 of 2 groups × 12 months = 8.33 %, not 2 of 12.
    CHECK(c.value("orglife.group_months", "2021", "D1-B1") == Approx(100.0 * 2 / 24));
    hold(c, "D1-B1", "党小组会", "2021-06-02", "D1-B1-G1");
    auto r = c.reminders("orglife.group_gap", Date::from_ymd(2021, 6, 20));
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "甲局第一党支部本月尚有 1 个党小组未召开党小组会");
    hold(c, "D1-B1", "党小组会", "2021-06-03", "D1-B1-G2");
    CHECK(c.reminders("orglife.group_gap", Date::from_ymd(2021, 6, 20)).empty());
}

TEST_CASE("issue 15.5: a branch founded mid-year is scored over the months it existed", "[seed-rules][plugin-orglife]") {
    RuleCounty c({"orglife"});
    c.svc->create_org(c.as("admin"), NewOrg{"D2-B2", "乙局第二党支部", OrgType::Branch, "D2", {}, Date::from_ymd(2021, 4, 1)});
    // Founded 2021-04-01 and compliant since: 主题党日 in each of its 9 months, a 支部党员大会 in
    // each of its 3 quarters: 100 %, not 9/12 = 75 % and 3/4 = 75 %.
    for (int m = 4; m <= 12; ++m) {
        char date[11];
        std::snprintf(date, sizeof date, "2021-%02d-10", m);
        hold(c, "D2-B2", "主题党日", date);
        if (m % 3 == 0) hold(c, "D2-B2", "支部党员大会", date);
    }
    CHECK(c.value("orglife.theme_day_months", "2021", "D2-B2") == Approx(100));
    CHECK(c.value("orglife.general_quarters", "2021", "D2-B2") == Approx(100));
    // A branch that existed all year is still held to twelve months.
    hold(c, "D2-B1", "主题党日", "2021-04-10");
    CHECK(c.value("orglife.theme_day_months", "2021", "D2-B1") == Approx(100.0 / 12));
}

TEST_CASE("issue 15.6: a 党组 assessment without 一岗双责 rows is refused, naming the field", "[seed-rules][plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json a = {{"methods", {"听取汇报", "民主测评"}}, {"secretary", "甲局党组书记"}, {"overall", "较好"},
              {"opinion", "党组重视机关党建，书记履行第一责任人职责较好，党建与业务融合仍需加强"}};
    for (const char* id : {"g_lead", "g_study", "g_team", "g_duty", "g_decide", "g_rules", "g_innovate", "group_rating", "s_lead",
                           "s_study", "s_life", "s_rules", "secretary_rating"})
        a[id] = "好";
    CHECK(c.problems("admin", "review.dept_assessment", "D1", "2021", a)["others"] ==
          "请填写其他党组成员履行“一岗双责”情况（至少一名党组成员）");
    CHECK(c.problems("admin", "review.dept_assessment", "D1", "2021", with(a, {{"others", json::array()}}))["others"] ==
          "请填写其他党组成员履行“一岗双责”情况（至少一名党组成员）");
    c.submit("admin", "review.dept_assessment", "D1", "2021", with(a, {{"others", {{{"name", "某副局长"}, {"rating", "好"}}}}}));
}

TEST_CASE("issue 15.7: a table's row limit is named max_rows, and indicators list speaks Chinese", "[seed-rules][cli]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto schema = json::parse(c.svc->form(c.as("admin"), "review.dept_assessment").schema_json);
    json others;
    for (const auto& f : schema["fields"])
        if (f["id"] == "others") others = f;
    CHECK(others["max_rows"] == 30);
    CHECK_FALSE(others.contains("max_length"));

    auto list = test::run_cli("indicators list --unit D1 --db " + c.db_path);
    INFO(list.err);
    REQUIRE(list.exit_code == 0);
    CHECK(list.out.find("orglife.study_months  中心组理论学习按月开展率  按年度  按部门  目标 按设置或各单位不同") != std::string::npos);
    CHECK(list.out.find("按year") == std::string::npos);
    CHECK(list.out.find("  department") == std::string::npos);
}

TEST_CASE("issue 15.7: CSV export writes whole numbers as whole numbers", "[seed-rules][export]") {
    RuleCounty c({"care"});
    auto m = c.member("老同志", "D1-B1", Date::from_ymd(1945, 5, 1), Date::from_ymd(1946, 5, 1), {"农村"});
    c.submit("admin", "care.subsidy", "D1-B1", "2021-06",
             {{"member", m}, {"category", "新中国成立前入党的农村老党员"}, {"standard", 74883}, {"amount", 74883.5},
              {"paid_on", "2021-06-05"}});
    auto csv = c.svc->export_submissions(c.as("admin"), SubmissionFilter{"care.subsidy", std::string("2021-06"), "GW", std::nullopt}, "csv");
    CHECK(csv.find(",74883,") != std::string::npos);
    CHECK(csv.find("74883.0") == std::string::npos);
    CHECK(csv.find("74883.5") != std::string::npos);  // a fraction stays
}

TEST_CASE("issue 15.7: CSV export of a form with a repeating table carries the table's rows", "[seed-rules][export]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json a = {{"methods", {"听取汇报"}}, {"secretary", "甲局党组书记"}, {"overall", "较好"},
              {"opinion", "党组重视机关党建，书记履行第一责任人职责较好，党建与业务融合仍需加强"},
              {"others", {{{"name", "某副局长"}, {"rating", "好"}}, {{"name", "某纪检组长"}, {"rating", "较好"}}}}};
    for (const char* id : {"g_lead", "g_study", "g_team", "g_duty", "g_decide", "g_rules", "g_innovate", "group_rating", "s_lead",
                           "s_study", "s_life", "s_rules", "secretary_rating"})
        a[id] = "好";
    c.submit("admin", "review.dept_assessment", "D1", "2021", a);
    auto csv = c.svc->export_submissions(c.as("admin"), SubmissionFilter{"review.dept_assessment", std::string("2021"), "GW", std::nullopt},
                                         "csv");
    CHECK(csv.find("2 行（见明细表）") != std::string::npos);
    CHECK(csv.find("明细表：其他党组成员履行“一岗双责”情况") != std::string::npos);
    CHECK(csv.find("某纪检组长") != std::string::npos);
}
