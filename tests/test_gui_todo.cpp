// 待办 end to end through the real window (Xvfb + xdotool, see gui/gui_harness.hpp), as the
// people of issue 16 use it: a branch secretary files three visit records; the department's
// administrator sees the count on the home screen, opens 待办, approves two at once and opens
// the third in one click; the secretary takes the third back (撤回) before anyone acted on it;
// the administrator's audit log reads it in Chinese, with names and local minutes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;
using nlohmann::json;

namespace {

// The record's state and step, by the CLI.
std::pair<std::string, int> state_of(const std::string& db, const std::string& plugins, long id) {
    // As the secretary who filed it: a withdrawn record is a draft again, which only its unit sees.
    auto r = dj::test::run_cli("form view " + std::to_string(id) + " --json --db " + db + plugins + " --as d0001_b01");
    REQUIRE(r.exit_code == 0);
    auto j = json::parse(r.out);
    return {j["state"].get<std::string>(), j["step"].get<int>()};
}

}  // namespace

TEST_CASE("gui e2e: 待办 — count on the home screen, 批量审核, open in one click, 撤回, the audit log in Chinese",
          "[gui][e2e][todo]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    // The fixture folder is the database's own: --plugins-dir is only for a 工委管理员.
    const std::string plugins;
    dj::test::make_demo(db);  // pinned to 2020-12-20
    const std::string member = dj::test::use_forms_fixture(db);
    // Three visits filed by the branch's secretary (the fixture's chain: 部门, then 机关工委).
    std::vector<long> ids;
    for (int day : {3, 8, 15}) {
        auto data = dir.file("visit" + std::to_string(day) + ".json");
        dj::test::write_text_file(data, json({{"member", std::stol(member)}, {"occasion", "日常"},
                                              {"date", "2020-12-" + std::string(day < 10 ? "0" : "") + std::to_string(day)},
                                              {"amount", 100 + day}})
                                            .dump());
        auto r = dj::test::run_cli("form submit formtest.visit --unit D0001-B01 --period 2020-12 --json --as d0001_b01 --data " +
                                   data + " --db " + db + plugins);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        ids.push_back(json::parse(r.out)["id"].get<long>());
    }
    // What waits for the department's administrator, by the service.
    auto cli = dj::test::run_cli("todo --json --as d0001_admin --db " + db + plugins);
    REQUIRE(cli.exit_code == 0);
    const auto todo = json::parse(cli.out);
    const std::size_t waiting = todo["to_approve"].size();
    std::set<long> listed;
    for (const auto& s : todo["to_approve"]) listed.insert(s["id"].get<long>());
    for (long id : ids) CHECK(listed.count(id) == 1);

    {
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + plugins + " --as d0001_admin --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        // The home screen starts the day with the count.
        auto count = log.wait_for("home_todo ");
        REQUIRE(count);
        CHECK_THAT(*count, Catch::StartsWith("home_todo " + std::to_string(waiting) + " "));
        auto mark = log.mark();
        REQUIRE(gui.click("home.todo.approve"));
        REQUIRE(log.wait_for("screen todo", mark));
        REQUIRE(log.wait_for("todo_loaded " + std::to_string(waiting) + " ", mark));

        // Tick two, approve both at once.
        REQUIRE(gui.click("todo.check." + std::to_string(ids[0])));
        REQUIRE(gui.click("todo.check." + std::to_string(ids[1])));
        mark = log.mark();
        REQUIRE(gui.click("todo.approve_selected"));
        auto batch = log.wait_for("batch_approved ", mark);
        REQUIRE(batch);
        CHECK(*batch == "batch_approved 2 0");
        REQUIRE(log.wait_for("todo_loaded " + std::to_string(waiting - 2) + " ", mark));

        // The third opens in the form renderer in one click.
        mark = log.mark();
        REQUIRE(gui.click("todo.open." + std::to_string(ids[2])));
        REQUIRE(log.wait_for("form_open formtest.visit D0001-B01 2020-12 " + std::to_string(ids[2]), mark));
        REQUIRE(log.wait_for("screen forms", mark));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    // Approved at the department's step: now the 机关工委's.
    CHECK(state_of(db, plugins, ids[0]) == std::make_pair(std::string("submitted"), 1));
    CHECK(state_of(db, plugins, ids[1]) == std::make_pair(std::string("submitted"), 1));
    CHECK(state_of(db, plugins, ids[2]) == std::make_pair(std::string("submitted"), 0));

    {
        // The secretary withdraws the third, which no one acted on; the approved ones are not offered.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + plugins + " --as d0001_b01 --screen todo --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        REQUIRE(log.wait_for("todo_loaded "));
        CHECK_FALSE(log.rect("todo.withdraw." + std::to_string(ids[0]), 0));
        auto mark = log.mark();
        REQUIRE(gui.click("todo.withdraw." + std::to_string(ids[2])));
        auto done = log.wait_for("withdrawn ", mark);
        REQUIRE(done);
        CHECK(*done == "withdrawn " + std::to_string(ids[2]) + " draft");
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    CHECK(state_of(db, plugins, ids[2]).first == "draft");

    // The administrator's audit log: the action in Chinese, the secretary's name, local time to
    // the minute, and the change as a list of fields.
    std::string secretary;
    {
        auto users = dj::test::run_cli("users list --json --db " + db);
        REQUIRE(users.exit_code == 0);
        for (const auto& u : json::parse(users.out))
            if (u["login"] == "d0001_b01") secretary = u["display_name"].get<std::string>();
    }
    REQUIRE(!secretary.empty());
    auto log_path = dir.file("audit.log");
    auto r = run_dangjian(display.name(),
                          "gui --db " + db + plugins + " --screen audit --width 1280 --height 800 --screenshot " +
                              dir.file("audit.png") + " --automation-log " + log_path,
                          dir.path().string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(stat_value(r.out, "missing_glyphs") == "0");
    const std::string text = slurp(log_path);
    auto at = text.find("audit_row ");
    REQUIRE(at != std::string::npos);
    const std::string newest = text.substr(at, text.find('\n', at) - at);
    CHECK_THAT(newest, Catch::Contains("\t" + secretary + "\t撤回报送\t"));
    CHECK_THAT(newest, Catch::Contains("状态：已报送 → 草稿"));
    CHECK(std::regex_search(newest, std::regex("^audit_row [0-9]+\t[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\t")));
    CHECK_THAT(text, !Catch::Contains("submission.withdraw"));
}

TEST_CASE("gui e2e: reminders come grouped by kind and organisation and open their form, and 报送情况 shows only who has not filed",
          "[gui][e2e][home]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20

    // The service's reminders for a branch (a screenful of groups), and the groups they make.
    auto cli = dj::test::run_cli("reminders --unit D0001-B01 --json --db " + db);
    REQUIRE(cli.exit_code == 0);
    std::set<std::pair<std::string, std::string>> groups;
    json target;  // a form reminder to open: the newest one
    std::size_t rows = 0;
    for (const auto& r : json::parse(cli.out)) {
        ++rows;
        groups.insert({r["rule"].get<std::string>(), r["org"].get<std::string>()});
        if (r["form"].get<std::string>().empty()) continue;
        if (target.is_null() || r["due"].get<std::string>() > target["due"].get<std::string>()) target = r;
    }
    REQUIRE(rows > 0);
    REQUIRE(!target.is_null());

    GuiSession gui(display.name(), "gui --db " + db + " --screen home --node D0001-B01 --width 1280 --height 800",
                   dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    auto grouped = log.wait_for("home_reminder_groups ");
    REQUIRE(grouped);
    CHECK_THAT(*grouped, Catch::StartsWith("home_reminder_groups " + std::to_string(groups.size()) + " "));
    auto mark = log.mark();
    const std::string form = target["form"], org = target["org"], period = target["period"];
    REQUIRE(gui.click("home.reminder." + target["rule"].get<std::string>() + "." + org));
    REQUIRE(log.wait_for("form_open " + form + " " + org + " " + period + " new", mark));
    REQUIRE(log.wait_for("screen forms", mark));

    // 报送情况 of a closed month: 只看未报 keeps the organisations whose own report is missing.
    auto comp = dj::test::run_cli("completeness --db " + db + " --form orglife.dues --period 2020-10 --unit D0001 --json");
    REQUIRE(comp.exit_code == 0);
    std::size_t missing = 0;
    for (const auto& r : json::parse(comp.out))
        if (r["expected"].get<int>() > 0 && r["own_submitted"].get<int>() < r["own_expected"].get<int>()) ++missing;
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");

    dj::test::TempDir scratch;
    GuiSession gui2(display.name(),
                    "gui --db " + db + " --screen completeness --form orglife.dues --period 2020-10 --node D0001 --width 1280 "
                    "--height 800",
                    scratch.path().string());
    const auto& log2 = gui2.log();
    REQUIRE(log2.wait_for("idle"));
    REQUIRE(log2.wait_for("completeness_rows "));
    mark = log2.mark();
    REQUIRE(gui2.click("completeness.only_missing"));
    auto shown = log2.wait_for("completeness_missing ", mark);
    if (missing == 0) {
        CHECK_FALSE(shown);  // nothing listed: the screen says no one is missing
    } else {
        REQUIRE(shown);
        CHECK(*shown == "completeness_missing " + std::to_string(missing));
    }
    CHECK(gui2.quit() == 0);
}
