// The bundled 精神文明创建 plugin (plugins/civility) through the host: each form's validation
// rules, one test per rule, named after it.
#include "plugin_rules.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const json kScore = {{"created_plan", true}, {"in_assessment", true}, {"no_major_incident", true},
                     {"ideology", 18},       {"leadership", 19},      {"activities", 17},
                     {"volunteer", 14},      {"work", 13},            {"environment", 9},
                     {"evidence", "深化文明单位创建，开展志愿服务和道德讲堂活动十二次"}};
const json kViolation = {{"person", "某副局长"}, {"role", "其他班子成员"}, {"found_by", "单位自查"},
                         {"severity", "党纪政务轻处分"}, {"decided_on", "2021-04-02"}, {"summary", "违规接受管理服务对象宴请"}};

}  // namespace

TEST_CASE("civility: the plugin passes `plugins check` and loads with all its forms", "[plugin-civility]") {
    auto r = test::check_bundled_plugin("civility");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"civility"});
    std::vector<std::string> at_branch, at_dept;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1")) at_dept.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"civility.community_reg", "civility.pairing", "civility.volunteer"});
    CHECK(at_dept == std::vector<std::string>{"civility.info_report", "civility.nomination", "civility.reexam",
                                              "civility.scorecard", "civility.spot_check", "civility.violation"});
}

TEST_CASE("civility.scorecard: the six parts are scored within their points and add up to the total", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    auto s = c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);
    CHECK(json::parse(s.values_json)["total"] == 90);
    auto p = c.problems("admin", "civility.scorecard", "D2", "2021", with(kScore, {{"ideology", 21}, {"environment", -1}}));
    CHECK(p["ideology"] == "「思想道德建设（20 分）」不能大于 20");
    CHECK(p["environment"] == "「环境建设（10 分）」不能小于 0");
}

TEST_CASE("civility.scorecard: every eligibility item is answered", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    auto p = c.problems("unit1", "civility.scorecard", "D1", "2021", with(kScore, {{"in_assessment", nullptr}}));
    CHECK(p["in_assessment"] == "「文明创建已纳入机关党建工作考核」为必填项");
}

TEST_CASE("civility.violation: each case says whose it is and who found it", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    c.submit("unit1", "civility.violation", "D1", "2021", kViolation);
    auto p = c.problems("unit1", "civility.violation", "D1", "2021", with(kViolation, {{"role", nullptr}, {"found_by", "群众举报"}}));
    CHECK(p["role"] == "「当事人身份」为必填项");
    CHECK(p["found_by"] == "「案件来源」的选项「群众举报」无效");
}

TEST_CASE("civility.violation: only administrators record violations", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    c.svc->create_user(c.as("admin"), NewUser{"filler_d1", "甲局填报人", Role::Filler, "D1"});
    CHECK_THROWS_AS(c.svc->submit(c.as("filler_d1"), test::PluginCounty::request("civility.violation", "D1", "2021", kViolation)),
                    AccessDenied);
}

TEST_CASE("civility.reexam: the re-examination gives its conclusion and opinion, 限期整改 its requirements",
          "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json r = {{"title_level", "县级文明单位"}, {"named_year", 2019}, {"date", "2021-06-01"}, {"examiners", "县文明办、机关工委"},
              {"result", "保留称号"}, {"opinion", "创建工作扎实，台账资料齐全，保留称号"}};
    c.submit("unit1", "civility.reexam", "D1", "2021", r);
    auto p = c.problems("admin", "civility.reexam", "D2", "2021", with(r, {{"named_year", 1970}, {"opinion", nullptr}}));
    CHECK(p["named_year"] == "「命名年度」不能小于 1980");
    CHECK(p["opinion"] == "「复查意见」为必填项");
    CHECK(c.problems("admin", "civility.reexam", "D2", "2021", with(r, {{"result", "限期整改"}}))["rectify"] ==
          "限期整改的须写明整改要求和时限");
}

