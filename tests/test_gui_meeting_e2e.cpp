// A branch secretary's 三会一课记录 through the real window (Xvfb + xdotool): the meeting day
// picked from the month calendar (and 今天), 参会人员 ticked on the roster of that day so that
// 应到/实到 fill themselves in, 主持人 and 记录人 picked from it, two photos uploaded and shown as
// thumbnails, one opened large; then 报送, and the stored record checked with the CLI.
// With DJ_SCREENSHOTS=DIR the window is captured into DIR at each step (docs/screenshots).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;
using nlohmann::json;

namespace {

void capture(const std::string& display, const char* name) {
    const char* dir = std::getenv("DJ_SCREENSHOTS");
    if (!dir || access("/usr/bin/import", X_OK) != 0) return;
    sleep_ms(600);  // the frame after the last event
    std::string cmd = "env DISPLAY=" + display + " /usr/bin/import -window root " + quote(std::string(dir) + "/" + name + ".png") +
                      " >/dev/null 2>&1";
    (void)std::system(cmd.c_str());
}

}  // namespace

TEST_CASE("gui e2e: a meeting record with a calendar date, attendance from the roster and several photos",
          "[gui][e2e][forms][meeting]") {
    VirtualDisplay display("1400x1300x24");  // the whole record fits without scrolling
    if (!e2e_possible(display)) return;
    if (access("/usr/bin/convert", X_OK) != 0) {
        WARN("ImageMagick's convert is not installed: no photos to upload, test skipped");
        return;
    }
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20
    // Two photos of different shapes.
    const std::string photo1 = dir.file("会场.png"), photo2 = dir.file("合影.jpg");
    REQUIRE(std::system(("/usr/bin/convert -size 320x240 gradient:red-yellow " + quote(photo1)).c_str()) == 0);
    REQUIRE(std::system(("/usr/bin/convert -size 200x300 gradient:blue-white " + quote(photo2)).c_str()) == 0);
    auto roster = dj::test::run_cli("members list --unit D0001-B01 --json --db " + db);
    REQUIRE(roster.exit_code == 0);
    auto members = json::parse(roster.out);
    std::vector<long> on_roster;  // joined by the meeting day
    for (const auto& m : members)
        if (m["join_date"].get<std::string>() <= "2020-12-10") on_roster.push_back(m["id"].get<long>());
    REQUIRE(on_roster.size() >= 2);

    GuiSession gui(display.name(), "gui --db " + db + " --width 1400 --height 1300", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(gui.click("tree.search"));
    REQUIRE(log.wait_for("focus tree.search"));
    gui.type("D0001-B01");
    REQUIRE(log.wait_for("edit tree.search D0001-B01"));
    auto mark = log.mark();
    REQUIRE(gui.click("tree.row.D0001-B01"));
    REQUIRE(log.wait_for("selected D0001-B01", mark));
    REQUIRE(gui.click("nav.forms"));
    REQUIRE(log.wait_for("screen forms"));
    mark = log.mark();
    REQUIRE(gui.click("forms.new.orglife.meeting"));
    REQUIRE(log.wait_for("form_open orglife.meeting D0001-B01 2020-12 new", mark));
    REQUIRE(log.wait_for("form_checked", mark));

    // 会议类型: 支部委员会 (the second option).
    REQUIRE(gui.click("form.field.kind"));
    REQUIRE(gui.click("form.field.kind.opt.1"));
    // A July date: the message appears in the line kept under the field, and the field below
    // (the one about to be clicked) stays where it was.
    auto topic_before = log.rect("form.field.topic");
    REQUIRE(topic_before);
    mark = log.mark();
    REQUIRE(gui.click("form.field.date"));
    REQUIRE(log.wait_for("focus form.field.date", mark));
    gui.type("2020-07-01");
    REQUIRE(log.wait_for("form_issue date 「召开日期」应在2020年12月内", mark));
    sleep_ms(500);
    auto topic_after = log.rect("form.field.topic");
    REQUIRE(topic_after);
    CHECK(topic_after->y0 == topic_before->y0);
    // Typed as the placeholder shows, in Chinese: accepted.
    mark = log.mark();
    gui.chord("ctrl", "a");
    gui.type("2020年12月5日");
    REQUIRE(log.wait_for("edit form.field.date 2020年12月5日", mark));
    REQUIRE(log.wait_for("form_checked", mark));
    // The calendar opens on that month; 今天 takes the 20th …
    mark = log.mark();
    REQUIRE(gui.click("form.field.date.calendar"));
    REQUIRE(log.wait_for("calendar_open form.field.date 2020-12", mark));
    capture(display.name(), "meeting_calendar");
    REQUIRE(gui.click("form.field.date.cal.today"));
    REQUIRE(log.wait_for("edit form.field.date 2020-12-20", mark));
    // … and going back a month and forward again, the 10th.
    mark = log.mark();
    REQUIRE(gui.click("form.field.date.calendar"));
    REQUIRE(log.wait_for("calendar_open form.field.date 2020-12", mark));
    REQUIRE(gui.click("form.field.date.cal.prev"));
    REQUIRE(gui.click("form.field.date.cal.next"));
    REQUIRE(gui.click("form.field.date.cal.day.10"));
    REQUIRE(log.wait_for("edit form.field.date 2020-12-10", mark));

    REQUIRE(gui.click("form.field.topic"));
    gui.type("学习全会精神");
    REQUIRE(log.wait_for("edit form.field.topic 学习全会精神"));

    // 参会人员: everyone on the day's roster, then one less; 应到 is the roster, 实到 follows.
    mark = log.mark();
    REQUIRE(gui.click("form.field.attendees.all"));
    REQUIRE(log.wait_for("form_value expected " + std::to_string(on_roster.size()), mark));
    REQUIRE(log.wait_for("form_value attended " + std::to_string(on_roster.size()), mark));
    mark = log.mark();
    REQUIRE(gui.click("form.field.attendees.m." + std::to_string(on_roster.back())));
    REQUIRE(log.wait_for("form_value attended " + std::to_string(on_roster.size() - 1), mark));
    CHECK(log.wait_for("form_value expected " + std::to_string(on_roster.size()), mark));
    REQUIRE(log.wait_for("form_value absentees [" + std::to_string(on_roster.back()) + "]", mark));
    REQUIRE(gui.click("form.field.absent_reason"));
    gui.type("因公出差");
    // 主持人 and 记录人 from the same roster.
    REQUIRE(gui.click("form.field.host"));
    REQUIRE(gui.click("form.field.host.item." + std::to_string(on_roster[0])));
    REQUIRE(gui.click("form.field.recorder"));
    REQUIRE(gui.click("form.field.recorder.item." + std::to_string(on_roster[1])));
    REQUIRE(gui.click("form.field.content"));
    gui.type("传达学习全会精神，研究本支部贯彻落实措施。");

    // Two photos, each chosen in the file dialog: each upload adds a thumbnail; the first opens large.
    for (const auto& photo : {photo1, photo2}) {
        mark = log.mark();
        gui.choose_in_dialog("form.field.photos.choose", "form.field.photos.dlg", photo);
        auto up = log.wait_for("uploaded photos ", mark);
        REQUIRE(up);
        REQUIRE(log.wait_for("photo_loaded " + up->substr(16), mark));
    }
    CHECK(log.wait_for("photo_loaded", 0));
    auto loaded = log.lines();
    int sizes = 0;
    for (const auto& l : loaded) sizes += l.find(" 320x240") != std::string::npos || l.find(" 200x300") != std::string::npos;
    CHECK(sizes >= 2);
    mark = log.mark();
    REQUIRE(log.wait_for("rect form.field.photos.photo.1 "));
    capture(display.name(), "meeting_form");
    REQUIRE(gui.click("form.field.photos.photo.0"));
    REQUIRE(log.wait_for("photo_view ", mark));
    capture(display.name(), "meeting_photo_large");
    REQUIRE(gui.click("photo.close"));

    mark = log.mark();
    REQUIRE(gui.click("form.submit"));
    auto submitted = log.wait_for("submitted ", mark);
    REQUIRE(submitted);
    CHECK_THAT(*submitted, Catch::EndsWith(" submitted"));
    capture(display.name(), "meeting_submitted");  // read-only now: the photos still open

    auto list = dj::test::run_cli("form submissions orglife.meeting --unit D0001-B01 --period 2020-12 --json --db " + db);
    REQUIRE(list.exit_code == 0);
    json mine;
    for (const auto& s : json::parse(list.out))
        if (s["values"].value("topic", "") == "学习全会精神") mine = s;
    REQUIRE(mine.is_object());
    const json& v = mine["values"];
    CHECK(v["date"] == "2020-12-10");
    CHECK(v["expected"] == on_roster.size());
    CHECK(v["attended"] == on_roster.size() - 1);
    CHECK(v["absentees"] == json::array({on_roster.back()}));
    CHECK(v["host"] == on_roster[0]);
    CHECK(v["recorder"] == on_roster[1]);
    REQUIRE(v["photos"].size() == 2);
    CHECK(v["photos"][0]["name"] == "会场.png");
    CHECK(v["photos"][1]["name"] == "合影.jpg");

    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}
