// The year's assessment, 述职评议 and rectification through the host, on the indicator
// test county; scoring and ranking rules on their own with made-up facts.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "assessment/scoring.hpp"
#include "core/errors.hpp"
#include "indicator_county.hpp"
#include "io/xlsx_writer.hpp"
#include "service/json_codec.hpp"

using namespace dj;
using nlohmann::json;
using test::IndicatorCounty;

namespace {

struct ReviewCounty : IndicatorCounty {
    ReviewCounty() {
        auto admin = as("admin");
        svc->create_user(admin, NewUser{"reviewer2", "评议人二", Role::Reviewer, "GW"});
        svc->create_user(admin, NewUser{"reviewer3", "评议人三", Role::Reviewer, "GW"});
    }
    std::int64_t report(const std::string& form = "report", const std::string& unit = "D1", const std::string& year = "2020") {
        return file(form, unit, year, R"({"summary":"全年抓党建工作情况"})", "unit1");
    }
};

const AssessmentRow& row_of(const AssessmentResult& r, const std::string& code) {
    for (const auto& row : r.rows)
        if (row.org_code == code) return row;
    FAIL("no row for " << code);
    return r.rows.front();
}

}  // namespace

TEST_CASE("述职评议: the average of the votes, rounded half down", "[assessment]") {
    ReviewCounty c;
    auto id = c.report();
    c.svc->evaluate(c.as("reviewer"), id, "好", "抓得实", {});
    c.svc->evaluate(c.as("reviewer2"), id, "较好", "", {});
    auto info = c.svc->evaluation(c.as("admin"), id);
    CHECK(info.votes.size() == 2);
    CHECK(info.result == "较好");  // (4 + 3) / 2 = 3.5 → 较好
    c.svc->evaluate(c.as("reviewer3"), id, "好", "", {});
    CHECK(c.svc->evaluation(c.as("admin"), id).result == "好");  // 11 / 3 ≈ 3.67
    // an evaluator changing their vote replaces it
    c.svc->evaluate(c.as("reviewer3"), id, "差", "", {});
    info = c.svc->evaluation(c.as("admin"), id);
    CHECK(info.votes.size() == 3);
    CHECK(info.tally["差"] == 1);
    CHECK(info.result == "较好");  // 8 / 3 ≈ 2.67 → 较好
}

TEST_CASE("述职评议: majority with a tie going to the lower rating, and a plugin's own rule", "[assessment]") {
    ReviewCounty c;
    auto id = c.report("report_majority");
    c.svc->evaluate(c.as("reviewer"), id, "好", "", {});
    c.svc->evaluate(c.as("reviewer2"), id, "较好", "", {});
    CHECK(c.svc->evaluation(c.as("admin"), id).result == "较好");
    c.svc->evaluate(c.as("reviewer3"), id, "好", "", {});
    CHECK(c.svc->evaluation(c.as("admin"), id).result == "好");
    auto custom = c.report("report_custom");
    c.svc->evaluate(c.as("reviewer"), custom, "好", "", {});
    CHECK(c.svc->evaluation(c.as("admin"), custom).result == "好");
    c.svc->evaluate(c.as("reviewer2"), custom, "差", "", {});
    CHECK(c.svc->evaluation(c.as("admin"), custom).result == "差");
}

TEST_CASE("述职评议: who may rate, and bad ratings change nothing", "[assessment]") {
    ReviewCounty c;
    auto id = c.report();
    CHECK_THROWS_AS(c.svc->evaluate(c.as("unit1"), id, "好", "", {}), AccessDenied);    // its own report
    CHECK_THROWS_AS(c.svc->evaluate(c.as("filler1"), id, "好", "", {}), AccessDenied);  // no right to rate
    CHECK_THROWS_WITH(c.svc->evaluate(c.as("reviewer"), id, "优秀", "", {}), Catch::Contains("好、较好、一般 或 差"));
    CHECK(c.svc->evaluation(c.as("admin"), id).votes.empty());
    auto activity = c.activity("D1-B1", "2020-09", "党课", 3, {});
    CHECK_THROWS_WITH(c.svc->evaluate(c.as("reviewer"), activity, "好", "", {}), Catch::Contains("不是述职评议报告"));
}

