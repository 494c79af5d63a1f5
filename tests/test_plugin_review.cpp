// The bundled 述职评议和考核 plugin (plugins/review) through the host: each form's validation
// rules, one test per rule, named after it.
#include "plugin_rules.hpp"

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

json dept_assessment() {
    json a = {{"methods", {"听取汇报", "民主测评"}}, {"secretary", "甲局党组书记"}, {"overall", "较好"},
              {"opinion", "党组重视机关党建，书记履行第一责任人职责较好，党建与业务融合仍需加强"},
              {"others", {{{"name", "某副局长"}, {"post", "分管办公室"}, {"rating", "好"}}}}};
    for (const char* id : {"g_lead", "g_study", "g_team", "g_duty", "g_decide", "g_rules", "g_innovate", "group_rating", "s_lead",
                           "s_study", "s_life", "s_rules", "secretary_rating"})
        a[id] = "好";
    return a;
}

}  // namespace

TEST_CASE("review: the plugin passes `plugins check` and loads with all its forms", "[plugin-review]") {
    auto r = test::check_bundled_plugin("review");
    CHECK(r.exit_code == 0);
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    std::vector<std::string> at_branch, at_dept;
    // The plugins review depends on are enabled beside it: only review's own forms are looked at.
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1-B1"))
        if (f.id.rfind("review.", 0) == 0) at_branch.push_back(f.id);
    for (const auto& f : c.svc->list_forms(c.as("admin"), "D1"))
        if (f.id.rfind("review.", 0) == 0) at_dept.push_back(f.id);
    CHECK(at_branch == std::vector<std::string>{"review.branch_report", "review.member_report"});
    // issue 15 added the sector scheme (000 §5) and the 七一 honours (000 §1, §20).
    CHECK(at_dept == std::vector<std::string>{"review.breakthrough", "review.dept_assessment", "review.dept_report",
                                              "review.honour_nomination", "review.honour_withdrawal", "review.party_staff",
                                              "review.sector_scheme"});
}

TEST_CASE("review.member_report: a member's report is rated 好/较好/一般/差 by the branch", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json m = {{"member", 1}, {"date", "2021-01-20"}, {"mode", "会议述职"}, {"report", kText20}, {"rating", "好"}};
    c.submit("filler1", "review.member_report", "D1-B1", "2021", m);
    CHECK(c.problems("filler1", "review.member_report", "D1-B1", "2021", with(m, {{"rating", "优秀"}}))["rating"] ==
          "「支部评议等次」应为 好、较好、一般、差 之一");
}

TEST_CASE("review.member_report: a rating of 一般 or 差 comes with the branch's opinion", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json m = {{"member", 1}, {"date", "2021-01-20"}, {"mode", "书面述职"}, {"report", kText20}, {"rating", "一般"}};
    CHECK(c.problems("filler1", "review.member_report", "D1-B1", "2021", m)["opinion"] == "评为“一般”或“差”的须写明评议意见和整改要求");
}

TEST_CASE("review.branch_report: the secretary reports on the five points of 004（二）1（2） and last year's rectification",
          "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto s = c.submit("filler1", "review.branch_report", "D1-B1", "2021", branch_report());
    CHECK(s.next_step_label == "部门/单位审核");
    auto p = c.problems("unit1", "review.branch_report", "D1-B2", "2021",
                        with(branch_report(), {{"masses", "很好"}, {"last_rectify", nullptr}}));
    CHECK_THAT(p["masses"], Catch::Contains("至少 20 个字"));
    CHECK(p["last_rectify"] == "「上年度述职评议问题整改情况」为必填项");
}

TEST_CASE("review.branch_report: the report goes to the department's 党组 and then the 工委", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto s = c.submit("filler1", "review.branch_report", "D1-B1", "2021", branch_report());
    s = c.svc->approve(c.as("unit1"), s.id, "党组已审定");
    CHECK(s.next_step_label == "机关工委审核");
    s = c.svc->approve(c.as("gwadmin"), s.id, "同意");
    CHECK(s.state == "approved");
}

TEST_CASE("review.dept_report: the 党组 secretary's report covers 004（二）1（3） and goes to the 工委", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto s = c.submit("unit1", "review.dept_report", "D1", "2021", dept_report());
    CHECK(s.next_step_label == "机关工委审核");
    CHECK(c.problems("admin", "review.dept_report", "D2", "2021", with(dept_report(), {{"supervision", nullptr}}))["supervision"] ==
          "「督促检查所属机关基层党组织落实决策部署情况」为必填项");
}

