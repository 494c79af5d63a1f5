// The indicator, assessment, 述职评议 and 整改 screens of the desktop GUI on the indicator
// test county (tests/indicator_county.hpp: hand-checked values, a report with two votes,
// rectification items of two years), rendered for real under a private Xvfb: no missing
// glyph, a picture that is not blank, and — through the automation log — the very numbers
// the service gives for the same questions. The end-to-end cases drive the window with
// xdotool: a unit records progress on an item (the service's refusals shown in Chinese
// next to the button), a reviewer rates a report, an administrator exports the 汇总表 and
// generates rectification items.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "indicator_county.hpp"

using namespace dj;
using namespace dj::test::gui;

namespace {

bool smoke_possible(VirtualDisplay& display) {
    if (!gui_built()) {
        WARN("dangjian was built without the GUI (DJ_BUILD_GUI=OFF): GUI tests skipped");
        return false;
    }
    if (!have_program("Xvfb")) {
        WARN("Xvfb is not installed (apt-get install xvfb): GUI tests skipped");
        return false;
    }
    REQUIRE(display.ok());
    return true;
}

// The indicator county with a year of records, a 述职 report of 甲局 rated by two reviewers,
// a rectification item of 2019 (last year, for the report's panel) and the database pinned
// to 2020-12-31 so the GUI's today is the end of the assessed year.
struct AssessCounty : test::IndicatorCounty {
    std::int64_t report = 0;
    std::int64_t last_year_item = 0;
    std::int64_t overdue_item = 0;
    AssessCounty() {
        fill_2020();
        auto admin = as("admin");
        svc->create_user(admin, NewUser{"reviewer2", "评议人二", Role::Reviewer, "GW"});
        report = file("report", "D1", "2020", R"({"summary":"全年抓党建工作情况：三会一课按时开展，台账基本齐全。"})", "unit1");
        svc->evaluate(as("reviewer"), report, "好", "抓得实", {"党员活动室使用率不高"});
        svc->evaluate(as("reviewer2"), report, "较好", "", {});
        last_year_item = svc->add_rectification(admin, NewRectification{"D1", 2019, "inspection", "", "组织生活记录不完整", "",
                                                                        "", Date::from_ymd(2020, 6, 30)})
                             .id;
        for (const auto& r : svc->rectifications(admin, RectificationFilter{"D1", 2020, std::nullopt, false}))
            if (r.title == "支部台账不全") overdue_item = r.id;
        svc->connection().prepare("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('as_of', '2020-12-31')").run();
        svc->set_today(Date::from_ymd(2020, 12, 31));
        svc->set_plugin_folders(admin, {std::string(DJ_TESTS_DIR) + "/indicators_fixture"});
    }
    // --plugins-dir is the administrator's alone (issue 14): the leader, unit and reviewer
    // windows find the fixture plugins because the database names their folder.
    std::string plugins() const { return ""; }
};

}  // namespace

