// 统计图表 (Service::dashboard): every figure against what the database and the screens that
// list the same thing say, worked out by hand on the indicator test county; the plugins'
// trends declaration; the CLI's tables and JSON on the demo county.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "api/wire.hpp"
#include "core/errors.hpp"
#include "forms/form_schema.hpp"
#include "indicator_county.hpp"
#include "statement_counter.hpp"

using namespace dj;
using nlohmann::json;
using test::IndicatorCounty;

namespace {

const DashboardCompletion* bar(const Dashboard& d, const std::string& code) {
    for (const auto& c : d.completion)
        if (c.unit_code == code) return &c;
    return nullptr;
}

const DashboardTrend& line(const Dashboard& d, const std::string& label) {
    for (const auto& t : d.trends)
        if (t.label == label) return t;
    FAIL("no trend " << label);
    return d.trends.front();
}

std::vector<std::size_t> months(std::initializer_list<std::pair<int, std::size_t>> filled) {
    std::vector<std::size_t> v(12, 0);
    for (auto [m, n] : filled) v[static_cast<std::size_t>(m - 1)] = n;
    return v;
}

// Every due form's completeness for the year at `unit`, summed per node (what the 报送情况 screen
// shows form by form); forms filled when something happens (expected = false) owe nothing.
std::map<std::string, std::pair<std::size_t, std::size_t>> completeness_sums(Service& s, const Actor& who,
                                                                            const std::string& unit) {
    std::map<std::string, std::pair<std::size_t, std::size_t>> sums;
    for (const auto& p : s.list_plugins(who))
        for (const auto& form : p.forms) {
            if (!json::parse(s.form(who, form).schema_json).value("expected", true)) continue;
            for (const auto& row : s.completeness(who, form, "2020", unit)) {
                sums[row.unit_code].first += row.expected;
                sums[row.unit_code].second += row.submitted;
            }
        }
    return sums;
}

}  // namespace

TEST_CASE("dashboard: the completion bars are the departments', each what completeness says over every form",
          "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    auto d = c.svc->dashboard(admin, 2020, "GW");
    CHECK(d.level == "county");
    CHECK(d.bars_of == "department");
    REQUIRE(d.completion.size() == 2);
    CHECK(d.completion[0].unit_code == "D1");  // tree order
    CHECK(d.completion[1].unit_code == "D2");
    auto sums = completeness_sums(*c.svc, admin, "GW");
    for (const auto& b : d.completion) {
        INFO(b.unit_code);
        CHECK(b.expected == sums[b.unit_code].first);
        CHECK(b.submitted == sums[b.unit_code].second);
        CHECK(b.rate == Approx(100.0 * static_cast<double>(b.submitted) / static_cast<double>(b.expected)));
    }
    CHECK(d.total.unit_code == "GW");
    CHECK(d.total.expected == sums["GW"].first);
    CHECK(d.total.submitted == sums["GW"].second);
    // By hand, the activity records alone: 甲局's two branches filed in 3 + 1 months, 乙局's
    // branch in 2 (two records in March count once; the May draft never counts).
    auto activity = c.svc->completeness(admin, "indtest.activity", "2020", "GW");
    std::map<std::string, std::size_t> filed;
    for (const auto& r : activity) filed[r.unit_code] = r.submitted;
    CHECK(filed["D1"] == 4);
    CHECK(filed["D2"] == 2);
    CHECK(d.completion[0].expected >= 24);
    CHECK(d.completion[0].submitted >= 4);
}