TEST_CASE("civility.spot_check: only the 工委 records random checks", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json s = {{"date", "2021-06-11"}, {"method", "随机走访"}, {"items", "窗口服务、环境卫生"}, {"result", "合格"}};
    CHECK_THROWS_AS(c.svc->submit(c.as("unit1"), test::PluginCounty::request("civility.spot_check", "D1", "2021-06", s)), AccessDenied);
    c.submit("admin", "civility.spot_check", "D1", "2021-06", s);
}

TEST_CASE("civility.spot_check: a failed check names its problems and a deadline not before the check", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json s = {{"date", "2021-06-11"}, {"method", "定期暗访"}, {"items", "窗口服务"}, {"result", "不合格"}};
    auto p = c.problems("admin", "civility.spot_check", "D1", "2021-06", s);
    CHECK(p["problems"] == "抽查未完全合格的须写明发现的问题");
    CHECK(p["rectify_by"] == "抽查不合格的须规定整改期限");
    p = c.problems("admin", "civility.spot_check", "D1", "2021-06", with(s, {{"problems", "窗口人员脱岗"}, {"rectify_by", "2021-06-01"}}));
    CHECK(p["rectify_by"] == "整改期限不能早于抽查日期");
}

TEST_CASE("civility.nomination: a nominee is a member of the unit or named, with deeds of at least 50 characters",
          "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    std::string deeds(60, 'x');
    json n = {{"kind", "身边好人"}, {"category", "助人为乐"}, {"is_member", true}, {"work", "甲局办公室科员"},
              {"date", "2021-05-04"}, {"deeds", deeds}};
    CHECK(c.problems("unit1", "civility.nomination", "D1", "2021", n)["member"] == "请选择被推荐的党员");
    CHECK(c.problems("unit1", "civility.nomination", "D1", "2021", with(n, {{"is_member", false}}))["name"] == "请填写被推荐人姓名");
    CHECK_THAT(c.problems("unit1", "civility.nomination", "D1", "2021", with(n, {{"member", 1}, {"deeds", "热心助人"}}))["deeds"],
               Catch::Contains("「主要事迹」至少 50 个字"));
    c.submit("unit1", "civility.nomination", "D1", "2021", with(n, {{"member", 1}}));
}

TEST_CASE("civility.community_reg: a member registers at a community near home or work", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json r = {{"member", 1}, {"community", "城关镇东街社区"}, {"basis", "居住地社区"}, {"reported_on", "2021-03-05"}};
    c.submit("filler1", "civility.community_reg", "D1-B1", "2021", r);
    CHECK(c.problems("filler1", "civility.community_reg", "D1-B1", "2021", with(r, {{"basis", "老家"}}))["basis"] ==
          "「报到地」的选项「老家」无效");
}

TEST_CASE("civility.volunteer: only service in the member's registered community counts toward the monthly duty",
          "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json v = {{"member", 1}, {"community", "城关镇东街社区"}, {"in_registered", true}, {"date", "2021-06-06"},
              {"kind", "集中主题服务"}, {"hours", 2}, {"content", "参加社区环境整治"}};
    CHECK(json::parse(c.submit("filler1", "civility.volunteer", "D1-B1", "2021-06", v).values_json)["member_month"] == "1/2021-06");
    auto other = c.submit("filler1", "civility.volunteer", "D1-B1", "2021-06", with(v, {{"in_registered", false}}));
    CHECK_FALSE(json::parse(other.values_json).contains("member_month"));
    auto p = c.problems("filler1", "civility.volunteer", "D1-B1", "2021-06", with(v, {{"in_registered", nullptr}, {"hours", 0}}));
    CHECK(p["in_registered"] == "「在本人报到的社区」为必填项");
    CHECK(p["hours"] == "「服务时长（小时）」不能小于 0.5");
}