TEST_CASE("gui: the indicator, assessment, 述职评议 and 整改 screens render with no missing glyph", "[gui][assess]") {
    VirtualDisplay display;
    if (!smoke_possible(display)) return;
    AssessCounty c;
    auto admin = c.as("admin");
    REQUIRE(c.overdue_item != 0);

    // What the service says, to hold the screens to.
    const auto values = c.svc->indicator_values(admin, IndicatorQuery{"2020", "GW", std::nullopt, true});
    const auto defs = c.svc->list_indicators(admin, "GW");
    const auto result = c.svc->assess(admin, 2020, "GW");
    REQUIRE(result.rows.size() == 2);
    const auto items = c.svc->rectifications(admin, RectificationFilter{"GW", std::nullopt, std::nullopt, false});
    const auto reminders = c.svc->reminders(admin, Date::from_ymd(2020, 12, 31), "D1");
    const auto own = c.svc->indicator_values(admin, IndicatorQuery{"2020", "D1", std::nullopt, false});
    const auto evaluation = c.svc->evaluation(admin, c.report);
    REQUIRE(evaluation.result == "较好");
    REQUIRE(evaluation.previous_rectifications.size() == 1);
    std::size_t overdue = 0;
    for (const auto& r : reminders) overdue += r.level == "overdue";
    REQUIRE(overdue >= 1);  // 甲局's item past its deadline

    struct Shot {
        const char* name;
        std::string args;
        std::vector<std::string> logged;  // lines the automation log must hold
    };
    const std::string report = std::to_string(c.report);
    const Shot shots[] = {
        {"indicators", "--screen indicators --node GW --period 2020",
         {"indicators_loaded " + std::to_string(values.size()) + " " + std::to_string(defs.size()) + "\n"}},
        {"assess", "--screen assess --node GW --period 2020",
         {"assessment_rows 2 2020\n", "assessment_selected " + result.rows.front().org_code + "\n", "rect assess.export.go "}},
        {"rectify", "--screen rectify --node GW", {"rectifications_loaded " + std::to_string(items.size()) + "\n"}},
        {"evaluate", "--screen evaluate --node GW --period 2020",
         {"reports_loaded 1\n", "evaluation_loaded " + report + " 2 较好\n", "rect eval.submit "}},
        {"report_form", "--screen form --form indtest.report --node D1 --period 2020",
         {"form_open indtest.report D1 2020 " + report + "\n", "evaluation_loaded " + report + " 2 较好\n"}},
        {"home", "--screen home --node D1",
         {"home_reminders " + std::to_string(reminders.size()) + " " + std::to_string(overdue) + " ",
          "home_indicators " + std::to_string(own.size()) + "\n"}},
    };
    for (const auto& shot : shots) {
        DYNAMIC_SECTION("screen " << shot.name) {
            auto png = c.dir.file(std::string(shot.name) + ".png");
            auto log = c.dir.file(std::string(shot.name) + ".log");
            auto r = run_dangjian(display.name(),
                                  "gui --db " + c.db_path + c.plugins() + " " + shot.args + " --screenshot " + png +
                                      " --width 1100 --height 700 --automation-log " + log,
                                  c.dir.path().string());
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
            CHECK(stat_value(r.out, "missing_glyphs") == "0");
            CHECK(stat_value(r.out, "timed_out") == "0");
            auto size = png_size(png);
            REQUIRE(size);
            CHECK(size->first == 1100);
            CHECK(size->second == 700);
            long colours = png_colours(png, c.dir.path().string());
            if (colours < 0)
                WARN("ImageMagick is not installed: the colour count of " << png << " was not checked");
            else
                CHECK(colours > 100);
            auto text = slurp(log);
            INFO(text);
            for (const auto& line : shot.logged) CHECK_THAT(text, Catch::Contains(line));
            CHECK_THAT(text, !Catch::Contains("denied"));
            CHECK_THAT(text, !Catch::Contains("failure"));
        }
    }
}

TEST_CASE("gui: a leader sees the ranking but is offered no 生成整改事项", "[gui][assess]") {
    VirtualDisplay display;
    if (!smoke_possible(display)) return;
    AssessCounty c;
    auto log = c.dir.file("leader.log");
    auto r = run_dangjian(display.name(),
                          "gui --db " + c.db_path + c.plugins() + " --as leader --screen assess --node GW --period 2020" +
                              " --screenshot " + c.dir.file("leader.png") + " --automation-log " + log,
                          c.dir.path().string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(stat_value(r.out, "missing_glyphs") == "0");
    auto text = slurp(log);
    CHECK_THAT(text, Catch::Contains("assessment_rows 2 2020\n"));
    CHECK_THAT(text, Catch::Contains("rect assess.export.go "));
    CHECK_THAT(text, !Catch::Contains("rect assess.generate "));
}

TEST_CASE("gui e2e: a unit records rectification progress and the service's refusals show next to 保存", "[gui][e2e][assess]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    AssessCounty c;
    const std::string id = std::to_string(c.overdue_item);
    GuiSession gui(display.name(), "gui --db " + c.db_path + c.plugins() + " --as unit1 --screen rectify --width 1280 --height 800",
                   c.dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("rectifications_loaded "));
    REQUIRE(gui.click("rectify.row." + id));
    REQUIRE(log.wait_for("rectification_selected " + id));

    // 已完成 with nothing said about what was done: the service refuses, in Chinese.
    REQUIRE(gui.click("rectify.status"));
    REQUIRE(gui.click("rectify.status.opt.done"));
    auto mark = log.mark();
    REQUIRE(gui.click("rectify.save"));
    auto refused = log.wait_for("rectification_failed ", mark);
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("须写明整改措施"));

    // With what was done, it is stored.
    REQUIRE(gui.click("rectify.evidence"));
    REQUIRE(log.wait_for("focus rectify.evidence"));
    REQUIRE(gui.type_checked("rectify.evidence", "已补齐台账"));
    mark = log.mark();
    REQUIRE(gui.click("rectify.save"));
    auto saved = log.wait_for("rectification_updated ", mark);
    REQUIRE(saved);
    CHECK(*saved == "rectification_updated " + id + " done");

    // 销号 by the unit itself is the level above's to decide: refused as an access matter.
    REQUIRE(log.wait_for("rectifications_loaded ", mark));
    REQUIRE(gui.click("rectify.status"));
    REQUIRE(gui.click("rectify.status.opt.verified"));
    mark = log.mark();
    REQUIRE(gui.click("rectify.save"));
    auto denied = log.wait_for("denied ", mark);
    REQUIRE(denied);
    CHECK_THAT(*denied, Catch::Contains("上级审核"));
    CHECK(gui.quit() == 0);
    CHECK_THAT(gui.output(), Catch::Contains("missing_glyphs=0"));

    auto item = c.svc->rectifications(c.as("admin"), RectificationFilter{"D1", 2020, std::nullopt, false});
    bool found = false;
    for (const auto& r : item)
        if (r.id == c.overdue_item) {
            found = true;
            CHECK(r.status == "done");
            CHECK_THAT(r.evidence, Catch::Contains("已补齐台账"));
        }
    CHECK(found);
}

