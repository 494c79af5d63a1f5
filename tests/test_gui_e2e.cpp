// End to end through the real window: under a private Xvfb display, xdotool moves the
// pointer, clicks and types (Chinese included) into `dangjian gui`; the GUI's automation log
// tells where each widget is and what happened. The database is then checked with the CLI.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "support.hpp"
#include "xlsx_read.hpp"

using namespace dj::test::gui;

TEST_CASE("gui e2e: select a branch then add a member and fix the validation message before saving", "[gui][e2e]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);

    GuiSession gui(display.name(), "gui --db " + db + " --width 1280 --height 800", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));

    // Find the branch in the org tree by typing its code into the search box, then pick it.
    REQUIRE(gui.click("tree.search"));
    REQUIRE(log.wait_for("focus tree.search"));
    gui.type("D0001-B01");
    REQUIRE(log.wait_for("edit tree.search D0001-B01"));
    auto before = log.mark();
    REQUIRE(gui.click("tree.row.D0001-B01"));
    REQUIRE(log.wait_for("selected D0001-B01", before));

    // 党员名册 → 新增党员
    REQUIRE(gui.click("nav.members"));
    REQUIRE(log.wait_for("screen members"));
    REQUIRE(log.wait_for("members_loaded"));
    before = log.mark();
    REQUIRE(gui.click("members.add"));
    REQUIRE(log.wait_for("form_open new", before));
    REQUIRE(log.wait_for("focus form.name", before));
    REQUIRE(gui.type_checked("form.name", "测试党员甲"));

    // Born 2005, joined 2019: under eighteen when joining (dates before the demo's 2020-12-20).
    REQUIRE(gui.click("form.birth"));
    REQUIRE(log.wait_for("focus form.birth", before));
    gui.type("2005-01-01");
    REQUIRE(gui.click("form.join"));
    REQUIRE(log.wait_for("focus form.join", before));
    gui.type("2019-07-01");
    REQUIRE(gui.click("form.full"));
    REQUIRE(log.wait_for("focus form.full", before));
    gui.type("2020-07-01");
    REQUIRE(log.wait_for("edit form.full 2020-07-01", before));
    auto save1 = log.mark();
    REQUIRE(gui.click("form.save"));
    auto error = log.wait_for("form_error ", save1);
    REQUIRE(error);
    CHECK_THAT(*error, Catch::StartsWith("form_error join 入党日期 2019-07-01 时未满十八岁"));
    CHECK_FALSE(log.wait_for("saved member", save1, 500));
    auto none = dj::test::run_cli("members list --json --db " + db + " --unit D0001-B01 --name 测试党员甲");
    REQUIRE(none.exit_code == 0);
    CHECK(nlohmann::json::parse(none.out).empty());

    // Correct the birth date (select all, retype) and save again.
    auto fix = log.mark();
    REQUIRE(gui.click("form.birth"));
    REQUIRE(log.wait_for("focus form.birth", fix));
    gui.chord("ctrl", "a");
    gui.type("1990-01-01");
    REQUIRE(log.wait_for("edit form.birth 1990-01-01", fix));
    REQUIRE(gui.click("form.save"));
    auto saved = log.wait_for("saved member ", fix);
    REQUIRE(saved);
    auto id = std::stol(saved->substr(13));

    auto list = dj::test::run_cli("members list --json --db " + db + " --unit D0001-B01 --name 测试党员甲");
    REQUIRE(list.exit_code == 0);
    auto j = nlohmann::json::parse(list.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["id"] == id);
    CHECK(j[0]["name"] == "测试党员甲");
    CHECK(j[0]["birth_date"] == "1990-01-01");
    CHECK(j[0]["join_date"] == "2019-07-01");
    CHECK(j[0]["full_date"] == "2020-07-01");
    CHECK(j[0]["status"] == "正式");
    CHECK(j[0]["branch"] == "D0001-B01");

    // The register shows the new member after the save (the cache was refreshed).
    REQUIRE(log.wait_for("members_loaded", fix));
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: a CSV import with bad rows reports each row and imports nothing", "[gui][e2e]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    auto bad = dir.file("bad.csv");
    dj::test::write_text_file(bad,
                              "姓名,性别,出生日期,入党日期,转正日期,党员状态,所在支部\n"
                              "赵导入,男,1980-01-01,2005-07-01,2006-07-01,正式,D0001-B01\n"
                              "钱导入,女,2010-01-01,2019-07-01,2020-07-01,正式,D0001-B01\n"
                              "孙导入,男,1985-01-01,2010-07-01,2011-07-01,正式,NO-SUCH\n");
    auto good = dir.file("good.csv");
    dj::test::write_text_file(good,
                              "姓名,性别,出生日期,入党日期,转正日期,党员状态,所在支部\n"
                              "赵导入,男,1980-01-01,2005-07-01,2006-07-01,正式,D0001-B01\n");

    GuiSession gui(display.name(), "gui --db " + db + " --screen members", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(gui.click("members.import"));
    gui.choose_in_dialog("import.choose", "import.dlg", bad);
    auto m = log.mark();
    REQUIRE(gui.click("import.start"));
    auto done = log.wait_for("import_done ", m);
    REQUIRE(done);
    CHECK(*done == "import_done 0 2");  // nothing imported, two rows reported
    auto none = dj::test::run_cli("members list --json --db " + db + " --unit D0001-B01 --name 导入");
    CHECK(nlohmann::json::parse(none.out).empty());

    gui.choose_in_dialog("import.choose", "import.dlg", good);
    m = log.mark();
    REQUIRE(gui.click("import.start"));
    done = log.wait_for("import_done ", m);
    REQUIRE(done);
    CHECK(*done == "import_done 1 0");
    auto one = dj::test::run_cli("members list --json --db " + db + " --unit D0001-B01 --name 赵导入");
    CHECK(nlohmann::json::parse(one.out).size() == 1);
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: switching identity limits what the screens show", "[gui][e2e]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);

    GuiSession gui(display.name(), "gui --db " + db + " --screen whoami", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    // The directory lists every user (over a hundred in the demo): filter down to the one.
    REQUIRE(gui.click("whoami.filter"));
    REQUIRE(log.wait_for("focus whoami.filter"));
    gui.type("d0001_b01");
    REQUIRE(log.wait_for("edit whoami.filter d0001_b01"));
    auto m = log.mark();
    REQUIRE(gui.click("whoami.switch.d0001_b01"));
    REQUIRE(log.wait_for("actor d0001_b01", m));
    REQUIRE(log.wait_for("selected D0001-B01", m));
    // Issue 16 item 5: the filler's menu offers only what a 填报人 uses, 待办 among them.
    auto nav = log.wait_for("nav ", m);
    REQUIRE(nav);
    CHECK(*nav == "nav home todo notices org members forms indicators rectify dashboard whoami");
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: rename a branch from a date and a filler gets no edit tab", "[gui][e2e]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);

    {
        GuiSession gui(display.name(), "gui --db " + db + " --screen org --node D0001-B01", dir.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("idle"));
        REQUIRE(gui.click("org.tab.2"));  // 调整
        REQUIRE(gui.click("org.edit.name"));
        REQUIRE(log.wait_for("focus org.edit.name"));
        gui.chord("ctrl", "a");
        REQUIRE(gui.type_checked("org.edit.name", "综合党支部"));
        auto m = log.mark();
        REQUIRE(gui.click("org.edit.save"));
        REQUIRE(log.wait_for("saved org D0001-B01", m));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    auto hist = dj::test::run_cli("org history D0001-B01 --json --db " + db);
    REQUIRE(hist.exit_code == 0);
    auto j = nlohmann::json::parse(hist.out);
    REQUIRE(j.size() >= 2);
    CHECK(j.back()["name"] == "综合党支部");
    CHECK(j[j.size() - 2]["name"] == "县委办公室第一党支部");  // the past keeps its name

    dj::test::TempDir dir2;  // a fresh automation log
    GuiSession filler(display.name(), "gui --db " + db + " --as d0001_b01 --screen org", dir2.path().string());
    REQUIRE(filler.log().wait_for("idle"));
    CHECK(filler.log().rect("org.tab.1", 2000));           // 历史沿革 is there
    CHECK_FALSE(filler.log().rect("org.tab.2", 500));      // 调整 is not
    CHECK(filler.quit() == 0);
}

