// Files through the real window (issue 16): the file dialog navigated with the pointer to a
// folder of a fresh home, an .xlsx picked and imported; an export landing in the documents
// folder under its Chinese name, then 打开所在文件夹; a file dropped on the window imported.
// HOME and XDG_CONFIG_HOME point into the test's own folder, so nothing of the machine's
// user is read or written. With DJ_SCREENSHOT_DIR set, the window is captured there
// (file-dialog.png, export-saved.png) for docs/screenshots.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "io/member_csv.hpp"
#include "io/record_sheet.hpp"
#include "io/user_files.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "service/local_service.hpp"
#include "support.hpp"

using namespace dj::test::gui;

namespace {

// HOME and XDG_CONFIG_HOME for the GUI started while this lives (it inherits them).
class FakeHome {
public:
    explicit FakeHome(const std::string& home) {
        for (const char* k : {"HOME", "XDG_CONFIG_HOME"})
            if (const char* v = std::getenv(k)) saved_.emplace_back(k, v);
        setenv("HOME", home.c_str(), 1);
        setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 1);
    }
    ~FakeHome() {
        unsetenv("XDG_CONFIG_HOME");
        for (const auto& [k, v] : saved_) setenv(k.c_str(), v.c_str(), 1);
    }

private:
    std::vector<std::pair<std::string, std::string>> saved_;
};

// The roster template filled with one member of D0001-B01.
std::string roster_file(const std::string& name) {
    auto header = dj::roster_header();
    std::vector<dj::Cell> row = {std::string(name), std::string("男"), std::string("1980-01-01"), std::string("2005-07-01"),
                                 std::string("2006-07-01"), std::string("正式"), std::string("D0001-B01")};
    return dj::write_xlsx({dj::Sheet{"党员名册", header, {row}, {}, ""}});
}

std::size_t members_named(const std::string& db, const std::string& name) {
    auto r = dj::test::run_cli("members list --json --db " + db + " --unit D0001-B01 --name " + name);
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    return j.is_array() ? j.size() : 0;
}


}  // namespace

