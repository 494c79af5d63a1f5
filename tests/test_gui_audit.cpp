// The audit screen shows the whole verdict of `audit verify`, not only its reason: rendered
// for real under a private Xvfb with a deep check run (--screen audit_verify), the screen
// names each business row edited behind the program's back and what differs, in Chinese,
// and the notes on what the check could not prove.
#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj;
using namespace dj::test::gui;

TEST_CASE("gui: the audit screen lists each mismatch of a deep check, the row and what differs", "[gui][audit]") {
    VirtualDisplay display;
    if (!gui_built() || !have_program("Xvfb")) {
        WARN("no GUI build or no Xvfb: skipped");
        return;
    }
    REQUIRE(display.ok());
    test::SmallCounty c;
    // Someone with sqlite3 renames a member and gives another a new post, past the program.
    c.svc->connection().exec_script(
        "UPDATE member SET name = '改名者' WHERE name = '张三';"
        "UPDATE member SET post = '书记' WHERE name = '王五';");
    c.svc.reset();

    auto png = c.dir.file("audit.png");
    auto log = c.dir.file("audit.log");
    auto r = run_dangjian(display.name(),
                          "gui --db " + c.db_path + " --as admin --screen audit_verify --screenshot " + png +
                              " --width 1200 --height 760 --automation-log " + log,
                          c.dir.path().string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(stat_value(r.out, "missing_glyphs") == "0");

    std::vector<std::string> mismatches;
    std::string verdict, reason;
    std::istringstream in(slurp(log));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("audit_verdict ", 0) == 0) verdict = line.substr(14);
        if (line.rfind("audit_reason ", 0) == 0) reason = line.substr(13);
        if (line.rfind("audit_mismatch ", 0) == 0) mismatches.push_back(line.substr(15));
    }
    CHECK(verdict == "broken");
    CHECK_THAT(reason, Catch::Contains("2 处"));
    REQUIRE(mismatches.size() == 2);
    // Row and difference, as the screen's two columns show them.
    CHECK_THAT(mismatches, Catch::VectorContains(std::string("党员 1（改名者）\t「姓名」：日志为「张三」，现为「改名者」（被绕过程序改动）")));
    bool post_named = false;
    for (const auto& m : mismatches)
        post_named |= m.find("（王五）\t「职务」：日志为「」，现为「书记」") != std::string::npos;
    CHECK(post_named);
}