TEST_CASE("述职评议: issues raised become rectification items, shown with next year's report", "[assessment]") {
    ReviewCounty c;
    auto id = c.report();
    c.svc->evaluate(c.as("reviewer"), id, "一般", "基层组织建设偏弱", {"支部书记培训不足", "党员发展计划未落实"});
    auto items = c.svc->rectifications(c.as("admin"), RectificationFilter{"D1", 2020, std::nullopt, false});
    std::vector<std::string> titles;
    for (const auto& r : items)
        if (r.source == "evaluation") titles.push_back(r.title);
    CHECK(titles == std::vector<std::string>{"支部书记培训不足", "党员发展计划未落实"});
    // Re-voting with the same issues does not duplicate them
    c.svc->evaluate(c.as("reviewer"), id, "较好", "", {"支部书记培训不足"});
    CHECK(c.svc->rectifications(c.as("admin"), RectificationFilter{"D1", 2020, std::nullopt, false}).size() == items.size());
    // 2021's report shows how 2020's items went
    c.svc->update_rectification(c.as("unit1"), items[0].id, RectificationUpdate{std::string("in_progress"), {}, {}, "已制定培训计划", {}, ""});
    auto next = c.report("report", "D1", "2021");
    auto info = c.svc->evaluation(c.as("admin"), next);
    REQUIRE(info.previous_rectifications.size() == items.size());
    bool saw = false;
    for (const auto& r : info.previous_rectifications)
        if (r.id == items[0].id) saw = r.status_label == "整改中";
    CHECK(saw);
}

TEST_CASE("rectification: open, in progress, done with evidence, verified from above", "[assessment]") {
    ReviewCounty c;
    auto admin = c.as("admin");
    auto unit = c.as("unit1");
    auto item = c.svc->add_rectification(unit, NewRectification{"D1", 2021, "inspection", "", "党员活动室制度未上墙", "四不两直检查发现",
                                                                 "王书记", Date::from_ymd(2021, 7, 31)});
    CHECK(item.status == "open");
    CHECK(item.status_label == "待整改");
    CHECK_FALSE(item.overdue);
    RectificationUpdate u;
    u.status = "done";
    CHECK_THROWS_WITH(c.svc->update_rectification(unit, item.id, u), Catch::Contains("整改措施"));
    u.status = "verified";
    CHECK_THROWS_WITH(c.svc->update_rectification(unit, item.id, u), Catch::Contains("不能从「待整改」改为「已销号」"));
    u.status = "in_progress";
    c.svc->update_rectification(unit, item.id, u);
    u.status = "done";
    u.evidence = "制度已制作上墙，附照片";
    item = c.svc->update_rectification(unit, item.id, u);
    CHECK(item.status == "done");
    CHECK_THAT(item.evidence, Catch::Contains("制度已制作上墙"));
    RectificationUpdate verify;
    verify.status = "verified";
    CHECK_THROWS_AS(c.svc->update_rectification(unit, item.id, verify), AccessDenied);  // a unit cannot sign off its own
    item = c.svc->update_rectification(c.as("gwadmin"), item.id, verify);
    CHECK(item.status_label == "已销号");
    RectificationUpdate reopen;
    reopen.status = "in_progress";
    CHECK_THROWS(c.svc->update_rectification(admin, item.id, reopen));  // verified is final
    // another department cannot touch it
    CHECK_THROWS_AS(c.svc->add_rectification(unit, NewRectification{"D2", 2021, "manual", "", "x", "", "", Date::from_ymd(2021, 8, 1)}),
                    AccessDenied);
    // an item past its deadline is overdue and says so in the reminders
    auto late = c.svc->add_rectification(admin, NewRectification{"D2", 2021, "manual", "", "换届资料未归档", "", "", Date::from_ymd(2021, 6, 1)});
    CHECK(late.overdue);
    auto overdue = c.svc->rectifications(admin, RectificationFilter{"GW", std::nullopt, std::nullopt, true});
    REQUIRE(overdue.size() == 1);
    CHECK(overdue[0].id == late.id);
    bool reminded = false;
    for (const auto& r : c.svc->reminders(admin, Date::from_ymd(2021, 6, 15), "GW"))
        reminded = reminded || (r.rule_id == "host.rectification" && r.level == "overdue" && r.org_code == "D2");
    CHECK(reminded);
}

