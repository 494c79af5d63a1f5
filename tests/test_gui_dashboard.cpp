// 统计图表 end to end through the real window (Xvfb + xdotool, see gui/gui_harness.hpp): the
// 工委 administrator and a department's administrator each open 统计图表 from the menu, and the
// numbers each chart draws (logged by the chart module) are those `dangjian dashboard --json`
// gives for the same person: completion by department or branch, the monthly lines the orglife
// plugin declares, the 述职评议 pies, a department's areas against the county average.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;
using nlohmann::json;

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

json dashboard_json(const std::string& db, const std::string& login, const std::string& unit) {
    auto r = dj::test::run_cli("dashboard --year 2020 --json --as " + login + " --unit " + unit + " --db " + db);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

// What the chart module logs for the completion bars, in the order they are drawn.
std::string completion_line(const json& d, bool by_rate) {
    std::vector<json> rows(d["completion"].begin(), d["completion"].end());
    if (by_rate)
        std::stable_sort(rows.begin(), rows.end(),
                         [](const json& a, const json& b) { return a["rate"].get<double>() < b["rate"].get<double>(); });
    std::string s = "chart completion ";
    for (const auto& c : rows) s += c["unit_name"].get<std::string>() + "=" + fixed(c["rate"].get<double>(), 1) + ";";
    return s;
}

std::string trends_line(const json& d) {
    std::string s = "chart trends ";
    for (const auto& t : d["trends"]) {
        s += t["label"].get<std::string>() + "=";
        bool first = true;
        for (const auto& n : t["counts"]) {
            s += (first ? "" : ",") + std::to_string(n.get<long>());
            first = false;
        }
        s += ";";
    }
    return s;
}

std::string pie_line(const json& r, std::size_t i) {
    std::string s = "chart ratings" + std::to_string(i) + " ";
    for (std::size_t k = 0; k < r["labels"].size(); ++k)
        s += r["labels"][k].get<std::string>() + "=" + std::to_string(r["counts"][k].get<long>()) + ";";
    return s;
}

std::string areas_line(const json& d, const json& dep) {
    std::string s = "chart areas ";
    for (std::size_t a = 0; a < d["areas"].size(); ++a)
        s += d["areas"][a]["label"].get<std::string>() + "=" + fixed(dep["earned"][a].get<double>(), 2) + "/" +
             fixed(d["areas"][a]["average"].get<double>(), 2) + ";";
    return s;
}

// The figures of every chart, checked against the CLI's answer for the same person.
void check_charts(const AutomationLog& log, const json& d, std::size_t from) {
    auto completion = log.wait_for("chart completion ", from, 60000);
    REQUIRE(completion);
    CHECK(*completion == completion_line(d, true));
    auto trends = log.wait_for("chart trends ", from);
    REQUIRE(trends);
    CHECK(*trends == trends_line(d));
    CHECK_THAT(*trends, Catch::Contains("三会一课=") && Catch::Contains("主题党日="));
    for (std::size_t i = 0; i < d["ratings"].size(); ++i) {
        auto pie = log.wait_for("chart ratings" + std::to_string(i) + " ", from);
        REQUIRE(pie);
        CHECK(*pie == pie_line(d["ratings"][i], i));
    }
    auto areas = log.wait_for("chart areas ", from);
    REQUIRE(areas);
    CHECK(*areas == areas_line(d, d["departments"][0]));
}

}  // namespace

TEST_CASE("gui e2e: 统计图表 — the 工委 administrator and a department's, the numbers each chart draws",
          "[gui][e2e][dashboard]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20: the dashboard opens on 2020

    const json county = dashboard_json(db, "gongwei", "GW");
    REQUIRE(county["completion"].size() == 120);
    REQUIRE(county["ratings"].size() >= 1);
    REQUIRE_FALSE(county["departments"].empty());
    {
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as gongwei --width 1400 --height 900", scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        auto nav = log.wait_for("nav ");
        REQUIRE(nav);
        CHECK_THAT(*nav, Catch::Contains("dashboard"));
        auto mark = log.mark();
        REQUIRE(gui.click("nav.dashboard"));
        REQUIRE(log.wait_for("screen dashboard", mark));
        auto loaded = log.wait_for("dashboard_loaded GW 2020 120 ", mark, 120000);
        REQUIRE(loaded);
        auto total = log.wait_for("dashboard_total ", mark);
        REQUIRE(total);
        CHECK(*total == "dashboard_total " + std::to_string(county["total"]["expected"].get<long>()) + " " +
                            std::to_string(county["total"]["submitted"].get<long>()) + " " +
                            fixed(county["total"]["rate"].get<double>(), 1));
        check_charts(log, county, mark);

        // Unsorted, the bars follow the tree, as the CLI lists them.
        mark = log.mark();
        REQUIRE(gui.click("dashboard.sort"));
        auto tree_order = log.wait_for("chart completion ", mark);
        REQUIRE(tree_order);
        CHECK(*tree_order == completion_line(county, false));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }

    // A department's administrator: its branches, its own areas against the same county averages.
    const json unit = dashboard_json(db, "d0001_admin", "D0001");
    REQUIRE(unit["bars_of"] == "branch");
    REQUIRE(unit["departments"].size() == 1);
    CHECK(unit["county_average_score"] == county["county_average_score"]);
    {
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as d0001_admin --width 1400 --height 900",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        auto mark = log.mark();
        REQUIRE(gui.click("nav.dashboard"));
        REQUIRE(log.wait_for("screen dashboard", mark));
        auto loaded = log.wait_for("dashboard_loaded D0001 2020 " + std::to_string(unit["completion"].size()) + " ", mark, 120000);
        REQUIRE(loaded);
        REQUIRE(log.wait_for("dashboard_department D0001", mark));
        check_charts(log, unit, mark);
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
}
