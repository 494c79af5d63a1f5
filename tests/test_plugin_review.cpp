// The bundled 述职评议和考核 plugin (plugins/review) through the host: each form's validation
// rules, one test per rule, named after it.
#include "plugin_support.hpp"

using namespace dj;
using nlohmann::json;
using test::with;

namespace {

const std::string kText20 = "认真落实三会一课制度，按期召开支部党员大会和支委会";

json branch_report() {
    return {{"secretary", 1}, {"mode", "会议述职"}, {"study", kText20}, {"system", kText20}, {"discipline", kText20},
            {"masses", kText20}, {"role", kText20}, {"problems", "党课质量有待提高，形式单一"}, {"plans", "每季度讲好一次党课，创新形式"},
            {"last_rectify", "无"}};
}

json dept_report() {
    return {{"reporter", "甲局党组书记"}, {"mode", "会议述职"}, {"study", kText20}, {"duty", kText20}, {"leadership", kText20},
            {"supervision", kText20}, {"problems", "党建与业务融合还不够紧密"}, {"plans", "推动党建与业务同谋划同部署"}, {"last_rectify", "无"}};
}

json assessment() {
    json a = {{"methods", {"听取汇报", "民主测评"}}, {"secretary", "甲局党组书记"}, {"overall", "较好"},
              {"opinion", "党组重视机关党建，书记履行第一责任人职责较好，党建与业务融合仍需加强"}};
    for (const char* id : {"g_lead", "g_study", "g_team", "g_duty", "g_decide", "g_rules", "g_innovate", "group_rating", "s_lead",
                           "s_study", "s_life", "s_rules", "secretary_rating"})
        a[id] = "好";
    return a;
}

}  // namespace

TEST_CASE("review: the plugin passes `plugins check` and loads with all its forms", "[plugin-review]") {
    auto r = test::check_bundled_plugin("review");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"review"});
    std::vector<std::string> at_branch, at_dept;
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1")) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1")) at_dept.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"review.branch_report", "review.member_report"});
    CHECK(at_dept == std::vector<std::string>{"review.breakthrough", "review.dept_assessment", "review.dept_report",
                                              "review.party_staff"});
}

TEST_CASE("review.member_report: a member's report is rated 好/较好/一般/差 by the branch", "[plugin-review]") {
    test::PluginCounty c({"review"});
    json m = {{"member", 1}, {"date", "2021-01-20"}, {"mode", "会议述职"}, {"report", kText20}, {"rating", "好"}};
    c.submit("filler1", "review.member_report", "D1-B1", "2021", m);
    CHECK(c.problems("filler1", "review.member_report", "D1-B1", "2021", with(m, {{"rating", "优秀"}}))["rating"] ==
          "「支部评议等次」应为 好、较好、一般、差 之一");
}

TEST_CASE("review.member_report: a rating of 一般 or 差 comes with the branch's opinion", "[plugin-review]") {
    test::PluginCounty c({"review"});
    json m = {{"member", 1}, {"date", "2021-01-20"}, {"mode", "书面述职"}, {"report", kText20}, {"rating", "一般"}};
    CHECK(c.problems("filler1", "review.member_report", "D1-B1", "2021", m)["opinion"] == "评为“一般”或“差”的须写明评议意见和整改要求");
}

TEST_CASE("review.branch_report: the secretary reports on the five points of 004（二）1（2） and last year's rectification",
          "[plugin-review]") {
    test::PluginCounty c({"review"});
    auto s = c.submit("filler1", "review.branch_report", "D1-B1", "2021", branch_report());
    CHECK(s.next_step_label == "部门/单位审核");
    auto p = c.problems("unit1", "review.branch_report", "D1-B2", "2021",
                        with(branch_report(), {{"masses", "很好"}, {"last_rectify", nullptr}}));
    CHECK_THAT(p["masses"], Catch::Contains("至少 20 个字"));
    CHECK(p["last_rectify"] == "「上年度述职评议问题整改情况」为必填项");
}