TEST_CASE("gui e2e: a reviewer rates a report and an administrator exports the 汇总表 and generates items",
          "[gui][e2e][assess]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    AssessCounty c;
    auto admin = c.as("admin");
    c.svc->create_user(admin, NewUser{"reviewer3", "评议人三", Role::Reviewer, "GW"});
    const std::string report = std::to_string(c.report);

    SECTION("述职评议: 一般 from a third reviewer moves the result") {
        GuiSession gui(display.name(),
                       "gui --db " + c.db_path + c.plugins() + " --as reviewer3 --screen evaluate --period 2020 --width 1280 --height 800",
                       c.dir.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("reports_loaded 1"));
        REQUIRE(gui.click("evaluate.row." + report));
        REQUIRE(log.wait_for("evaluation_loaded " + report + " 2 较好"));
        REQUIRE(gui.click("eval.rating.2"));  // 一般
        auto mark = log.mark();
        REQUIRE(gui.click("eval.submit"));
        auto done = log.wait_for("evaluated ", mark);
        REQUIRE(done);
        // 好 4 + 较好 3 + 一般 2 = 9 / 3 = 3 → 较好
        CHECK(*done == "evaluated " + report + " 一般 较好");
        REQUIRE(log.wait_for("evaluation_loaded " + report + " 3 较好", mark));
        CHECK(gui.quit() == 0);
        auto e = c.svc->evaluation(admin, c.report);
        CHECK(e.votes.size() == 3);
        CHECK(e.tally["一般"] == 1);
    }

    SECTION("考核: 导出汇总表 writes the .xlsx, 生成整改事项 registers what failed") {
        const auto before = c.svc->rectifications(admin, RectificationFilter{"GW", 2020, std::nullopt, false}).size();
        GuiSession gui(display.name(),
                       "gui --db " + c.db_path + c.plugins() + " --screen assess --node GW --period 2020 --width 1280 --height 800",
                       c.dir.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("assessment_rows 2 2020"));
        // The default path is under $HOME: type one in the test's folder instead.
        const std::string out = c.dir.file("summary.xlsx");
        gui.export_to("assess.export", out);
        CHECK(slurp(out).substr(0, 2) == "PK");  // a zip: the .xlsx container

        auto mark = log.mark();
        REQUIRE(gui.click("assess.generate"));
        auto generated = log.wait_for("rectifications_generated ", mark);
        REQUIRE(generated);
        CHECK(gui.quit() == 0);
        const auto after = c.svc->rectifications(admin, RectificationFilter{"GW", 2020, std::nullopt, false}).size();
        CHECK(*generated == "rectifications_generated " + std::to_string(after - before));
        CHECK(after > before);
    }
}
