// 打印（PDF） through the real window (Xvfb + xdotool, see gui/gui_harness.hpp): beside 导出 on the
// 考核 and 整改 screens. Each press writes the PDF beside the Excel file the row names (its
// extension .pdf), says so, and the file reads back with poppler as the CLI's does.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;
using nlohmann::json;

namespace {

std::string pdf_text(const std::string& path) {
    std::string out;
    FILE* p = ::popen(("pdftotext -enc UTF-8 " + quote(path) + " - 2>/dev/null").c_str(), "r");
    if (!p) return out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
    return out;
}

// Chooses `chosen` in the row's 更改位置… dialog (ID.browse), presses 打印（PDF） (ID.pdf) and
// checks the GUI says it wrote `written` (the chosen name ending in .pdf).
void print_to(const GuiSession& gui, const std::string& id, const std::string& chosen, const std::string& written) {
    const auto& log = gui.log();
    gui.choose_in_dialog(id + ".browse", id + ".dlg", chosen);
    auto mark = log.mark();
    REQUIRE(gui.click(id + ".pdf"));
    auto exported = log.wait_for("exported ", mark);
    REQUIRE(exported);
    CHECK_THAT(*exported, Catch::StartsWith("exported " + written + " "));
}

}  // namespace

TEST_CASE("gui e2e: 打印（PDF） on the 考核 and 整改 screens", "[gui][e2e][print]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
        WARN("poppler-utils is not installed (apt-get install poppler-utils): print test skipped");
        return;
    }
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);  // pinned to 2020-12-20

    SECTION("考核 and 整改, as the 工委 administrator") {
        GuiSession gui(display.name(), "gui --db " + db + " --screen assess --node GW --period 2020 --width 1280 --height 800",
                       dir.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("assessment_rows "));
        print_to(gui, "assess.export", dir.file("summary.xlsx"), dir.file("summary.pdf"));
        std::string text = pdf_text(dir.file("summary.pdf"));
        CHECK_THAT(text, Catch::Contains("2020年度党建考核结果汇总表"));
        CHECK_THAT(text, Catch::Contains("县委办公室"));

        REQUIRE(gui.click("nav.rectify"));
        REQUIRE(log.wait_for("rectifications_loaded "));
        print_to(gui, "rectify.export", dir.file("ledger.xlsx"), dir.file("ledger.pdf"));
        CHECK_THAT(pdf_text(dir.file("ledger.pdf")), Catch::Contains("整改事项台账"));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
}