TEST_CASE("gui e2e: the file dialog opens a folder by clicks, picks an .xlsx roster and imports it", "[gui][e2e][files]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    const std::string home = dir.file("home");
    std::filesystem::create_directories(home + "/Documents/名册文件夹");
    std::filesystem::create_directories(home + "/Documents/其他");
    dj::test::write_text_file(home + "/Documents/名册文件夹/党员名册.xlsx", roster_file("孙文件"));
    dj::test::write_text_file(home + "/Documents/名册文件夹/说明.txt", "不是名册");
    FakeHome fake(home);

    GuiSession gui(display.name(), "gui --db " + db + " --screen members --width 1280 --height 800", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(gui.click("members.import"));
    auto m = log.mark();
    REQUIRE(gui.click("import.choose"));
    REQUIRE(log.wait_for("filedlg_shown import.dlg", m));
    // It starts in 文档, whose folders are listed (the .txt is not: only .xlsx and .csv).
    REQUIRE(log.wait_for("filedlg_dir import.dlg " + home + "/Documents", m));
    m = log.mark();
    REQUIRE(gui.click("import.dlg.entry.名册文件夹"));
    REQUIRE(log.wait_for("filedlg_dir import.dlg " + home + "/Documents/名册文件夹", m));
    REQUIRE(log.wait_for("rect import.dlg.entry.党员名册.xlsx ", m));
    CHECK_FALSE(log.wait_for("rect import.dlg.entry.说明.txt ", m, 500));
    REQUIRE(gui.click("import.dlg.entry.党员名册.xlsx"));
    REQUIRE(log.wait_for("filedlg_select import.dlg 党员名册.xlsx", m));
    capture(display.name(), "file-dialog.png");
    REQUIRE(gui.click("import.dlg.ok"));
    REQUIRE(log.wait_for("filedlg_chosen import.dlg " + home + "/Documents/名册文件夹/党员名册.xlsx", m));
    m = log.mark();
    REQUIRE(gui.click("import.start"));
    auto done = log.wait_for("import_done ", m);
    REQUIRE(done);
    CHECK(*done == "import_done 1 0");
    CHECK(members_named(db, "孙文件") == 1);

    // The folder is remembered for this account: the next dialog lists it under 最近位置.
    m = log.mark();
    REQUIRE(gui.click("import.choose"));
    REQUIRE(log.wait_for("filedlg_dir import.dlg " + home + "/Documents/名册文件夹", m));
    REQUIRE(log.wait_for("rect import.dlg.recent.0 ", 0));
    auto settings = nlohmann::json::parse(dj::test::read_text_file(home + "/.config/dangjian/gui.json"));
    CHECK(settings["users"]["admin"]["recent_dirs"][0] == home + "/Documents/名册文件夹");
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: an export goes to the documents folder under its Chinese name, then opens its folder", "[gui][e2e][files]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    const std::string home = dir.file("home");
    std::filesystem::create_directories(home + "/.config");
    std::filesystem::create_directories(home + "/公文");
    // The XDG documents folder as a Chinese desktop names it.
    dj::test::write_text_file(home + "/.config/user-dirs.dirs", "XDG_DOCUMENTS_DIR=\"$HOME/公文\"\n");
    // 打开所在文件夹 runs this instead of xdg-open: it writes down what it was given.
    const std::string opener = dir.file("opener.sh"), opened = dir.file("opened.txt");
    dj::test::write_text_file(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> " + quote(opened) + "\n");
    std::filesystem::permissions(opener, std::filesystem::perms::owner_all);
    FakeHome fake(home);
    setenv("DJ_OPEN_COMMAND", opener.c_str(), 1);

    std::string expected;
    {
        auto svc = dj::LocalService::open(db);
        auto admin = svc->actor("admin");
        auto node = svc->org_node(admin, "D0001", std::nullopt);
        auto form = svc->form(admin, "orglife.meeting");
        expected = home + "/公文/" + dj::safe_file_name({form.title, node.name, "2020年12月"}, ".xlsx");
        CHECK_THAT(expected, Catch::EndsWith("/三会一课记录-" + node.name + "-2020年12月.xlsx"));
    }
    // An earlier export of the same name stays: the new one is (2).
    dj::test::write_text_file(expected, "earlier");
    const std::string second = expected.substr(0, expected.size() - 5) + "(2).xlsx";

    GuiSession gui(display.name(),
                   "gui --db " + db + " --screen completeness --node D0001 --form orglife.meeting --period 2020-12 "
                   "--width 1280 --height 800",
                   dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    auto m = log.mark();
    REQUIRE(gui.click("completeness.export.go"));
    auto exported = log.wait_for("exported ", m);
    unsetenv("DJ_OPEN_COMMAND");
    REQUIRE(exported);
    CHECK_THAT(*exported, Catch::StartsWith("exported " + second + " "));
    CHECK(dj::test::read_text_file(expected) == "earlier");
    CHECK(std::filesystem::file_size(second) > 1000);
    capture(display.name(), "export-saved.png");
    REQUIRE(gui.click("completeness.export.open_folder"));
    REQUIRE(log.wait_for("open_with " + opener + " " + home + "/公文", m));
    for (int i = 0; i < 50 && !std::filesystem::exists(opened); ++i) sleep_ms(100);
    CHECK(dj::test::read_text_file(opened) == home + "/公文\n");
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: a roster dropped on the window is imported, a drop nothing expects is reported", "[gui][e2e][files]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    FakeHome fake(dir.file("home"));
    const std::string file = dir.file("拖入名册.xlsx");
    dj::test::write_text_file(file, roster_file("周拖入"));

    GuiSession gui(display.name(), "gui --db " + db + " --screen members", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    // xdotool cannot drag and drop: the automation log's `drop` command takes GLFW's drop path.
    auto drop = [&](const std::string& path) {
        std::ofstream in(dir.file("automation.log.in"), std::ios::app);
        in << "drop " << path << "\n";
    };
    auto m = log.mark();
    drop(file);  // the members screen expects no file: said so, nothing imported
    REQUIRE(log.wait_for("drop_unclaimed 拖入名册.xlsx", m));
    CHECK(members_named(db, "周拖入") == 0);

    // The notice may take the first click (it is dismissed by it): click until the window is there.
    for (int i = 0; i < 3 && !log.wait_for("rect import.start ", 0, 3000); ++i) REQUIRE(gui.click("members.import"));
    REQUIRE(log.wait_for("rect import.start ", 0));
    m = log.mark();
    drop(file);
    REQUIRE(log.wait_for("drop " + file, m));
    REQUIRE(log.wait_for("import_file " + file, m));  // the open import window took it
    auto done = log.wait_for("import_done ", m);
    if (!done) FAIL("no import; log:\n" << log.tail());
    CHECK(*done == "import_done 1 0");
    CHECK(members_named(db, "周拖入") == 1);
    CHECK(gui.quit() == 0);
}

TEST_CASE("gui e2e: a form's template is saved from 报表填报, filled, and its records imported all or nothing", "[gui][e2e][files]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    const std::string home = dir.file("home");
    std::filesystem::create_directories(home + "/Documents");
    FakeHome fake(home);

    GuiSession gui(display.name(), "gui --db " + db + " --screen forms --node D0001-B01 --width 1280 --height 800",
                   dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(gui.click("forms.import.orglife.meeting"));
    REQUIRE(log.wait_for("record_import_open orglife.meeting D0001-B01"));
    // ASCII paths: xdotool drops characters of CJK text typed quickly under load.
    const std::string tmpl = home + "/Documents/meeting-template.xlsx";
    gui.choose_in_dialog("records.template", "records.template.dlg", tmpl);
    REQUIRE(log.wait_for("template_saved " + tmpl));
    auto header = dj::read_xlsx_first_sheet(dj::test::read_text_file(tmpl)).rows.front().cells;
    REQUIRE(header.size() > 5);
    CHECK(header[0] == "期间");

    // Who is on D0001-B01's roster on the meeting day: 主持人, 记录人 and 参会人员 by name.
    std::vector<std::string> roster;
    for (const auto& mem : nlohmann::json::parse(dj::test::run_cli("members list --unit D0001-B01 --json --db " + db).out))
        if (mem["join_date"].get<std::string>() <= "2020-12-10") roster.push_back(mem["name"].get<std::string>());
    REQUIRE(roster.size() >= 3);
    auto names = [](const std::vector<std::string>& list) {
        std::string out;
        for (const auto& n : list) out += (out.empty() ? "" : "、") + n;
        return out;
    };
    // Two records by the template's own header: everyone came; one absent with no 缺席原因.
    auto row = [&](bool all_came) {
        std::vector<std::string> came(roster.begin(), all_came ? roster.end() : roster.end() - 1);
        std::map<std::string, dj::Cell> by{{"期间", std::string("2020-12")},
                                           {"会议类型", std::string("支部委员会")},
                                           {"召开日期", std::string("2020-12-10")},
                                           {"会议主题", std::string("学习全会精神")},
                                           {"主持人", roster[0]},
                                           {"记录人", roster[1]},
                                           {"参会人员", names(came)},
                                           {"主要内容", std::string("传达学习全会精神，讨论本支部贯彻落实措施")}};
        std::vector<dj::Cell> cells;
        for (const auto& h : header) cells.push_back(by.count(h) ? by[h] : dj::Cell{});
        return cells;
    };
    auto write = [&](const std::string& path, std::vector<std::vector<dj::Cell>> rows) {
        dj::test::write_text_file(path, dj::write_xlsx({dj::Sheet{"记录", header, std::move(rows), {}, ""}}));
    };
    const std::string bad = dir.file("two-records.xlsx"), good = dir.file("one-record.xlsx");
    write(bad, {row(true), row(false)});
    write(good, {row(true)});
    auto count = [&] {
        auto r = dj::test::run_cli("form submissions orglife.meeting --unit D0001-B01 --period 2020-12 --json --db " + db);
        auto j = nlohmann::json::parse(r.out, nullptr, false);
        return j.is_array() ? j.size() : std::size_t{9999};
    };
    const auto before = count();

    auto m = log.mark();
    gui.choose_in_dialog("records.choose", "records.dlg", bad);
    REQUIRE(gui.click("records.start"));
    auto done = log.wait_for("records_import_done ", m);
    REQUIRE(done);
    CHECK(*done == "records_import_done 0 1");  // the second row's 缺席原因, nothing stored
    capture(display.name(), "records-import.png");
    CHECK(count() == before);

    // The fixed file, dropped on the window: the open import window takes it.
    m = log.mark();
    {
        std::ofstream in(dir.file("automation.log.in"), std::ios::app);
        in << "drop " << good << "\n";
    }
    done = log.wait_for("records_import_done ", m);
    REQUIRE(done);
    CHECK(*done == "records_import_done 1 0");
    CHECK(count() == before + 1);
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}