TEST_CASE("assessment: each score explains itself, a veto sets the rating", "[assessment]") {
    ReviewCounty c;
    c.fill_2020();
    auto id = c.report();
    c.svc->evaluate(c.as("reviewer"), id, "好", "", {});
    c.svc->evaluate(c.as("reviewer2"), id, "好", "", {});
    c.svc->evaluate(c.as("reviewer3"), id, "较好", "", {});
    auto result = c.svc->assess(c.as("admin"), 2020, "GW");
    REQUIRE(result.rows.size() == 2);
    const auto& d1 = row_of(result, "D1");
    const auto& d2 = row_of(result, "D2");
    // 甲局: work 60/60, report 好 → 40/40, one overdue rectification item −5
    CHECK(d1.score == Approx(95));
    CHECK(d1.rating == "好");
    CHECK(d1.rank == 1);
    CHECK(d1.veto.empty());
    // 乙局: 3 of 4 activities → 40 × 0.75, 三有 not passed → 0 of 20, no report → 0 of 40; and a veto
    CHECK(d2.score == Approx(30));
    CHECK(d2.rating == "差");
    CHECK(d2.veto == "发生严重违纪案件");
    CHECK(d2.rank == 2);
    bool explained = false;
    for (const auto& l : d2.lines) {
        if (l.ref == "indtest.activities") {
            explained = true;
            CHECK(l.value == 3);
            CHECK(l.target == 4);
            CHECK(l.weight == Approx(40));
            CHECK(l.earned == Approx(30));
            CHECK(l.lost == Approx(10));
            CHECK_THAT(l.note, Catch::Contains("未达标"));
        }
        if (l.kind == "evaluation") CHECK(l.note == "无评议结果");
        if (l.kind == "veto") CHECK_THAT(l.note, Catch::Contains("触发一票否决"));
    }
    CHECK(explained);
    // the xlsx: a summary sheet and one per department
    auto bytes = c.svc->export_assessment(c.as("admin"), 2020, "GW");
    CHECK(bytes.substr(0, 2) == "PK");
}

TEST_CASE("assessment: area weights from settings per department", "[assessment]") {
    ReviewCounty c;
    c.fill_2020();
    // 乙局's work area weighs 100 instead of 60: its score becomes 30/100 of work and 0 of report…
    c.svc->set_plugin(c.as("admin"), PluginSetting{"indtest", "D2", std::nullopt, R"({"weight_work":100})", false});
    auto d2 = row_of(c.svc->assess(c.as("admin"), 2020, "GW"), "D2");
    // work: activities 100×2/3×0.75 = 50, venues 0; report 40 → 0; total 50 of 140 → 35.71
    CHECK(d2.score == Approx(35.71).margin(0.01));
}

TEST_CASE("assessment: thresholds and ranks with ties", "[assessment]") {
    assessment::Scheme s;
    s.ratings = {{"好", 90}, {"较好", 80}, {"一般", 60}, {"差", 0}};
    s.veto_rating = "差";
    s.areas.push_back({"a", "工作", 100, "", {{"x.value", "", 1, false, ""}}});
    auto row = [&](const std::string& code, const std::string& kind, double value) {
        assessment::DepartmentFacts f;
        f.code = code;
        f.name = code;
        f.kind = kind;
        f.settings = json::object();
        f.indicator = [value](const std::string&) {
            assessment::IndicatorFact fact;
            fact.name = "x";
            fact.value = value;
            fact.target = 100;
            fact.met = value >= 100;
            return fact;
        };
        f.evaluation = [](const std::string&) { return std::nullopt; };
        return assessment::score_department(s, f);
    };
    // each side of every threshold
    CHECK(row("A", "k", 90).rating == "好");
    CHECK(row("A", "k", 89.99).rating == "较好");
    CHECK(row("A", "k", 80).rating == "较好");
    CHECK(row("A", "k", 79.99).rating == "一般");
    CHECK(row("A", "k", 60).rating == "一般");
    CHECK(row("A", "k", 59.99).rating == "差");
    std::vector<AssessmentRow> rows = {row("D5", "事业单位", 70), row("D1", "行政机关", 95), row("D2", "行政机关", 85),
                                       row("D3", "事业单位", 85), row("D4", "行政机关", 70)};
    assessment::rank(rows);
    std::vector<std::pair<std::string, int>> ranks;
    for (const auto& r : rows) ranks.emplace_back(r.org_code, r.rank);
    CHECK(ranks == std::vector<std::pair<std::string, int>>{{"D1", 1}, {"D2", 2}, {"D3", 2}, {"D4", 4}, {"D5", 4}});
    std::map<std::string, int> in_kind;
    for (const auto& r : rows) in_kind[r.org_code] = r.rank_in_kind;
    CHECK(in_kind == std::map<std::string, int>{{"D1", 1}, {"D2", 2}, {"D4", 3}, {"D3", 1}, {"D5", 2}});
}

