// The home screen's reminders are the service's, and only those: rendered for real under a
// private Xvfb, the list the screen shows (through the automation log) equals what
// `dangjian reminders --json` says for the same node and day, row for row — 换届, 政治生日,
// 光荣在党50年 and 预备期满 included, each from its plugin's rule and settings.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "gui/gui_harness.hpp"
#include "plugin_support.hpp"

using namespace dj;
using namespace dj::test::gui;

namespace {

// "rule\torg\tlevel\tdue\ttext" as the home screen logs each row.
std::string row(const std::string& rule, const std::string& org, const std::string& level, const std::string& due,
                const std::string& text) {
    return rule + "\t" + org + "\t" + level + "\t" + due + "\t" + text;
}

}  // namespace

TEST_CASE("gui: the home screen shows exactly the reminders `dangjian reminders` gives for the node and day", "[gui][home]") {
    VirtualDisplay display;
    if (!gui_built() || !have_program("Xvfb")) {
        WARN("no GUI build or no Xvfb: skipped");
        return;
    }
    REQUIRE(display.ok());
    // The small county with the plugins whose rules the screen used to compute itself: a
    // branch whose term ends within 90 days (review), a member who joined in November
    // (care: 政治生日), one 党龄 50 years past 七一 (care: 光荣在党50年), a 预备党员 whose
    // year ends in 11 days (orglife), and the month's gaps from the 20th (orglife).
    test::PluginCounty c({"orglife", "discipline", "venues", "care", "civility", "review"});
    OrgChange term;
    term.attrs.term_end = Date::from_ymd(2021, 12, 31);
    term.effective = Date::from_ymd(2010, 1, 1);
    c.svc->change_org(c.as("admin"), "D1-B1", term);
    c.member("赵六", "D1-B2", Date::from_ymd(2000, 11, 3), Date::from_ymd(2001, 11, 3));
    const Date day = Date::from_ymd(2021, 11, 20);
    c.svc->connection().prepare("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('as_of', '2021-11-20')").run();
    c.svc.reset();  // the GUI and the CLI open the file themselves

    auto cli = test::run_cli("reminders --db " + c.db_path + " --unit D1 --date " + day.iso() + " --json");
    INFO(cli.err);
    REQUIRE(cli.exit_code == 0);
    std::vector<std::string> expected;
    std::set<std::string> rules;
    for (const auto& r : nlohmann::json::parse(cli.out)) {
        expected.push_back(row(r["rule"], r["org"], r["level"], r["due"], r["text"]));
        rules.insert(r["rule"].get<std::string>());
    }
    // The county holds what the old screen-side lists showed, so the comparison is not of
    // two empty lists.
    for (const char* rule : {"review.term_expiry", "care.political_birthday", "care.medal_due", "orglife.probation_due"})
        CHECK(rules.count(rule) == 1);

    auto png = c.dir.file("home.png");
    auto log = c.dir.file("home.log");
    auto r = run_dangjian(display.name(),
                          "gui --db " + c.db_path + " --screen home --node D1 --screenshot " + png +
                              " --width 1100 --height 700 --automation-log " + log,
                          c.dir.path().string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(stat_value(r.out, "missing_glyphs") == "0");
    std::vector<std::string> shown;
    std::istringstream in(slurp(log));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("home_reminders ", 0) == 0) shown.clear();  // the rows of the list last loaded
        if (line.rfind("home_reminder ", 0) == 0) shown.push_back(line.substr(14));
    }
    CHECK(shown == expected);
}