TEST_CASE("gui e2e: the member register, audit log, rectification list and indicators export what the CLI exports",
          "[gui][e2e]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    if (!dj::test::have_unzip()) {
        WARN("unzip is not installed (apt-get install unzip): the export test skipped");
        return;
    }
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    auto members = dj::test::run_cli("members list --unit D0001-B01 --json --db " + db);
    REQUIRE(members.exit_code == 0);
    auto listed = nlohmann::json::parse(members.out);
    REQUIRE(listed.size() > 3);

    // The GUI's export button and the CLI's export command write the same cells: the GUI's
    // file is `file`, the CLI's is `cli-file`, made with `cli_args` right after.
    auto compare = [&](GuiSession& gui, const std::string& id, const std::string& file, const std::string& cli_args) {
        gui.export_to(id, dir.file(file));
        auto cli = dj::test::run_cli(cli_args + " --out " + quote(dir.file("cli-" + file)) + " --db " + db);
        REQUIRE(cli.exit_code == 0);
        CHECK(dj::test::xlsx_sheet_names(dir.file(file)) == dj::test::xlsx_sheet_names(dir.file("cli-" + file)));
        auto shown = dj::test::xlsx_rows(dir.file(file));
        CHECK(shown == dj::test::xlsx_rows(dir.file("cli-" + file)));
        return shown;
    };

    GuiSession gui(display.name(), "gui --db " + db + " --screen members --node D0001-B01 --width 1280 --height 800",
                   dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("members_loaded "));
    auto rows = compare(gui, "members.export", "members.xlsx", "members export --unit D0001-B01");
    REQUIRE(rows.size() == listed.size() + 2);  // title, header, a row per member
    CHECK(rows[1].at(9) == "政治生日");
    for (std::size_t i = 0; i < listed.size(); ++i) CHECK(rows[i + 2].at(1) == listed[i]["name"]);

    REQUIRE(gui.click("nav.audit"));
    REQUIRE(log.wait_for("screen audit"));
    rows = compare(gui, "audit.export", "audit.xlsx", "audit export --limit 500");  // the screen lists 500
    REQUIRE(rows.size() > 5);
    CHECK(rows[0].at(5) == "变更前");
    // The newest entries, as the screen lists them, first.
    auto latest = dj::test::run_cli("audit log --limit 5 --json --db " + db);
    REQUIRE(latest.exit_code == 0);
    std::size_t i = 1;
    for (const auto& e : nlohmann::json::parse(latest.out)) CHECK(rows[i++].at(4) == e["target"]);

    REQUIRE(gui.click("nav.rectify"));
    REQUIRE(log.wait_for("rectifications_loaded "));
    rows = compare(gui, "rectify.export", "rectify.xlsx", "rectify export --unit D0001-B01");
    REQUIRE(rows.size() >= 2);
    CHECK_THAT(rows[0].at(0), Catch::StartsWith("整改事项台账"));
    CHECK(rows[1].at(7) == "整改期限");

    REQUIRE(gui.click("nav.indicators"));
    REQUIRE(log.wait_for("indicators_loaded "));
    rows = compare(gui, "indicators.export", "indicators.xlsx", "indicators export --period 2020 --unit D0001-B01");
    REQUIRE(rows.size() > 2);
    CHECK(rows[0].at(0) == "县委办公室第一党支部 2020年 指标情况");
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}
