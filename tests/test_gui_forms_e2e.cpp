// The form renderer end to end through the real window (Xvfb + xdotool, see
// gui/gui_harness.hpp): a branch secretary's 走访慰问记录 from a plugin loaded with
// --plugins-dir, a date outside the month tripping the service's within-period message
// under the field, the fix, 报送, and the stored values checked with the CLI.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>

#include "db/database.hpp"
#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;

TEST_CASE("gui e2e: fill a visit record, fix the out-of-period date the service flags, submit it", "[gui][e2e][forms]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    const std::string plugins = " --plugins-dir " + quote(std::string(DJ_TESTS_DIR) + "/forms_fixture");
    dj::test::make_demo(db);  // pinned to 2020-12-20
    REQUIRE(dj::test::run_cli("plugins enable formtest --unit GW --db " + db + plugins).exit_code == 0);
    auto added = dj::test::run_cli("members add --db " + db +
                                   " --name 困难党员乙 --gender 女 --birth 1948-03-01 --join 1970-07-01 --full 1971-07-01"
                                   " --status 正式 --branch D0001-B01 --flags 生活困难");
    REQUIRE(added.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(added.out, m, std::regex("编号 ([0-9]+)")));
    const std::string member = m[1];

    GuiSession gui(display.name(), "gui --db " + db + plugins + " --width 1280 --height 800", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));

    // Select the branch in the org tree, then 报表填报.
    REQUIRE(gui.click("tree.search"));
    REQUIRE(log.wait_for("focus tree.search"));
    gui.type("D0001-B01");
    REQUIRE(log.wait_for("edit tree.search D0001-B01"));
    auto mark = log.mark();
    REQUIRE(gui.click("tree.row.D0001-B01"));
    REQUIRE(log.wait_for("selected D0001-B01", mark));
    REQUIRE(gui.click("nav.forms"));
    REQUIRE(log.wait_for("screen forms"));

    // 走访慰问记录 → 填报: a new record for the current month (the demo's December).
    mark = log.mark();
    REQUIRE(gui.click("forms.new.formtest.visit"));
    REQUIRE(log.wait_for("form_open formtest.visit D0001-B01 2020-12 new", mark));
    REQUIRE(log.wait_for("form_checked", mark));

    // 慰问对象: the combo lists the branch's members flagged 生活困难; pick the new one.
    REQUIRE(gui.click("form.field.member"));
    REQUIRE(gui.click("form.field.member.item." + member));
    // 时机: 七一 (the third option).
    REQUIRE(gui.click("form.field.occasion"));
    REQUIRE(gui.click("form.field.occasion.opt.2"));

    // A date in July, outside December: the service's message appears under the field.
    mark = log.mark();
    REQUIRE(gui.click("form.field.date"));
    REQUIRE(log.wait_for("focus form.field.date", mark));
    gui.type("2020-07-01");
    REQUIRE(log.wait_for("edit form.field.date 2020-07-01", mark));
    auto issue = log.wait_for("form_issue date 「日期」应在", mark);  // earlier checks said 必填
    REQUIRE(issue);
    CHECK_THAT(*issue, Catch::Contains("「日期」应在2020年12月内（2020-12-01 至 2020-12-31）"));
    // Then an amount (the fields below moved down to make room for the message).
    mark = log.mark();
    REQUIRE(gui.click("form.field.amount"));
    REQUIRE(log.wait_for("focus form.field.amount", mark));
    gui.type("500");
    REQUIRE(log.wait_for("edit form.field.amount 500", mark));
    REQUIRE(log.wait_for("form_checked 1", mark));  // only the date is wrong
    CHECK(log.wait_for("form_issue date 「日期」应在", mark, 200));

    // Fix the date; the next check comes back clean, then 报送.
    mark = log.mark();
    REQUIRE(gui.click("form.field.date"));
    REQUIRE(log.wait_for("focus form.field.date", mark));
    gui.chord("ctrl", "a");
    gui.type("2020-12-10");
    REQUIRE(log.wait_for("edit form.field.date 2020-12-10", mark));
    REQUIRE(log.wait_for("form_checked 0", mark));
    mark = log.mark();
    REQUIRE(gui.click("form.submit"));
    auto submitted = log.wait_for("submitted ", mark);
    REQUIRE(submitted);
    CHECK_THAT(*submitted, Catch::EndsWith(" submitted"));
    const long id = std::stol(submitted->substr(10));

    auto list = dj::test::run_cli("form submissions formtest.visit --unit D0001-B01 --json --db " + db + plugins);
    REQUIRE(list.exit_code == 0);
    auto j = nlohmann::json::parse(list.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["id"] == id);
    CHECK(j[0]["period"] == "2020-12");
    CHECK(j[0]["state"] == "submitted");
    CHECK(j[0]["on_time"] == true);
    CHECK(j[0]["values"]["member"] == std::stol(member));
    CHECK(j[0]["values"]["occasion"] == "七一");
    CHECK(j[0]["values"]["date"] == "2020-12-10");
    CHECK(j[0]["values"]["amount"] == 500);

    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