TEST_CASE("civility.pairing: a joint activity names its partner and theme", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json pr = {{"partner", "东街社区党委"}, {"partner_type", "社区党组织"}, {"date", "2021-06-18"}, {"theme", "共建文明社区"},
               {"participants", 10}, {"content", "联合开展垃圾分类宣传活动"}};
    c.submit("filler1", "civility.pairing", "D1-B1", "2021-06", pr);
    auto p = c.problems("filler1", "civility.pairing", "D1-B1", "2021-06", with(pr, {{"partner", nullptr}, {"participants", 0}}));
    CHECK(p["partner"] == "「共建对象」为必填项");
    CHECK(p["participants"] == "「参加党员人数」不能小于 1");
}

TEST_CASE("civility.info_report: an adopted report says at what level", "[plugin-civility]") {
    test::PluginCounty c({"civility"});
    json r = {{"title", "甲局开展文明交通志愿服务"}, {"date", "2021-06-02"}, {"channel", "工作简报"}, {"topic", "志愿服务"}, {"adopted", false}};
    c.submit("unit1", "civility.info_report", "D1", "2021-06", r);
    CHECK(c.problems("unit1", "civility.info_report", "D1", "2021-06", with(r, {{"adopted", true}}))["adopted_level"] ==
          "已被采用的须选择采用级别");
}

// --- Indicators, checklists, rules and reminders (need the indicator engine) ---------------

namespace {

using test::RuleCounty;

void violation(RuleCounty& c, const char* role, const char* found_by, const char* severity = "党纪政务轻处分") {
    c.submit("admin", "civility.violation", "D1", "2021",
             with(kViolation, {{"role", role}, {"found_by", found_by}, {"severity", severity}}));
}

}  // namespace

TEST_CASE("civility.civility_score: the self-assessed total less the deductions for violations and failed checks",
          "[plugin-civility]") {
    RuleCounty c({"civility"});
    CHECK_FALSE(c.value("civility.civility_score", "2021", "D1").has_value());  // no scorecard
    c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);              // 90
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(90));
    violation(c, "其他班子成员", "单位自查");   // −5
    violation(c, "其他干部职工", "纪委查办");   // −3
    c.submit("admin", "civility.spot_check", "D1", "2021-06",
             {{"date", "2021-06-11"}, {"method", "定期暗访"}, {"items", "窗口服务"}, {"result", "不合格"},
              {"problems", "窗口人员脱岗"}, {"rectify_by", "2021-06-30"}});  // −2
    auto v = c.indicator("civility.civility_score", "2021", "D1");
    CHECK(v.value == Approx(80));
    CHECK(v.target == Approx(85));
    CHECK(v.met == false);
    c.configure("civility", "D1", R"({"deduct_leader_self": 0})");
    CHECK(c.indicator("civility.civility_score", "2021", "D1").met == true);  // 85
}

TEST_CASE("civility.civility_score: another leader's case found by the 纪委 weighs more than one the unit reported itself",
          "[plugin-civility]") {
    RuleCounty c({"civility"});
    c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);
    violation(c, "其他班子成员", "纪委查办");
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(80));  // −10, against −5 self-reported
}

TEST_CASE("civility.civility_score: the head's self-reported case weighs more than another leader's", "[plugin-civility]") {
    RuleCounty c({"civility"});
    c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);
    violation(c, "单位党政正职", "单位自查");
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(80));  // −10, against −5 for another leader
    CHECK(c.findings("civility.elimination", "2021", "D1").empty());
}

TEST_CASE("civility.elimination: the head's case found by the 纪委 eliminates the unit (or deducts, if so set)",
          "[plugin-civility]") {
    RuleCounty c({"civility"});
    c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);
    violation(c, "单位党政正职", "纪委查办");
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(0));
    CHECK(c.findings("civility.elimination", "2021", "D1") ==
          std::vector<std::string>{"单位党政正职违法违纪被纪委查处，取消文明单位资格"});
    c.configure("civility", "D1", R"({"eliminate_head_commission": false})");
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(70));  // −20
    CHECK(c.findings("civility.elimination", "2021", "D1").empty());
}