TEST_CASE("review.dept_assessment: only the 工委 assesses a department", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    CHECK_THROWS_AS(c.svc->submit(c.as("unit1"), test::PluginCounty::request("review.dept_assessment", "D1", "2021", dept_assessment())),
                    AccessDenied);
    c.submit("admin", "review.dept_assessment", "D1", "2021", dept_assessment());
}

TEST_CASE("review.dept_assessment: the 党组, its secretary and each other member are rated", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto p = c.problems("admin", "review.dept_assessment", "D1", "2021", with(dept_assessment(), {{"g_duty", nullptr}, {"secretary_rating", "优"}}));
    CHECK(p["g_duty"] == "「履行全面从严治党主体责任、支持纪检监察机构履行监督责任」为必填项");
    CHECK(p["secretary_rating"] == "「党组书记履行“第一责任人”职责评价」应为 好、较好、一般、差 之一");
    p = c.problems("admin", "review.dept_assessment", "D1", "2021",
                   with(dept_assessment(), {{"others", {{{"name", "某副局长"}, {"post", "分管财务"}}}}}));
    CHECK(p["others[1].rating"] == "「其他党组成员履行“一岗双责”情况第 1 行的评价」为必填项");
    c.submit("admin", "review.dept_assessment", "D1", "2021",
             with(dept_assessment(), {{"others", {{{"name", "某副局长"}, {"rating", "一般"}, {"note", "分管领域党建工作推动不力"}}}}}));
}

TEST_CASE("review.party_staff: party-affairs staff are party members of the department", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json s = {{"member", 1}, {"kind", "专职"}, {"post", "机关党委专职副书记"}, {"since", "2018-03-01"}};
    c.submit("unit1", "review.party_staff", "D1", "2021", s);
    CHECK_THAT(c.problems("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 3}}))["member"],
               Catch::Contains("党员编号 3 不在本组织") && !Catch::Contains("王五"));  // outside the actor's scope: no name (issue 14)
    CHECK_THAT(c.problems("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 99}}))["member"],
               Catch::Contains("不存在"));
}

TEST_CASE("review.breakthrough: a finished project states its results", "[plugin-review]") {
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    json b = {{"name", "红色引擎工程"}, {"goal", "打造党建业务融合品牌"}, {"measures", "在窗口科室建立党员先锋岗十个"}, {"status", "实施中"}};
    c.submit("unit1", "review.breakthrough", "D1", "2021", b);
    CHECK(c.problems("unit1", "review.breakthrough", "D1", "2021", with(b, {{"status", "已完成"}}))["result"] ==
          "已完成的项目须写明取得的实效");
}

// --- Indicators, rules, reminders, evaluations and the annual scheme (need the engine) -----

namespace {

using test::RuleCounty;

OrgAttributes staffing(std::optional<int> staff, std::optional<int> party_affairs) {
    OrgAttributes a;
    a.staff_count = staff;
    a.party_affairs_staff = party_affairs;
    return a;
}

const char* const kOnlyDuty = R"({"weight_orglife": 0, "weight_discipline": 0, "weight_venues": 0, "weight_care": 0,
    "weight_civility": 0, "weight_report": 0, "weight_duty": 100})";
const char* const kOnlyReport = R"({"weight_orglife": 0, "weight_discipline": 0, "weight_venues": 0, "weight_care": 0,
    "weight_civility": 0, "weight_report": 100, "weight_duty": 0})";

AssessmentRow row_of(const AssessmentResult& r, const std::string& code) {
    for (const auto& row : r.rows)
        if (row.org_code == code) return row;
    FAIL("no assessment row for " << code);
    return {};
}

}  // namespace

TEST_CASE("review.member_report_coverage: members who reported to their branch", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.submit("admin", "review.member_report", "D1-B1", "2021",
             {{"member", 1}, {"date", "2021-01-20"}, {"mode", "会议述职"}, {"report", kText20}, {"rating", "好"}});
    CHECK(c.value("review.member_report_coverage", "2021", "D1") == Approx(50));
    CHECK(c.value("review.member_report_coverage", "2021", "D2") == Approx(0));
}

TEST_CASE("review.branch_report_done: the share of branches whose secretary reported", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.submit("admin", "review.branch_report", "D1-B1", "2021", branch_report());
    CHECK(c.value("review.branch_report_done", "2021", "D1-B1") == Approx(100));
    CHECK(c.value("review.branch_report_done", "2021", "D1-B2") == Approx(0));
    CHECK(c.value("review.branch_report_done", "2021", "D1") == Approx(50));
}

