// The bundled 阵地建设 plugin (plugins/venues) through the host: each form's validation rules,
// one test per rule, named after it.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const char* const kSix[] = {"has_place", "has_facilities", "has_sign", "has_flag", "has_books", "has_rules"};
const char* const kEight[] = {"political", "layout", "duties", "process", "activities", "participation", "mechanism", "support"};

json venue_all_yes() {
    json v = {{"name", "甲局第一党支部党员活动室"}, {"address", "甲局办公楼三楼"}, {"area", 60}, {"mode", "单独设置"}};
    for (const char* id : kSix) {
        v[id] = true;
        v[std::string(id) + "_evidence"] = "已按标准配置，见照片";
    }
    return v;
}

json complex_built() {
    json v = {{"name", "甲局党建阵地综合体"}, {"mode", "单独建设"}, {"address", "甲局大院"},
              {"areas", {"党组织办公", "党务服务", "红色氛围营造"}}, {"status", "已建成"}, {"completed", "2021-05-28"}};
    for (const char* id : kEight) {
        v[id] = true;
        v[std::string(id) + "_evidence"] = "见建设方案和运行台账";
    }
    return v;
}

}  // namespace

TEST_CASE("venues: the plugin passes `plugins check` and loads with all its forms", "[plugin-venues]") {
    auto r = test::check_bundled_plugin("venues");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"venues"});
    std::vector<std::string> at_branch, at_dept;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1")) at_dept.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"venues.activity", "venues.venue"});
    CHECK(at_dept == std::vector<std::string>{"venues.complex"});
}

TEST_CASE("venues.venue: a venue meeting all six 六有 items scores 6", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    auto s = c.submit("filler1", "venues.venue", "D1-B1", "2021", venue_all_yes());
    CHECK(json::parse(s.values_json)["score"] == 6);
}

TEST_CASE("venues.venue: each 六有 item is answered, and a yes gives its evidence", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    json v = {{"name", "活动室"}, {"address", "三楼"}, {"mode", "单独设置"}};
    auto p = c.problems("filler1", "venues.venue", "D1-B1", "2021", v);
    CHECK(p["has_place"] == "「有场所」为必填项");
    CHECK(p["has_rules"] == "「有制度」为必填项");
    v = venue_all_yes();
    v.erase("has_flag_evidence");
    CHECK(c.problems("filler1", "venues.venue", "D1-B1", "2021", v)["has_flag_evidence"] == "“有党旗”须写明依据");
}

TEST_CASE("venues.venue: an item not met needs a rectification plan", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    json v = with(venue_all_yes(), {{"has_books", false}});
    CHECK(c.problems("filler1", "venues.venue", "D1-B1", "2021", v)["plan"] == "有未达标的项目时须写明整改计划");
    auto s = c.submit("filler1", "venues.venue", "D1-B1", "2021", with(v, {{"plan", "七月底前订阅党报党刊"}}));
    auto stored = json::parse(s.values_json);
    CHECK(stored["score"] == 5);
    CHECK_FALSE(stored.contains("has_books_evidence"));
}

TEST_CASE("venues.venue: a shared room (党群共建、一室多用) names who shares it", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    CHECK(c.problems("filler1", "venues.venue", "D1-B1", "2021", with(venue_all_yes(), {{"mode", "党群共建、一室多用"}}))["shared_with"] ==
          "党群共建、一室多用的，须写明共建共用的单位或组织");
}

TEST_CASE("venues.complex: a built complex is checked against the 八个有 and scores 8", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    auto s = c.submit("unit1", "venues.complex", "D1", "2021", complex_built());
    CHECK(json::parse(s.values_json)["score"] == 8);
    auto p = c.problems("unit1", "venues.complex", "D1", "2021", with(complex_built(), {{"mechanism", nullptr}, {"completed", nullptr}}));
    CHECK(p["mechanism"] == "「有长效的管理机制」为必填项");
    CHECK(p["completed"] == "已建成的须填写建成日期");
}

TEST_CASE("venues.complex: a complex still being built is not scored against the 八个有", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    json planned = {{"name", "乙局党建阵地综合体"}, {"mode", "单独建设"}, {"address", "乙局大院"},
                    {"areas", {"党组织办公", "志愿服务"}}, {"status", "在建"}};
    auto s = c.submit("unit1", "venues.complex", "D1", "2021", planned);
    CHECK_FALSE(json::parse(s.values_json).contains("score"));
}

TEST_CASE("venues.complex: it unites several functional areas (至少两个)", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    auto p = c.problems("unit1", "venues.complex", "D1", "2021", with(complex_built(), {{"areas", {"党组织办公"}}}));
    CHECK(p["areas"] == "「功能区」至少 2 项");
}

TEST_CASE("venues.complex: an alliance lists its member units, each an existing org", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    json alliance = with(complex_built(), {{"mode", "联盟共建"}});
    CHECK(c.problems("unit1", "venues.complex", "D1", "2021", alliance)["partners"] == "联盟共建的须列出成员单位");
    auto p = c.problems("unit1", "venues.complex", "D1", "2021", with(alliance, {{"partners", {{{"org", "D9"}}}}}));
    CHECK_THAT(p["partners[1].org"], Catch::Contains("组织「D9」不存在"));
    c.submit("unit1", "venues.complex", "D1", "2021", with(alliance, {{"partners", {{{"org", "D2"}, {"role", "提供场地"}}}}}));
}