TEST_CASE("dashboard: a department admin sees its branches, a branch itself, nothing outside the scope",
          "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto unit = c.svc->dashboard(c.as("unit1"), 2020, "D1");
    CHECK(unit.level == "department");
    CHECK(unit.bars_of == "branch");
    REQUIRE(unit.completion.size() == 2);
    CHECK(unit.completion[0].unit_code == "D1-B1");
    CHECK(unit.completion[1].unit_code == "D1-B2");
    auto sums = completeness_sums(*c.svc, c.as("unit1"), "D1");
    CHECK(unit.completion[0].submitted == sums["D1-B1"].second);
    CHECK(unit.total.expected == sums["D1"].first);
    CHECK(bar(unit, "D2-B1") == nullptr);

    auto branch = c.svc->dashboard(c.as("filler1"), 2020, "D1-B1");
    CHECK(branch.level == "organisation");
    REQUIRE(branch.completion.size() == 1);
    CHECK(branch.completion[0].unit_code == "D1-B1");
    CHECK(branch.departments.empty());
    CHECK_FALSE(branch.assessment_note.empty());

    CHECK_THROWS_AS(c.svc->dashboard(c.as("unit1"), 2020, "D2"), AccessDenied);
    CHECK_THROWS_AS(c.svc->dashboard(c.as("filler1"), 2020, "D1"), AccessDenied);
    CHECK_THROWS_AS(c.svc->dashboard(c.as("admin"), 1999, "GW"), UserError);
}

TEST_CASE("dashboard: the plugin's trends counted month by month, drafts left out", "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto d = c.svc->dashboard(c.as("admin"), 2020, "GW");
    REQUIRE(d.months.size() == 12);
    CHECK(d.months.front() == "2020-01");
    CHECK(d.months.back() == "2020-12");
    REQUIRE(d.trends.size() == 2);
    CHECK(line(d, "党课").form_id == "indtest.activity");
    CHECK(line(d, "党课").counts == months({{1, 1}, {3, 2}, {4, 1}, {12, 1}}));
    CHECK(line(d, "会议").counts == months({{2, 1}, {7, 1}}));
    // 甲局's own: 乙局's three 党课 are not its.
    auto unit = c.svc->dashboard(c.as("unit1"), 2020, "D1");
    CHECK(line(unit, "党课").counts == months({{1, 1}, {4, 1}}));
    CHECK(line(unit, "会议").counts == months({{2, 1}, {7, 1}}));
    // A record taken back (a draft again) no longer counts.
    auto id = c.activity("D1-B1", "2020-09", "党课", 3, {});
    CHECK(line(c.svc->dashboard(c.as("unit1"), 2020, "D1"), "党课").counts[8] == 1);
    c.svc->withdraw(c.as("admin"), id);
    CHECK(line(c.svc->dashboard(c.as("unit1"), 2020, "D1"), "党课").counts[8] == 0);
}

TEST_CASE("dashboard: 述职评议 results by the form's own rule and scale, unrated reports apart", "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    c.svc->create_user(admin, NewUser{"reviewer2", "评议人二", Role::Reviewer, "GW"});
    auto d1 = c.file("report", "D1", "2020", R"({"summary":"全年抓党建工作情况"})", "unit1");
    c.file("report", "D2", "2020", R"({"summary":"全年抓党建工作情况"})");
    c.svc->evaluate(c.as("reviewer"), d1, "好", "", {});
    c.svc->evaluate(c.as("reviewer2"), d1, "一般", "", {});  // (4 + 2) / 2 = 3 → 较好
    auto d = c.svc->dashboard(admin, 2020, "GW");
    const DashboardRatings* report = nullptr;
    for (const auto& r : d.ratings)
        if (r.form_id == "indtest.report") report = &r;
    REQUIRE(report);
    CHECK(report->labels == std::vector<std::string>{"好", "较好", "一般", "差"});
    CHECK(report->counts == std::vector<std::size_t>{0, 1, 0, 0});
    CHECK(report->unrated == 1);
    CHECK(c.svc->evaluation(admin, d1).result == "较好");  // what the 述职评议 screen shows
    // 甲局 sees its own report only.
    for (const auto& r : c.svc->dashboard(c.as("unit1"), 2020, "D1").ratings)
        if (r.form_id == "indtest.report") {
            CHECK(r.counts == std::vector<std::size_t>{0, 1, 0, 0});
            CHECK(r.unrated == 0);
        }
}

