// 通知公告 and 催报 end to end through the real window (Xvfb + xdotool, gui/gui_harness.hpp),
// as issue 16 (items 7 and 9) has people use them: the 工委's administrator opens 报送情况,
// ticks 只看未报 and sends a 催报 to the units that have not filed; a branch that has not
// filed sees it first on its home screen and marks it read; the administrator sees it read.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;
using nlohmann::json;

namespace {

json cli_json(const std::string& args) {
    auto r = dj::test::run_cli(args);
    INFO(args << "\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

// The demo's account of a branch: its code in lower case, '-' as '_'.
std::string login_of(std::string code) {
    for (auto& c : code) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return code;
}

}  // namespace

TEST_CASE("gui e2e: 催报 from 报送情况 reaches the unfiled branch's home screen, marked read, seen read by the sender",
          "[gui][e2e][notices]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20
    const std::string member = dj::test::use_forms_fixture(db);
    // D0001-B01 files its December visit; the other branches have not.
    auto data = dir.file("visit.json");
    dj::test::write_text_file(data, json({{"member", std::stol(member)}, {"occasion", "日常"}, {"date", "2020-12-03"},
                                          {"amount", 100}}).dump());
    cli_json("form submit formtest.visit --unit D0001-B01 --period 2020-12 --json --as d0001_b01 --data " + data +
             " --db " + db);
    // Who the service says has not filed.
    auto draft = cli_json("notice remind formtest.visit --period 2020-12 --unit GW --dry-run --json --as gongwei --db " + db);
    std::set<std::string> unfiled;
    for (const auto& u : draft["units"]) unfiled.insert(u["unit_code"].get<std::string>());
    REQUIRE(unfiled.size() > 1);
    CHECK(unfiled.count("D0001-B01") == 0);
    REQUIRE(unfiled.count("D0001-B02") == 1);
    const std::string reader = login_of("D0001-B02");

    long notice = 0;
    {
        // The 工委's administrator: 报送情况 → 只看未报 → 催报 → 发送催报.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(),
                       "gui --db " + db + " --as gongwei --screen completeness --node GW --form formtest.visit --period 2020-12"
                       " --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        REQUIRE(log.wait_for("completeness_rows "));
        auto mark = log.mark();
        REQUIRE(gui.click("completeness.only_missing"));
        REQUIRE(log.wait_for("completeness_missing ", mark));
        mark = log.mark();
        REQUIRE(gui.click("completeness.remind"));
        auto drafted = log.wait_for("remind_draft ", mark);
        REQUIRE(drafted);
        CHECK(*drafted == "remind_draft " + std::to_string(unfiled.size()));
        REQUIRE(log.wait_for("screen notices", mark));
        mark = log.mark();
        REQUIRE(gui.click("notice.send"));
        auto sent = log.wait_for("notice_sent ", mark);
        REQUIRE(sent);
        std::smatch s;
        REQUIRE(std::regex_match(*sent, s, std::regex("notice_sent ([0-9]+) ([0-9]+)")));
        notice = std::stol(s[1]);
        CHECK(std::stoul(s[2]) == unfiled.size());
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    // Addressed to exactly the unfiled units, by the service.
    auto before = cli_json("notice receipts " + std::to_string(notice) + " --json --as gongwei --db " + db);
    std::set<std::string> addressed;
    for (const auto& u : before["units"]) addressed.insert(u["unit_code"].get<std::string>());
    CHECK(addressed == unfiled);
    CHECK(before["read_count"] == 0);
    // The branch that filed was not chased.
    CHECK(cli_json("notice list --unread --json --as d0001_b01 --db " + db).empty());

    {
        // The branch that has not filed: the 催报 first on its home screen; 标为已读.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as " + reader + " --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        auto home = log.wait_for("home_notices ");
        REQUIRE(home);
        CHECK(*home == "home_notices 1 " + std::to_string(notice));
        auto mark = log.mark();
        REQUIRE(gui.click("home.notice.read." + std::to_string(notice)));
        REQUIRE(log.wait_for("notice_read " + std::to_string(notice), mark));
        REQUIRE(log.wait_for("home_notices 0", mark));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    auto after = cli_json("notice show " + std::to_string(notice) + " --json --as " + reader + " --db " + db);
    CHECK(after["read"] == true);
    for (const auto& u : cli_json("notice receipts " + std::to_string(notice) + " --json --as gongwei --db " + db)["units"])
        if (u["unit_code"] == "D0001-B02") CHECK(u["read_by"] == reader);

    {
        // The administrator's 阅读情况: one unit read, the others not.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as gongwei --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        auto mark = log.mark();
        REQUIRE(gui.click("nav.notices"));
        REQUIRE(log.wait_for("notices_loaded ", mark));
        mark = log.mark();
        REQUIRE(gui.click("notices.sent"));
        REQUIRE(log.wait_for("notices_loaded ", mark));
        mark = log.mark();
        REQUIRE(gui.click("notices.row." + std::to_string(notice)));
        auto receipts = log.wait_for("receipts ", mark);
        if (!receipts)
            for (const auto& l : log.lines()) UNSCOPED_INFO(l);  // what the window did instead
        REQUIRE(receipts);
        CHECK(*receipts == "receipts " + std::to_string(notice) + " 1 " + std::to_string(unfiled.size() - 1));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
}

TEST_CASE("gui e2e: a notice's file is added in the file dialog, sent, and saved by a branch with 另存为…",
          "[gui][e2e][notices]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20
    // A file that is not text: a NUL and bytes that are not UTF-8 must come back as they went.
    const std::string file = dir.file("plan.xlsx");
    std::string bytes = "PK\x03\x04";
    bytes += std::string("\0\xff\xfe", 3);
    for (int i = 0; i < 5000; ++i) bytes += static_cast<char>(i * 7);
    dj::test::write_text_file(file, bytes);

    long notice = 0;
    {
        // The 工委's administrator sends it to 县委办公室's subtree with the file attached.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as gongwei --screen notices --node D0001 --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        REQUIRE(log.wait_for("notices_loaded "));
        REQUIRE(gui.click("notices.new"));
        REQUIRE(log.wait_for("rect notice.title "));
        REQUIRE(gui.click("notice.title"));
        REQUIRE(log.wait_for("focus notice.title"));
        gui.type("Plan 2021");
        REQUIRE(log.wait_for("edit notice.title Plan 2021"));
        REQUIRE(gui.click("notice.body"));
        gui.type("See the file.");
        gui.choose_in_dialog("notice.attach", "notice.attach.dlg", file);
        capture(display.name(), "notice_attach");
        auto mark = log.mark();
        REQUIRE(gui.click("notice.send"));
        auto sent = log.wait_for("notice_sent ", mark);
        if (!sent)
            for (const auto& l : log.lines()) UNSCOPED_INFO(l);
        REQUIRE(sent);
        std::smatch s;
        REQUIRE(std::regex_match(*sent, s, std::regex("notice_sent ([0-9]+) ([0-9]+)")));
        notice = std::stol(s[1]);
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    auto shown = cli_json("notice show " + std::to_string(notice) + " --json --as d0001_b02 --db " + db);
    REQUIRE(shown["attachments"].size() == 1);
    CHECK(shown["attachments"][0]["name"] == "plan.xlsx");

    {
        // A branch of 县委办公室 opens it and saves the file where it chooses.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --db " + db + " --as d0001_b02 --screen notices --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        REQUIRE(log.wait_for("notices_loaded "));
        REQUIRE(log.wait_for("rect notices.row." + std::to_string(notice) + " "));
        auto mark = log.mark();
        REQUIRE(gui.click("notices.row." + std::to_string(notice)));
        REQUIRE(log.wait_for("notice_open " + std::to_string(notice), mark));
        if (!log.wait_for("rect notice.attachment.0.save ")) {  // (logged when it first appears)
            for (const auto& l : log.lines()) UNSCOPED_INFO(l);
            FAIL("the notice's file has no 另存为…");
        }
        const std::string saved = dir.file("saved.xlsx");
        gui.choose_in_dialog("notice.attachment.0.save", "notice.attachment.dlg", saved);
        auto done = log.wait_for("attachment_saved ", mark);
        if (!done)
            for (const auto& l : log.lines()) UNSCOPED_INFO(l);
        REQUIRE(done);
        CHECK(*done == "attachment_saved " + saved + " " + std::to_string(bytes.size()));
        CHECK(dj::test::read_text_file(saved) == bytes);
        REQUIRE(log.wait_for("rect notice.attachment.open_folder ", mark));
        capture(display.name(), "notice_saved");
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
}