TEST_CASE("venues.activity: an activity has someone taking part", "[plugin-venues]") {
    test::PluginCounty c({"venues"});
    json a = {{"venue", "党员活动室"}, {"date", "2021-06-12"}, {"kind", "政治学习"}, {"topic", "学习党史"}, {"members", 12}};
    c.submit("filler1", "venues.activity", "D1-B1", "2021-06", a);
    CHECK(c.problems("filler1", "venues.activity", "D1-B1", "2021-06", with(a, {{"members", 0}}))["members"] ==
          "参加党员人数和群众人数不能都为 0");
    c.submit("filler1", "venues.activity", "D1-B1", "2021-06", with(a, {{"members", 0}, {"masses", 20}, {"kind", "党群活动"}}));
}

// --- Indicators, checklists, rules and reminders (need the indicator engine) ---------------

using test::RuleCounty;

TEST_CASE("venues.six_haves_met: venues with all six 六有, over the department's branches", "[plugin-venues]") {
    RuleCounty c({"venues"});
    c.submit("admin", "venues.venue", "D1-B1", "2021", venue_all_yes());
    c.submit("admin", "venues.venue", "D1-B2", "2021", with(venue_all_yes(), {{"has_books", false}, {"plan", "订阅党报党刊"}}));
    CHECK(c.value("venues.six_haves_met", "2021", "D1") == Approx(50));
    CHECK(c.value("venues.six_haves_met", "2021", "D2") == Approx(0));  // nothing filed
    CHECK(c.value("venues.six_haves_met", "2021", "GW") == Approx(25));  // the departments' average
}

TEST_CASE("venues.six_haves (checklist): a venue scores the 六有 items it has", "[plugin-venues]") {
    RuleCounty c({"venues"});
    c.submit("admin", "venues.venue", "D1-B2", "2021",
             with(venue_all_yes(), {{"has_books", false}, {"has_rules", false}, {"plan", "七月底前完成"}}));
    CHECK(c.value("venues.six_haves_score", "2021", "D1-B2") == Approx(4));
    CHECK_FALSE(c.value("venues.six_haves_score", "2021", "D2-B1").has_value());
}

TEST_CASE("venues.complexes (checklist eight_haves): built complexes meeting all 八个有, summed for the county target of 10",
          "[plugin-venues]") {
    RuleCounty c({"venues"});
    c.submit("unit1", "venues.complex", "D1", "2021", complex_built());
    c.submit("admin", "venues.complex", "D2", "2021", with(complex_built(), {{"support", false}}));  // 7 of 8
    CHECK(c.value("venues.complexes", "2021", "D1") == Approx(1));
    CHECK(c.value("venues.complexes", "2021", "D2") == Approx(0));
    CHECK(c.value("venues.complexes", "2021", "GW") == Approx(1));  // read against the county's 10
}

TEST_CASE("venues.activity_months: months with an activity in the venue, out of 12", "[plugin-venues]") {
    RuleCounty c({"venues"});
    json a = {{"venue", "党员活动室"}, {"kind", "政治学习"}, {"topic", "学习党史"}, {"members", 12}};
    for (const char* d : {"2021-01-12", "2021-01-22", "2021-04-12"})
        c.submit_on(*Date::parse(d), "admin", "venues.activity", "D1-B1", std::string(d).substr(0, 7), with(a, {{"date", d}}));
    CHECK(c.value("venues.activity_months", "2021", "D1-B1") == Approx(200.0 / 12));
}

TEST_CASE("venues.venue_registered: a branch without a registered venue is a finding", "[plugin-venues]") {
    RuleCounty c({"venues"});
    c.submit("admin", "venues.venue", "D1-B1", "2021", venue_all_yes());
    CHECK(c.findings("venues.venue_registered", "2021", "D1-B1").empty());
    CHECK(c.findings("venues.venue_registered", "2021", "D2-B1") == std::vector<std::string>{"乙局党支部本年度未登记党组织活动阵地"});
}

TEST_CASE("venues.activity_gap: from the 20th, a branch without a venue activity this month is reminded", "[plugin-venues]") {
    RuleCounty c({"venues"});
    c.submit("filler1", "venues.activity", "D1-B1", "2021-06",
             {{"venue", "党员活动室"}, {"date", "2021-06-02"}, {"kind", "政治学习"}, {"topic", "学习党史"}, {"members", 12}});
    CHECK(c.reminders("venues.activity_gap", Date::from_ymd(2021, 6, 19)).empty());
    auto r = c.reminders("venues.activity_gap", Date::from_ymd(2021, 6, 20));
    CHECK(r.size() == 2);  // D1-B2 and D2-B1
    for (const auto& x : r) CHECK(x.org_code != "D1-B1");
}