TEST_CASE("review.dept_assessment_points: the 工委's overall rating as points (较好 = 85)", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    CHECK_FALSE(c.value("review.dept_assessment_points", "2021", "D1").has_value());
    c.submit("admin", "review.dept_assessment", "D1", "2021", dept_assessment());
    CHECK(c.value("review.dept_assessment_points", "2021", "D1") == Approx(85));
}

TEST_CASE("review.party_staff_rule: full-time party-affairs staff ≥ max(2, ⌈1% of staff⌉)", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    CHECK(c.findings("review.party_staff_rule", "2021", "D1") ==
          std::vector<std::string>{"专职党务干部 0 名，按在编人数 100 人应不少于 2 名"});
    c.change("D1", staffing(200, 2));
    CHECK(c.findings("review.party_staff_rule", "2021", "D1").empty());
    c.change("D1", staffing(201, 2));  // 1% of 201 is 2.01: three are needed
    CHECK(c.findings("review.party_staff_rule", "2021", "D1") ==
          std::vector<std::string>{"专职党务干部 2 名，按在编人数 201 人应不少于 3 名"});
    c.org("D3", "丙局", OrgType::Department, "GW");
    CHECK(c.findings("review.party_staff_rule", "2021", "D3") ==
          std::vector<std::string>{"未填写在编人数，无法核对专职党务干部配备"});
    c.configure("review", "D1", R"({"staff_ratio": 0.5})");
    CHECK(c.findings("review.party_staff_rule", "2021", "D1").empty());
}

