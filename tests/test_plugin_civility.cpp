// The bundled 精神文明创建 plugin (plugins/civility) through the host: each form's validation
// rules, one test per rule, named after it.
#include "plugin_support.hpp"

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

TEST_CASE("civility.reexam: the re-examination gives its conclusion and opinion; 限期整改 its requirements",
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