TEST_CASE("civility.elimination: anyone handed to the judiciary eliminates the unit", "[plugin-civility]") {
    RuleCounty c({"civility"});
    c.submit("unit1", "civility.scorecard", "D1", "2021", kScore);
    violation(c, "其他干部职工", "单位自查", "涉嫌犯罪移送司法机关");
    CHECK(c.value("civility.civility_score", "2021", "D1") == Approx(0));
    CHECK(c.findings("civility.elimination", "2021", "D1") ==
          std::vector<std::string>{"有 1 名干部职工涉嫌犯罪被移送司法机关，取消文明单位资格"});
}

TEST_CASE("civility.eligibility (checklist): every eligibility item not met is a finding", "[plugin-civility]") {
    RuleCounty c({"civility"});
    c.submit("unit1", "civility.scorecard", "D1", "2021", with(kScore, {{"in_assessment", false}}));
    CHECK(c.findings("civility.eligibility", "2021", "D1") == std::vector<std::string>{"资格审查：文明创建未纳入机关党建工作考核"});
    CHECK(c.findings("civility.eligibility", "2021", "D2").empty());
}

TEST_CASE("civility.reexam: a civilised unit in its term is re-examined every year", "[plugin-civility]") {
    RuleCounty c({"civility"});
    CHECK(c.findings("civility.reexam", "2021", "D1").empty());  // not a 文明单位
    c.configure("civility", "D1", R"({"civilized_unit": "县级文明单位"})");
    CHECK(c.findings("civility.reexam", "2021", "D1") == std::vector<std::string>{"在届县级文明单位本年度未开展年度复查"});
    c.submit("unit1", "civility.reexam", "D1", "2021",
             {{"title_level", "县级文明单位"}, {"named_year", 2019}, {"date", "2021-06-01"}, {"examiners", "县文明办"},
              {"result", "撤销称号"}, {"opinion", "发生严重违纪案件，撤销文明单位称号"}});
    CHECK(c.findings("civility.reexam", "2021", "D1") == std::vector<std::string>{"年度复查结论为撤销文明单位称号"});
}

TEST_CASE("civility.nominations: nominations of 道德模范 and 身边好人 against the yearly number", "[plugin-civility]") {
    RuleCounty c({"civility"});
    json n = {{"kind", "身边好人"}, {"category", "助人为乐"}, {"is_member", false}, {"name", "某群众"}, {"work", "甲局"},
              {"date", "2021-05-04"}, {"deeds", std::string(60, 'x')}};
    auto v = c.indicator("civility.nominations", "2021", "D1");
    CHECK(v.value == Approx(0));
    CHECK(v.met == false);
    c.submit("unit1", "civility.nomination", "D1", "2021", n);
    c.submit("unit1", "civility.nomination", "D1", "2021", with(n, {{"kind", "道德模范"}}));
    v = c.indicator("civility.nominations", "2021", "D1");
    CHECK(v.value == Approx(2));
    CHECK(v.met == true);
}

TEST_CASE("civility.volunteer_month and volunteer_year: service each month in the registered community", "[plugin-civility]") {
    RuleCounty c({"civility"});
    json v = {{"community", "东街社区"}, {"kind", "集中主题服务"}, {"hours", 2}, {"content", "参加社区环境整治"}};
    c.submit_on(Date::from_ymd(2021, 3, 6), "admin", "civility.volunteer", "D1-B1", "2021-03",
                with(v, {{"member", 1}, {"date", "2021-03-06"}, {"in_registered", true}}));
    c.submit_on(Date::from_ymd(2021, 3, 6), "admin", "civility.volunteer", "D1-B1", "2021-03",
                with(v, {{"member", 2}, {"date", "2021-03-06"}, {"in_registered", false}}));  // elsewhere: not counted
    CHECK(c.value("civility.volunteer_month", "2021-03", "D1") == Approx(50));
    CHECK(c.value("civility.volunteer_year", "2021", "D1") == Approx(100.0 / 24));
}