TEST_CASE("dashboard: scores by area against the county's exact averages, for the admin and a department",
          "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    auto d1 = c.file("report", "D1", "2020", R"({"summary":"全年抓党建工作情况"})", "unit1");
    c.svc->evaluate(c.as("reviewer"), d1, "好", "", {});
    auto assessed = c.svc->assess(admin, 2020, "XW");
    REQUIRE(assessed.rows.size() == 2);
    auto d = c.svc->dashboard(admin, 2020, "GW");
    CHECK(d.scheme_title == "测试年度考核");
    REQUIRE(d.areas.size() == 2);
    CHECK(d.areas[0].label == "日常工作");
    CHECK(d.areas[1].label == "述职评议");
    CHECK(d.county_departments == 2);
    for (std::size_t a = 0; a < d.areas.size(); ++a) {
        double sum = 0;
        for (const auto& row : assessed.rows) sum += row.areas[a].earned;
        CHECK(d.areas[a].average == Approx(sum / 2).epsilon(1e-12));
        CHECK(d.areas[a].weight == Approx(assessed.rows[0].areas[a].weight));
    }
    CHECK(d.county_average_score == Approx((assessed.rows[0].score + assessed.rows[1].score) / 2).epsilon(1e-12));
    REQUIRE(d.departments.size() == 2);
    for (const auto& dep : d.departments)
        for (const auto& row : assessed.rows)
            if (row.org_code == dep.org_code) {
                CHECK(dep.score == Approx(row.score));
                CHECK(dep.rating == row.rating);
                for (std::size_t a = 0; a < d.areas.size(); ++a) CHECK(dep.earned[a] == Approx(row.areas[a].earned));
            }
    CHECK(d.departments[0].org_code == assessed.rows[0].org_code);  // ranked as the assessment ranks

    // 甲局's admin: its own row, the same county averages (the one figure from beyond its scope).
    auto unit = c.svc->dashboard(c.as("unit1"), 2020, "D1");
    REQUIRE(unit.departments.size() == 1);
    CHECK(unit.departments[0].org_code == "D1");
    CHECK(unit.county_average_score == Approx(d.county_average_score).epsilon(1e-12));
    for (std::size_t a = 0; a < d.areas.size(); ++a) CHECK(unit.areas[a].average == Approx(d.areas[a].average).epsilon(1e-12));
}

TEST_CASE("dashboard: the wire carries every figure unchanged", "[dashboard]") {
    IndicatorCounty c;
    c.fill_2020();
    auto d = c.svc->dashboard(c.as("admin"), 2020, "GW");
    json j;
    to_json(j, d);
    Dashboard back;
    from_json(j, back);
    json again;
    to_json(again, back);
    CHECK(j == again);
    CHECK(j["trends"].size() == 2);
    CHECK(j["completion"][0]["unit_code"] == "D1");
}

TEST_CASE("forms: trends must name a select field of a monthly form and its options", "[dashboard][forms]") {
    auto parse = [](const std::string& extra, const char* period = "month") {
        json t = json::parse(R"({"title":"记录","period":")" + std::string(period) +
                             R"(","fields":[{"id":"kind","type":"select","label":"类型","options":["甲","乙"]},
                                 {"id":"note","type":"text","label":"说明"}]})");
        t["trends"] = json::parse(extra);
        return forms::parse_form("p", "1.0", "rec", t);
    };
    auto ok = parse(R"([{"label":"甲类","field":"kind","values":["甲"]}])");
    REQUIRE(ok.trends.size() == 1);
    CHECK(ok.trends[0].values == std::vector<std::string>{"甲"});
    CHECK(forms::form_to_json(ok)["trends"][0]["label"] == "甲类");
    CHECK_THROWS_WITH(parse(R"([{"label":"甲类","field":"note","values":["甲"]}])"), Catch::Contains("单选字段"));
    CHECK_THROWS_WITH(parse(R"([{"label":"甲类","field":"kind","values":["丙"]}])"), Catch::Contains("「丙」不是字段「类型」的选项"));
    CHECK_THROWS_WITH(parse(R"([{"label":"甲类","field":"kind","values":["甲"]}])", "year"), Catch::Contains("按月报送"));
    CHECK_THROWS_WITH(parse(R"([{"field":"kind","values":["甲"]}])"), Catch::Contains("label"));
    CHECK_THROWS_WITH(parse(R"([{"label":"甲类","field":"kind","values":["甲"],"colour":"red"}])"), Catch::Contains("colour"));
}