TEST_CASE("assessment of 2020 is unchanged by a 2021 reorganisation", "[assessment]") {
    ReviewCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    auto before = to_json(c.svc->assess(admin, 2020, "GW")).dump();
    auto branch_before = c.values("2020");
    // 2021: 乙局's branch moves under 甲局, which is renamed; 乙局 closes
    OrgChange move;
    move.parent_code = "D1";
    move.effective = Date::from_ymd(2021, 3, 1);
    c.svc->change_org(admin, "D2-B1", move);
    OrgChange rename;
    rename.name = "甲乙联合局";
    rename.effective = Date::from_ymd(2021, 3, 1);
    c.svc->change_org(admin, "D1", rename);
    c.svc->close_org(admin, "D2", Date::from_ymd(2021, 3, 2));
    CHECK(to_json(c.svc->assess(admin, 2020, "GW")).dump() == before);
    // …also when computed from scratch
    c.svc->connection().prepare("DELETE FROM indicator_run").run();
    CHECK(to_json(c.svc->assess(admin, 2020, "GW")).dump() == before);
    CHECK(c.values("2020") == branch_before);
    // while 2021 sees the new tree: 乙局's branch counts for 甲乙联合局
    c.reopen("D2-B1", "2021-05");
    c.activity("D2-B1", "2021-05", "党课", 4, {});
    auto v2021 = c.values("2021");
    CHECK(v2021["activities"]["D1"] == 1);
    CHECK(v2021["activities"].count("D2") == 0);
}

TEST_CASE("generated rectification items: failed indicators, findings, low ratings, each once", "[assessment]") {
    ReviewCounty c;
    c.fill_2020();
    auto report = c.report();
    c.svc->evaluate(c.as("reviewer"), report, "好", "", {});
    auto created = c.svc->generate_rectifications(c.as("admin"), 2020, "GW");
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& r : created) got.insert({r.org_code, r.source});
    CHECK(got.count({"D2", "indicator"}));  // activities below target
    CHECK(got.count({"D2", "rating"}));     // 差
    CHECK_FALSE(got.count({"D1", "rating"}));  // 好: nothing to rectify
    CHECK(c.svc->generate_rectifications(c.as("admin"), 2020, "GW").empty());  // idempotent
}

TEST_CASE("reminders fire on their date and not the day before", "[assessment]") {
    IndicatorCounty c;
    auto admin = c.as("admin");
    OrgChange term;
    term.attrs.term_end = Date::from_ymd(2021, 9, 13);
    term.effective = Date::from_ymd(2010, 1, 1);
    c.svc->change_org(admin, "D1-B1", term);
    auto has = [&](Date d, const std::string& rule, const std::string& org) {
        for (const auto& r : c.svc->reminders(admin, d, "GW"))
            if (r.rule_id == rule && r.org_code == org && (rule.rfind("host.form", 0) != 0 || r.text.rfind("活动记录", 0) == 0))
                return true;
        return false;
    };
    // 换届: 90 days ahead
    CHECK(has(Date::from_ymd(2021, 6, 15), "indtest.term", "D1-B1"));
    CHECK_FALSE(has(Date::from_ymd(2021, 6, 14), "indtest.term", "D1-B1"));
    CHECK(has(Date::from_ymd(2021, 9, 13), "indtest.term", "D1-B1"));
    CHECK_FALSE(has(Date::from_ymd(2021, 9, 14), "indtest.term", "D1-B1"));
    // 政治生日: 张三 joined in July
    CHECK(has(Date::from_ymd(2021, 7, 1), "indtest.birthday", "D1-B1"));
    CHECK_FALSE(has(Date::from_ymd(2021, 6, 30), "indtest.birthday", "D1-B1"));
    // a monthly form for May is due on 06-10: warned within the week before, overdue after
    CHECK_FALSE(has(Date::from_ymd(2021, 6, 2), "host.form_due", "D1-B1"));
    CHECK(has(Date::from_ymd(2021, 6, 3), "host.form_due", "D1-B1"));
    CHECK(has(Date::from_ymd(2021, 6, 10), "host.form_due", "D1-B1"));
    CHECK_FALSE(has(Date::from_ymd(2021, 6, 10), "host.form_overdue", "D1-B1"));
    CHECK(has(Date::from_ymd(2021, 6, 11), "host.form_overdue", "D1-B1"));
    // filed: no longer reminded
    c.activity("D1-B1", "2021-05", "支委会", 3, {});
    CHECK_FALSE(has(Date::from_ymd(2021, 6, 11), "host.form_overdue", "D1-B1"));
}