TEST_CASE("review.branch_report: the report goes to the department's 党组 and then the 工委", "[plugin-review]") {
    test::PluginCounty c({"review"});
    auto s = c.submit("filler1", "review.branch_report", "D1-B1", "2021", branch_report());
    s = c.svc->approve(c.as("unit1"), s.id, "党组已审定");
    CHECK(s.next_step_label == "机关工委审核");
    s = c.svc->approve(c.as("reviewer"), s.id, "同意");
    CHECK(s.state == "approved");
}

TEST_CASE("review.dept_report: the 党组 secretary's report covers 004（二）1（3） and goes to the 工委", "[plugin-review]") {
    test::PluginCounty c({"review"});
    auto s = c.submit("unit1", "review.dept_report", "D1", "2021", dept_report());
    CHECK(s.next_step_label == "机关工委审核");
    CHECK(c.problems("admin", "review.dept_report", "D2", "2021", with(dept_report(), {{"supervision", nullptr}}))["supervision"] ==
          "「督促检查所属机关基层党组织落实决策部署情况」为必填项");
}

TEST_CASE("review.dept_assessment: only the 工委 assesses a department", "[plugin-review]") {
    test::PluginCounty c({"review"});
    CHECK_THROWS_AS(c.svc->submit(c.as("unit1"), test::PluginCounty::request("review.dept_assessment", "D1", "2021", assessment())),
                    AccessDenied);
    c.submit("admin", "review.dept_assessment", "D1", "2021", assessment());
}

TEST_CASE("review.dept_assessment: the 党组, its secretary and each other member are rated", "[plugin-review]") {
    test::PluginCounty c({"review"});
    auto p = c.problems("admin", "review.dept_assessment", "D1", "2021", with(assessment(), {{"g_duty", nullptr}, {"secretary_rating", "优"}}));
    CHECK(p["g_duty"] == "「履行全面从严治党主体责任、支持纪检监察机构履行监督责任」为必填项");
    CHECK(p["secretary_rating"] == "「党组书记履行“第一责任人”职责评价」应为 好、较好、一般、差 之一");
    p = c.problems("admin", "review.dept_assessment", "D1", "2021",
                   with(assessment(), {{"others", {{{"name", "某副局长"}, {"post", "分管财务"}}}}}));
    CHECK(p["others[1].rating"] == "「其他党组成员履行“一岗双责”情况第 1 行的评价」为必填项");
    c.submit("admin", "review.dept_assessment", "D1", "2021",
             with(assessment(), {{"others", {{{"name", "某副局长"}, {"rating", "一般"}, {"note", "分管领域党建工作推动不力"}}}}}));
}

TEST_CASE("review.party_staff: party-affairs staff are party members of the department", "[plugin-review]") {
    test::PluginCounty c({"review"});
    json s = {{"member", 1}, {"kind", "专职"}, {"post", "机关党委专职副书记"}, {"since", "2018-03-01"}};
    c.submit("unit1", "review.party_staff", "D1", "2021", s);
    CHECK_THAT(c.problems("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 3}}))["member"],
               Catch::Contains("党员「王五」不在本组织"));
    CHECK_THAT(c.problems("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 99}}))["member"],
               Catch::Contains("不存在"));
}

TEST_CASE("review.breakthrough: a finished project states its results", "[plugin-review]") {
    test::PluginCounty c({"review"});
    json b = {{"name", "红色引擎工程"}, {"goal", "打造党建业务融合品牌"}, {"measures", "在窗口科室建立党员先锋岗十个"}, {"status", "实施中"}};
    c.submit("unit1", "review.breakthrough", "D1", "2021", b);
    CHECK(c.problems("unit1", "review.breakthrough", "D1", "2021", with(b, {{"status", "已完成"}}))["result"] ==
          "已完成的项目须写明取得的实效");
}