TEST_CASE("cli: dashboard prints the service's figures as tables and as JSON", "[dashboard][cli]") {
    test::TempDir dir;
    const std::string db = dir.file("demo.db");
    test::make_demo(db);
    auto r = test::run_cli("dashboard --year 2020 --json --db " + db);
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    auto svc = LocalService::open(db);
    Dashboard expected = svc->dashboard(svc->actor(), 2020, svc->actor().org_code);
    json e;
    to_json(e, expected);
    CHECK(j == e);
    // The demo county's 三会一课 and 主题党日 lines come from the orglife plugin's declaration.
    std::set<std::string> labels;
    for (const auto& t : expected.trends) labels.insert(t.label);
    CHECK(labels.count("三会一课"));
    CHECK(labels.count("主题党日"));
    std::size_t meetings = 0;
    for (const auto& t : expected.trends)
        for (auto n : t.counts) meetings += n;
    CHECK(meetings > 0);
    CHECK(expected.completion.size() == 120);
    CHECK_FALSE(expected.areas.empty());

    auto text = test::run_cli("dashboard --year 2020 --unit D0001 --as d0001_admin --db " + db);
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("# 报送完成率（按党支部）"));
    CHECK_THAT(text.out, Catch::Contains("月份,三会一课,主题党日"));
    CHECK_THAT(text.out, Catch::Contains("全县平均（120 个部门）"));
    auto unit = svc->dashboard(svc->actor("d0001_admin"), 2020, "D0001");
    for (const auto& b : unit.completion) CHECK_THAT(text.out, Catch::Contains(b.unit_name + "," + b.unit_code + ","));
    auto denied = test::run_cli("dashboard --year 2020 --unit D0002 --as d0001_admin --db " + db);
    CHECK(denied.exit_code == 2);
}

TEST_CASE("dashboard: the completion bars read the subtree once, not once per form", "[dashboard][scale]") {
    // At city scale the subtree holds 10⁴ nodes and was read again for each of 40 forms.
    IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    c.svc->dashboard(admin, 2020, "GW");  // the assessment's indicators computed and cached first
    std::size_t forms = 0;  // the forms the bars sum (each has something expected in the year)
    std::set<std::string> ids;
    for (const char* unit : {"GW", "D1", "D1-B1"})
        for (const auto& f : c.svc->list_forms(admin, unit)) ids.insert(f.id);
    for (const auto& id : ids) {
        std::size_t expected = 0;
        for (const auto& r : c.svc->completeness(admin, id, "2020", "GW")) expected += r.expected;
        if (expected > 0) ++forms;
    }
    REQUIRE(forms >= 2);
    test::StatementCounter subtree_reads(c.svc->connection(), "JOIN t ON v.parent_id = t.id WHERE v.valid_from");  // org_tree::subtree
    auto d = c.svc->dashboard(admin, 2020, "GW");
    REQUIRE(d.completion.size() == 2);
    // completion reads it once; the trends and ratings ask per form and field, by SQL of their own.
    const auto reads = subtree_reads.take();
    INFO(reads << " subtree reads for " << forms << " forms");
    CHECK(reads < forms);
}