TEST_CASE("civility.community_registration: members never registered at a community are a finding", "[plugin-civility]") {
    RuleCounty c({"civility"});
    // A registration of an earlier year still stands. (Filed before the first question: the
    // engine does not yet mark a later year's value stale when an earlier year's record
    // changes, see the plugin report.)
    c.submit_on(Date::from_ymd(2020, 12, 1), "admin", "civility.community_reg", "D1-B1", "2020",
                {{"member", 2}, {"community", "东街社区"}, {"basis", "居住地社区"}, {"reported_on", "2020-12-01"}});
    CHECK(c.findings("civility.community_registration", "2021", "D1-B1") == std::vector<std::string>{"有 1 名党员尚未到社区报到"});
    c.submit("admin", "civility.community_reg", "D1-B1", "2021",
             {{"member", 1}, {"community", "东街社区"}, {"basis", "居住地社区"}, {"reported_on", "2021-03-05"}});
    CHECK(c.findings("civility.community_registration", "2021", "D1-B1").empty());
}

TEST_CASE("civility.pairing_quarters: quarters with a 结对共建 activity, out of 4", "[plugin-civility]") {
    RuleCounty c({"civility"});
    json p = {{"partner", "东街社区党委"}, {"partner_type", "社区党组织"}, {"theme", "共建"}, {"participants", 5}, {"content", "联合开展志愿服务活动"}};
    for (const char* d : {"2021-01-18", "2021-02-18", "2021-06-01"})
        c.submit_on(*Date::parse(d), "admin", "civility.pairing", "D1-B1", std::string(d).substr(0, 7), with(p, {{"date", d}}));
    CHECK(c.value("civility.pairing_quarters", "2021", "D1-B1") == Approx(50));
}

TEST_CASE("civility.info_months: months with an information report, out of 12", "[plugin-civility]") {
    RuleCounty c({"civility"});
    json r = {{"title", "信息"}, {"channel", "工作简报"}, {"topic", "创建活动"}, {"adopted", false}};
    for (const char* d : {"2021-01-08", "2021-02-08", "2021-06-08"})
        c.submit_on(*Date::parse(d), "unit1", "civility.info_report", "D1", std::string(d).substr(0, 7), with(r, {{"date", d}}));
    CHECK(c.value("civility.info_months", "2021", "D1") == Approx(25));
}

TEST_CASE("civility.volunteer_gap: from the 20th, members who have not served this month", "[plugin-civility]") {
    RuleCounty c({"civility"});
    CHECK(c.reminders("civility.volunteer_gap", Date::from_ymd(2021, 6, 19), "D1-B1").empty());
    auto r = c.reminders("civility.volunteer_gap", Date::from_ymd(2021, 6, 20), "D1-B1");
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "本月尚有 2 名党员未在报到社区参加志愿服务");
}

TEST_CASE("civility.community_unregistered: members not registered at a community, any day", "[plugin-civility]") {
    RuleCounty c({"civility"});
    auto r = c.reminders("civility.community_unregistered", Date::from_ymd(2021, 6, 1), "D1-B1");
    REQUIRE(r.size() == 1);
    CHECK(r[0].text == "有 2 名党员尚未到社区报到，请组织报到并登记");
    CHECK(r[0].level == "warning");
}

TEST_CASE("civility.info_gap: from the 20th, a department without an information report this month", "[plugin-civility]") {
    RuleCounty c({"civility"});
    CHECK(c.reminders("civility.info_gap", Date::from_ymd(2021, 6, 19)).empty());
    CHECK(c.reminders("civility.info_gap", Date::from_ymd(2021, 6, 20)).size() == 2);
}

