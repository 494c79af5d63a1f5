// A scheme's own rating scale and the member flags plugins declare (tests/ratings_fixture:
// 优秀 / 合格 / 基本合格 / 不合格): the host holds no labels of its own, so 述职评议 votes, the
// result, rating fields, the assessment and the rectification generated from a low rating
// all speak the scheme's scale, through the service and the CLI.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "lua/plugin_manifest.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

struct ScaleCounty : test::SmallCounty {
    ScaleCounty() {
        svc->set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/ratings_fixture"});
        svc->set_plugin(as("admin"), PluginSetting{"ratetest", "GW", true, "{}", false});
        svc->create_user(as("admin"), NewUser{"reviewer2", "评议人二", Role::Reviewer, "GW"});
        svc->set_today(Date::from_ymd(2020, 12, 31));
    }
    SubmissionInfo report(const std::string& unit, const std::string& login, json values) {
        SubmitRequest r;
        r.form_id = "ratetest.report";
        r.unit_code = unit;
        r.period = "2020";
        r.values_json = values.dump();
        return svc->submit(as(login), r);
    }
};

std::string issues_text(const ValidationFailed& e) {
    std::string all;
    for (const auto& i : e.issues()) all += i.field + ": " + i.message + "\n";
    return all;
}

}  // namespace

TEST_CASE("a scheme's own rating scale: rating fields, 述职评议 votes and the average speak it", "[assessment][ratings]") {
    ScaleCounty c;
    // The form's rating field offers the scheme's labels, not 好/较好/一般/差.
    try {
        c.report("D1", "unit1", {{"summary", "全年工作情况"}, {"self", "好"}});
        FAIL("a rating off the scheme's scale was accepted");
    } catch (const ValidationFailed& e) {
        CHECK_THAT(issues_text(e), Catch::Contains("应为 优秀、合格、基本合格、不合格 之一"));
    }
    auto d1 = c.report("D1", "unit1", {{"summary", "全年工作情况"}, {"self", "合格"}});

    CHECK_THROWS_WITH(c.svc->evaluate(c.as("reviewer"), d1.id, "好", "", {}),
                      Catch::Contains("评议等次应为 优秀、合格、基本合格 或 不合格，而不是「好」"));
    c.svc->evaluate(c.as("reviewer"), d1.id, "优秀", "", {});
    auto info = c.svc->evaluate(c.as("reviewer2"), d1.id, "合格", "", {});
    CHECK(info.ratings == std::vector<std::string>{"优秀", "合格", "基本合格", "不合格"});
    CHECK(info.tally == std::map<std::string, int>{{"优秀", 1}, {"合格", 1}, {"基本合格", 0}, {"不合格", 0}});
    REQUIRE(info.result);
    CHECK(*info.result == "合格");  // (4 + 3) / 2 = 3.5, rounded half down

    // The CLI shows the same scale.
    c.svc.reset();
    auto cli = test::run_cli("evaluate --db " + c.db_path + " --plugins-dir " + std::string(DJ_TESTS_DIR) +
                             "/ratings_fixture --submission " + std::to_string(d1.id));
    INFO(cli.err);
    REQUIRE(cli.exit_code == 0);
    CHECK_THAT(cli.out, Catch::Contains("述职评议：合格（2 票：优秀 1、合格 1、基本合格 0、不合格 0）"));
}

TEST_CASE("a scheme's own rating scale flows through assessment into rectification", "[assessment][ratings]") {
    ScaleCounty c;
    auto admin = c.as("admin");
    auto d1 = c.report("D1", "unit1", {{"summary", "全年工作情况"}});
    auto d2 = c.report("D2", "admin", {{"summary", "全年工作情况"}});
    c.svc->evaluate(c.as("reviewer"), d1.id, "合格", "", {});
    c.svc->evaluate(c.as("reviewer"), d2.id, "不合格", "", {"组织生活不规范"});

    // 合格 earns 0.8 of the only item, 不合格 0.3: 80 → 合格 (≥ 70), 30 → 不合格.
    auto result = c.svc->assess(admin, 2020, "GW");
    REQUIRE(result.rows.size() == 2);
    std::map<std::string, std::pair<double, std::string>> got;
    for (const auto& r : result.rows) got[r.org_code] = {r.score, r.rating};
    CHECK(got["D1"].first == Approx(80));
    CHECK(got["D1"].second == "合格");
    CHECK(got["D2"].first == Approx(30));
    CHECK(got["D2"].second == "不合格");

    // The lower half of the scale (基本合格, 不合格) calls for a plan: D2 only.
    auto created = c.svc->generate_rectifications(admin, 2020, "GW");
    std::vector<std::string> rated;
    for (const auto& r : created)
        if (r.source == "rating") rated.push_back(r.org_code + " " + r.title);
    CHECK(rated == std::vector<std::string>{"D2 2020年度党建考核等次为「不合格」"});
}