TEST_CASE("gui e2e: an administrator reopens a closed month for the one organisation whose own report is missing",
          "[gui][e2e][forms]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // today is 2020-12-20: October's 党费收缴 closed long ago
    // The demo's own filing decides who reported: take the first department with an
    // organisation above its branches (机关党委 / 党总支) whose own report is missing, and a
    // branch of it that reported.
    std::string dept, missing, reported;
    {
        auto cli = dj::test::run_cli("completeness --db " + db + " --form orglife.dues --period 2020-10 --json");
        REQUIRE(cli.exit_code == 0);
        std::string here, here_missing, here_reported;
        for (const auto& r : nlohmann::json::parse(cli.out)) {
            const std::string type = r["type"], unit = r["unit"];
            if (type == "department") {
                if (!here_missing.empty() && !here_reported.empty()) break;
                here = unit, here_missing.clear(), here_reported.clear();
            } else if (type != "branch" && here_missing.empty() && r["own_expected"] > r["own_submitted"]) {
                here_missing = unit;
            } else if (type == "branch" && here_reported.empty() && r["own_expected"] == 1 && r["own_submitted"] == 1) {
                here_reported = unit;
            }
            dept = here, missing = here_missing, reported = here_reported;
        }
    }
    INFO("department " << dept << ", missing " << missing << ", reported " << reported);
    REQUIRE(!missing.empty());
    REQUIRE(!reported.empty());
    // What the demo already reopened (it reopens some periods itself), read before and after.
    auto reopen_rows = [&] {
        auto c = dj::db::Connection::open(db, false);
        auto st = c.prepare(
            "SELECT r.until, r.reason FROM period_reopen r JOIN org_node n ON n.id = r.org_id "
            "WHERE r.form_id = 'orglife.dues' AND r.period = '2020-10' AND n.code = ?");
        st.bind(1, missing);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.text(0) + " " + st.text(1));
        return out;
    };
    auto audit_reopens = [&] {
        auto c = dj::db::Connection::open(db, false);
        auto st = c.prepare("SELECT count(*) FROM audit_log WHERE action = 'period.reopen'");
        st.step();
        return st.int64(0);
    };
    REQUIRE(reopen_rows().empty());
    const auto audited = audit_reopens();

    GuiSession gui(display.name(),
                   "gui --db " + db + " --screen completeness --form orglife.dues --period 2020-10 --node " + dept +
                       " --width 1280 --height 800",
                   dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(log.wait_for("completeness_rows "));
    // Offered for the 机关党委, not for a branch that reported.
    REQUIRE(gui.click("completeness.reopen." + missing));
    CHECK_FALSE(log.rect("completeness.reopen." + reported, 0));

    // No reason: refused, and said so under the buttons.
    auto mark = log.mark();
    REQUIRE(gui.click("completeness.reopen.ok"));
    auto refused = log.wait_for("reopen_failed ", mark);
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("重新开放须填写原因"));

    // A reason, but a last day already past: refused too.
    REQUIRE(gui.click("completeness.reopen.reason"));
    REQUIRE(log.wait_for("focus completeness.reopen.reason"));
    REQUIRE(gui.type_checked("completeness.reopen.reason", "系统故障"));
    REQUIRE(gui.click("completeness.reopen.until"));
    REQUIRE(log.wait_for("focus completeness.reopen.until"));
    gui.chord("ctrl", "a");
    mark = log.mark();
    gui.type("2020-12-01");
    REQUIRE(log.wait_for("edit completeness.reopen.until 2020-12-01", mark));
    mark = log.mark();
    REQUIRE(gui.click("completeness.reopen.ok"));
    refused = log.wait_for("reopen_failed ", mark);
    REQUIRE(refused);
    CHECK_THAT(*refused, Catch::Contains("早于今天"));
    CHECK(reopen_rows().empty());  // nothing written by either refusal
    CHECK(audit_reopens() == audited);

    // Fixed: reopened until the 31st.
    REQUIRE(gui.click("completeness.reopen.until"));
    gui.chord("ctrl", "a");
    mark = log.mark();
    gui.type("2020-12-31");
    REQUIRE(log.wait_for("edit completeness.reopen.until 2020-12-31", mark));
    mark = log.mark();
    REQUIRE(gui.click("completeness.reopen.ok"));
    auto done = log.wait_for("reopened ", mark);
    REQUIRE(done);
    CHECK(*done == "reopened 2020-12-31");
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");

    CHECK(reopen_rows() == std::vector<std::string>{"2020-12-31 系统故障"});
    CHECK(audit_reopens() == audited + 1);
}