TEST_CASE("review.party_staff_members: every full-time party-affairs post is held by a registered party member",
          "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.change("D1", staffing(100, 2));
    json s = {{"member", 1}, {"kind", "专职"}, {"post", "机关党委专职副书记"}, {"since", "2018-03-01"}};
    c.submit("unit1", "review.party_staff", "D1", "2021", s);
    c.submit("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 2}, {"kind", "兼职"}}));
    CHECK(c.findings("review.party_staff_members", "2021", "D1") ==
          std::vector<std::string>{"专职党务干部 2 名，名册中登记的党员只有 1 名；严禁安排非党干部从事党务工作"});
    c.submit("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 2}}));
    CHECK(c.findings("review.party_staff_members", "2021", "D1").empty());
}

TEST_CASE("review.breakthrough: every department declares a 书记抓基层党建突破项目", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    CHECK(c.findings("review.breakthrough", "2021", "D1") == std::vector<std::string>{"本年度未申报书记抓基层党建突破项目"});
    c.submit("unit1", "review.breakthrough", "D1", "2021",
             {{"name", "红色引擎工程"}, {"goal", "打造党建业务融合品牌"}, {"measures", "在窗口科室建立党员先锋岗十个"}, {"status", "已申报"}});
    CHECK(c.findings("review.breakthrough", "2021", "D1").empty());
}

TEST_CASE("review.rectify_overdue: rectification items past their deadline and not done", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    NewRectification item{"D1", 2021, "manual", "", "党课质量不高", "述职评议指出", "书记", Date::from_ymd(2021, 3, 1)};
    auto added = c.svc->add_rectification(c.as("admin"), item);
    CHECK(c.value("review.rectify_overdue", "2021", "D1") == Approx(1));
    RectificationUpdate done;
    done.status = "done";
    done.evidence = "已制定党课计划";
    c.svc->update_rectification(c.as("admin"), added.id, done);
    CHECK(c.value("review.rectify_overdue", "2021", "D1") == Approx(0));
}

TEST_CASE("review.term_expiry: warned 90 days before the term ends, overdue the day after", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    OrgAttributes term;
    term.term_end = Date::from_ymd(2021, 9, 13);
    c.change("D1-B1", term);
    CHECK(c.reminders("review.term_expiry", Date::from_ymd(2021, 6, 14)).empty());
    auto r = c.reminders("review.term_expiry", Date::from_ymd(2021, 6, 15));
    REQUIRE(r.size() == 1);
    CHECK(r[0].level == "warning");
    CHECK(r[0].due == "2021-09-13");
    CHECK(r[0].text == "甲局第一党支部将于 2021-09-13 任期届满，请按期换届");
    CHECK(c.reminders("review.term_expiry", Date::from_ymd(2021, 9, 13))[0].level == "warning");
    r = c.reminders("review.term_expiry", Date::from_ymd(2021, 9, 14));
    REQUIRE(r.size() == 1);
    CHECK(r[0].level == "overdue");
    CHECK(r[0].text == "甲局第一党支部任期已于 2021-09-13 届满，请尽快换届");
}

TEST_CASE("review.dept_report evaluation: the average of the ratings, 3.5 rounding down to 较好", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    auto s = c.submit("unit1", "review.dept_report", "D1", "2021", dept_report());
    c.svc->evaluate(c.as("reviewer"), s.id, "好", "述职全面", {});
    auto e = c.svc->evaluation(c.as("admin"), s.id);
    CHECK(e.result == std::optional<std::string>("好"));
    e = c.svc->evaluate(c.as("admin"), s.id, "较好", "党建与业务融合需加强", {"推动党建与业务深度融合"});
    CHECK(e.rule == "average");
    CHECK(e.result == std::optional<std::string>("较好"));
}

TEST_CASE("review.annual: the 党组 area alone — 较好 from the 工委, staffing met, no breakthrough project: 74, 一般",
          "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.configure("review", "GW", kOnlyDuty);
    c.change("D1", staffing(100, 2));
    c.submit("admin", "review.dept_assessment", "D1", "2021", dept_assessment());  // 0.85 × 10
    json s = {{"member", 1}, {"kind", "专职"}, {"post", "专职副书记"}, {"since", "2018-03-01"}};
    c.submit("unit1", "review.party_staff", "D1", "2021", s);
    c.submit("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 2}}));
    auto result = c.svc->assess(c.as("admin"), 2021, "GW");
    CHECK(result.scheme_id == "review.annual");
    const auto d1 = row_of(result, "D1");
    CHECK(d1.score == Approx(74));  // (8.5 + 5 + 5 + 0) / 25
    CHECK(d1.rating == "一般");
    CHECK(d1.rank == 1);
    // 乙局: no assessment yet (left out), staffing not met, no project: 5 of 15.
    const auto d2 = row_of(result, "D2");
    CHECK(d2.score == Approx(33.33));
    CHECK(d2.rating == "差");
    CHECK(d2.rank == 2);
}

TEST_CASE("review.annual: an overdue rectification deducts 1 point", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.configure("review", "GW", kOnlyDuty);
    c.change("D1", staffing(100, 2));
    c.submit("admin", "review.dept_assessment", "D1", "2021", dept_assessment());
    json s = {{"member", 1}, {"kind", "专职"}, {"post", "专职副书记"}, {"since", "2018-03-01"}};
    c.submit("unit1", "review.party_staff", "D1", "2021", s);
    c.submit("unit1", "review.party_staff", "D1", "2021", with(s, {{"member", 2}}));
    c.svc->add_rectification(c.as("admin"), NewRectification{"D1", 2021, "manual", "", "整改", "", "书记", Date::from_ymd(2021, 3, 1)});
    CHECK(row_of(c.svc->assess(c.as("admin"), 2021, "GW"), "D1").score == Approx(73));
}

TEST_CASE("review.annual: a serious case (第四种形态) vetoes the rating to 差", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.configure("review", "GW", kOnlyDuty);
    c.submit("admin", "review.dept_assessment", "D1", "2021", with(dept_assessment(), {{"overall", "好"}}));
    c.submit("unit1", "discipline.lead", "D1", "2021",
             {{"code", "S1"}, {"source", "信访举报"}, {"received", "2021-02-01"}, {"subject", "某科长"}, {"summary", "反映其收受贿赂问题线索"},
              {"handler", "纪检委员"}, {"deadline", "2021-05-01"}, {"status", "已办结"}, {"form4", "第四种形态"},
              {"closed", "2021-04-20"}, {"result", "立案审查并移送"}});
    const auto d1 = row_of(c.svc->assess(c.as("admin"), 2021, "GW"), "D1");
    CHECK(d1.rating == "差");
    CHECK(d1.veto == "发生严重违纪违法案件（第四种形态）");
}

TEST_CASE("review.annual: the 述职评议 area — the report's rating, branch secretaries' and members' reports", "[plugin-review]") {
    RuleCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    c.configure("review", "GW", kOnlyReport);
    auto s = c.submit("unit1", "review.dept_report", "D1", "2021", dept_report());
    c.svc->evaluate(c.as("reviewer"), s.id, "好", "述职全面", {});                           // 1.0 × 10
    c.submit("admin", "review.branch_report", "D1-B1", "2021", branch_report());            // 50% × 5
    c.submit("admin", "review.member_report", "D1-B1", "2021",
             {{"member", 1}, {"date", "2021-01-20"}, {"mode", "会议述职"}, {"report", kText20}, {"rating", "好"}});  // 50% × 5
    const auto d1 = row_of(c.svc->assess(c.as("admin"), 2021, "GW"), "D1");
    CHECK(d1.score == Approx(75));
    CHECK(d1.rating == "一般");
}