TEST_CASE("a scheme that scores 述职评议 gives every rating its points, and names only its own ratings",
          "[assessment][ratings]") {
    test::TempDir dir;
    auto make = [&](const std::string& name, const std::string& scheme) {
        auto root = dir.path() / name / "badscale";
        std::filesystem::create_directories(root / "forms");
        test::write_text_file((root / "plugin.lua").string(),
                              "return { id = \"badscale\", name = \"坏等次\", version = \"1.0.0\", api = 1,\n"
                              "  forms = { \"forms/report.lua\" }, assessment = { \"assessment.lua\" } }\n");
        test::write_text_file((root / "forms/report.lua").string(),
                              "form \"report\" { title = \"述职\", scope = \"department\", period = \"year\",\n"
                              "  evaluation = { rule = \"average\" }, fields = { { id = \"s\", type = \"text\", label = \"内容\" } } }\n");
        test::write_text_file((root / "assessment.lua").string(), scheme);
        return test::run_cli("plugins check " + root.string());
    };
    auto missing = make("missing", "assessment \"a\" { title = \"考核\", ratings = { { \"优\", 90 }, { \"差\", 0 } },\n"
                                   "  rating_points = { [\"优\"] = 1 },\n"
                                   "  areas = { { id = \"r\", label = \"述职\", items = { { evaluation = \"report\" } } } } }\n");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.out + missing.err, Catch::Contains("rating_points 缺少等次「差」"));
    auto stray = make("stray", "assessment \"a\" { title = \"考核\", ratings = { { \"优\", 90 }, { \"差\", 0 } },\n"
                               "  rating_points = { [\"优\"] = 1, [\"差\"] = 0.5, [\"好\"] = 0.8 },\n"
                               "  rectify_ratings = { \"一般\" },\n"
                               "  areas = { { id = \"r\", label = \"述职\", items = { { evaluation = \"report\" } } } } }\n");
    CHECK(stray.exit_code == 2);
    CHECK_THAT(stray.out + stray.err, Catch::Contains("rating_points 的等次「好」不在 ratings 中"));
    CHECK_THAT(stray.out + stray.err, Catch::Contains("rectify_ratings 的每一项应为 ratings 中的等次"));
}

TEST_CASE("member flags come from the plugins that declare them", "[members][ratings]") {
    ScaleCounty c;
    auto flags = c.svc->member_flags(c.as("admin"));
    auto find = [&](const std::string& name) -> const MemberFlagInfo* {
        for (const auto& f : flags)
            if (f.name == name) return &f;
        return nullptr;
    };
    // Bundled plugins declare the flags their rules read; a county's plugin adds its own.
    for (const char* name : {"生活困难", "老党员", "党务干部", "领导干部", "流动党员", "帮扶责任人"}) {
        INFO(name);
        CHECK(find(name));
    }
    REQUIRE(find("帮扶责任人"));
    CHECK(find("帮扶责任人")->help == "承担联系帮扶任务的党员");
    CHECK(find("帮扶责任人")->plugins == std::vector<std::string>{"ratetest"});
    REQUIRE(find("生活困难"));
    CHECK(find("生活困难")->plugins == std::vector<std::string>{"care", "ratetest"});  // declared twice, listed once

    // A malformed declaration is reported against the manifest.
    auto bad = lua::check_manifest(json{{"id", "x"}, {"name", "甲"}, {"version", "1.0.0"}, {"api", 1},
                                        {"member_flags", json::array({"生活困难", "生活困难", 3})}},
                                   "return {}");
    CHECK_THAT(bad.refusal, Catch::Contains("member_flags 中的标记「生活困难」重复"));
    bool typed = false;
    for (const auto& p : bad.problems) typed = typed || p.message.find("member_flags 的每一项应为标记文字") != std::string::npos;
    CHECK(typed);
}
