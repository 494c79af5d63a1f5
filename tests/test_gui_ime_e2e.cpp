// Typing Chinese through an input method, as an office PC does it: fcitx5 with its pinyin
// engine, reached over XIM (XMODIFIERS=@im=fcitx, GLFW's X11 input context), in a private
// session bus, on the test's own Xvfb display. Pinyin typed into the org tree's search field
// (the same ImGui text field every screen uses) comes out as committed 中文. See
// docs/input-method.md for how this was set up and what it shows.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "gui/gui_harness.hpp"
#include "support.hpp"

using namespace dj::test::gui;

namespace {

// fcitx5 in a session bus of its own, in its own process group (killed whole at the end).
class InputMethod {
public:
    InputMethod(const std::string& display, const std::string& dir) : log_(dir + "/fcitx5.log") {
        const std::string home = dir + "/home";
        std::string profile_dir = home + "/.config/fcitx5";
        (void)std::system(("mkdir -p " + quote(profile_dir)).c_str());
        // One group: the US keyboard and pinyin, switched with Ctrl+Space (fcitx5's default).
        std::ofstream(profile_dir + "/profile") << "[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n"
                                                   "[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n"
                                                   "[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n";
        const std::string pid_file = dir + "/fcitx5.pid";
        std::string cmd = "cd " + quote(dir) + " && env DISPLAY=" + display + " HOME=" + quote(home) +
                          " LANG=C.UTF-8 LC_ALL=C.UTF-8 setsid dbus-run-session -- fcitx5 --verbose='*=4' >" + quote(log_) +
                          " 2>&1 & echo $! >" + quote(pid_file);
        (void)std::system(cmd.c_str());
        pgid_ = std::atoi(slurp(pid_file).c_str());
    }
    ~InputMethod() {
        if (pgid_ > 0) kill(-pgid_, SIGTERM);
    }
    // Its XIM server is up (the window must open after it, or GLFW finds no input method).
    bool ready(int timeout_ms = 20000) const {
        for (int waited = 0; waited < timeout_ms; waited += 100) {
            if (slurp(log_).find("Loaded addon xim") != std::string::npos) return true;
            sleep_ms(100);
        }
        return false;
    }

private:
    std::string log_;
    int pgid_ = -1;
};

}  // namespace

TEST_CASE("gui e2e: pinyin typed through fcitx5 commits 中文 into a text field", "[gui][e2e][ime]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    if (!have_program("fcitx5") || !have_program("dbus-run-session") ||
        access("/usr/share/fcitx5/addon/pinyin.conf", R_OK) != 0) {
        WARN("fcitx5, fcitx5-pinyin or dbus-x11 is not installed: input method test skipped");
        return;
    }
    dj::test::TempDir dir;
    auto db = dir.file("c.db");
    dj::test::make_demo(db);
    InputMethod im(display.name(), dir.path().string());
    REQUIRE(im.ready());
    sleep_ms(1500);  // its pinyin engine loads right after

    // The window finds the input method through XMODIFIERS, in a UTF-8 locale.
    setenv("XMODIFIERS", "@im=fcitx", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    GuiSession gui(display.name(), "gui --db " + db + " --width 1280 --height 800", dir.path().string());
    unsetenv("XMODIFIERS");
    unsetenv("LC_ALL");
    const auto& log = gui.log();
    REQUIRE(log.wait_for("idle"));
    REQUIRE(gui.click("tree.search"));
    REQUIRE(log.wait_for("focus tree.search"));
    gui.chord("ctrl", "space");  // pinyin on
    gui.type("zhongwen");
    gui.xdo("key space");  // the first candidate
    auto edit = log.wait_for("edit tree.search ", 0, 15000);
    REQUIRE(edit);
    CHECK(*edit == "edit tree.search 中文");
    // What was typed before the commit never reached the field as Latin letters.
    for (const auto& line : log.lines()) CHECK(line.find("edit tree.search z") == std::string::npos);
    CHECK(gui.quit() == 0);
}
