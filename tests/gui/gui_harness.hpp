#pragma once
// Helpers for the GUI tests: a private Xvfb display, the real `dangjian gui` as a child
// process, its --automation-log, and synthetic input through xdotool. Header-only so the
// GUI test files can share it without touching tests/CMakeLists.txt.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

namespace dj::test::gui {

inline bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Single quotes for the shell.
inline std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

inline void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Does `dangjian gui` exist in this build (DJ_BUILD_GUI may be off)?
inline bool gui_built() {
    // Without the GUI, `gui --help` falls back to the top-level help and still exits 0: ask
    // for an option only the gui command has.
    std::string cmd = std::string(DJ_CLI_PATH) + " gui --help 2>/dev/null | grep -q -- --screenshot";
    return std::system(cmd.c_str()) == 0;
}

// Xvfb on a display number it picks itself (-displayfd), killed when this goes.
class VirtualDisplay {
public:
    explicit VirtualDisplay(const std::string& screen = "1280x800x24") {
        int fds[2];
        if (pipe(fds) != 0) return;
        const std::string fd = std::to_string(fds[1]);  // everything the child needs, made before fork
        pid_ = fork();
        if (pid_ == 0) {
            close(fds[0]);
            int null = open("/dev/null", O_RDWR);
            if (null >= 0) {
                dup2(null, 1);
                dup2(null, 2);
            }
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp",
                   "-noreset", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        if (pid_ < 0) {
            close(fds[0]);
            return;
        }
        pollfd p{fds[0], POLLIN, 0};
        std::string number;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            if (poll(&p, 1, 200) > 0) {
                char buf[32];
                ssize_t n = read(fds[0], buf, sizeof buf);
                if (n <= 0) break;
                number.append(buf, static_cast<std::size_t>(n));
                if (number.find('\n') != std::string::npos) break;
            }
        }
        close(fds[0]);
        while (!number.empty() && (number.back() == '\n' || number.back() == '\r')) number.pop_back();
        if (!number.empty()) name_ = ":" + number;
    }
    ~VirtualDisplay() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
    }
    VirtualDisplay(const VirtualDisplay&) = delete;
    VirtualDisplay& operator=(const VirtualDisplay&) = delete;

    bool ok() const { return !name_.empty(); }
    const std::string& name() const { return name_; }

private:
    pid_t pid_ = -1;
    std::string name_;
};

// Whether the real window can be driven here (a GUI build, Xvfb and xdotool), WARNing why
// not; a display that failed to start is a failure, not a skip.
inline bool e2e_possible(VirtualDisplay& display) {
    if (!gui_built()) {
        WARN("dangjian was built without the GUI: skipped");
        return false;
    }
    if (!have_program("Xvfb") || !have_program("xdotool")) {
        WARN("Xvfb or xdotool is not installed (apt-get install xvfb xdotool): GUI end-to-end tests skipped");
        return false;
    }
    REQUIRE(display.ok());
    return true;
}

struct Run {
    int exit_code = -1;
    std::string out, err;
};

// Runs `dangjian ARGS` on the display (empty: no DISPLAY at all).
inline Run run_dangjian(const std::string& display, const std::string& args, const std::string& scratch_dir) {
    std::string out = scratch_dir + "/run.out", err = scratch_dir + "/run.err";
    std::string env = display.empty() ? "env -u DISPLAY -u WAYLAND_DISPLAY " : "env DISPLAY=" + display + " ";
    std::string cmd = env + DJ_CLI_PATH + std::string(" ") + args + " >" + out + " 2>" + err + " </dev/null";
    int status = std::system(cmd.c_str());
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

// "key=value" from the GUI's stdout, or "".
inline std::string stat_value(const std::string& out, const std::string& key) {
    std::size_t at = 0;
    while ((at = out.find(key + "=", at)) != std::string::npos) {
        if (at == 0 || out[at - 1] == ' ' || out[at - 1] == '\n') {
            std::size_t start = at + key.size() + 1;
            std::size_t end = out.find_first_of(" \n", start);
            return out.substr(start, end == std::string::npos ? std::string::npos : end - start);
        }
        at += key.size();
    }
    return "";
}

// The whole X screen as DIR/NAME.png (ImageMagick's import) when DJ_SCREENSHOT_DIR=DIR is set:
// the e2e tests' states for docs/screenshots (tests/gui/make_screenshots.sh sets it). Waits a
// moment first, so the frame after the last event is the one taken.
inline void capture(const std::string& display, std::string name) {
    const char* dir = std::getenv("DJ_SCREENSHOT_DIR");
    if (!dir || !*dir || !have_program("import")) return;
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".png") != 0) name += ".png";
    sleep_ms(600);
    std::string cmd = "env DISPLAY=" + display + " import -window root " + quote(std::string(dir) + "/" + name) + " 2>/dev/null";
    (void)std::system(cmd.c_str());
}

// A PNG's size from its IHDR chunk.
inline std::optional<std::pair<int, int>> png_size(const std::string& path) {
    std::string b = slurp(path);
    if (b.size() < 24 || b.compare(1, 3, "PNG") != 0 || b.compare(12, 4, "IHDR") != 0) return std::nullopt;
    auto be32 = [&](std::size_t i) {
        return (static_cast<unsigned char>(b[i]) << 24) | (static_cast<unsigned char>(b[i + 1]) << 16) |
               (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
    };
    return std::make_pair(static_cast<int>(be32(16)), static_cast<int>(be32(20)));
}

// Distinct colours in an image, by ImageMagick (-1 when it is not installed).
inline long png_colours(const std::string& path, const std::string& scratch_dir) {
    if (access("/usr/bin/convert", X_OK) != 0) return -1;
    std::string out = scratch_dir + "/colours.txt";
    std::string cmd = "/usr/bin/convert " + quote(path) + " -format %k info: >" + out + " 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return -1;
    return std::atol(slurp(out).c_str());
}

// The GUI's --automation-log, read as it grows.
class AutomationLog {
public:
    explicit AutomationLog(std::string path) : path_(std::move(path)) {}

    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        std::istringstream in(slurp(path_));
        for (std::string line; std::getline(in, line);) out.push_back(line);
        return out;
    }
    std::size_t mark() const { return lines().size(); }
    // The last `n` lines, for a failure's message.
    std::string tail(std::size_t n = 25) const {
        auto all = lines();
        std::string out;
        for (std::size_t i = all.size() > n ? all.size() - n : 0; i < all.size(); ++i) out += all[i] + "\n";
        return out;
    }

    // Waits until a line from `from` on starts with `prefix`; returns it.
    std::optional<std::string> wait_for(const std::string& prefix, std::size_t from = 0, int timeout_ms = 30000) const {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        do {
            auto all = lines();
            for (std::size_t i = from; i < all.size(); ++i)
                if (all[i].rfind(prefix, 0) == 0) return all[i];
            sleep_ms(50);
        } while (std::chrono::steady_clock::now() < deadline);
        return std::nullopt;
    }

    struct Rect {
        int x0, y0, x1, y1;
    };
    // The latest rectangle logged for a widget id (waiting for it to appear).
    std::optional<Rect> rect(const std::string& id, int timeout_ms = 30000) const {
        if (!wait_for("rect " + id + " ", 0, timeout_ms)) return std::nullopt;
        std::optional<Rect> found;
        for (const auto& l : lines()) {
            if (l.rfind("rect " + id + " ", 0) != 0) continue;
            std::istringstream in(l.substr(6 + id.size()));
            Rect r{};
            if (in >> r.x0 >> r.y0 >> r.x1 >> r.y1) found = r;
        }
        return found;
    }
    std::pair<int, int> window_origin() const {
        auto w = wait_for("window ");
        if (!w) return {0, 0};
        std::istringstream in(w->substr(7));
        int x = 0, y = 0;
        in >> x >> y;
        return {x, y};
    }

private:
    std::string path_;
};

// The real GUI window, driven with xdotool.
class GuiSession {
public:
    GuiSession(const std::string& display, const std::string& args, const std::string& scratch_dir)
        : display_(display), log_(scratch_dir + "/automation.log"), out_path_(scratch_dir + "/gui.out") {
        // Everything the child needs is made before fork.
        const std::string cmd = "DISPLAY=" + display + " exec " + std::string(DJ_CLI_PATH) + " " + args +
                                " --automation-log " + quote(scratch_dir + "/automation.log");
        const std::string out_path = out_path_;
        pid_ = fork();
        if (pid_ == 0) {
            int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (out >= 0) {
                dup2(out, 1);
                dup2(out, 2);
            }
            execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~GuiSession() { stop(); }
    GuiSession(const GuiSession&) = delete;
    GuiSession& operator=(const GuiSession&) = delete;

    const AutomationLog& log() const { return log_; }
    std::string output() const { return slurp(out_path_); }

    void xdo(const std::string& args) const {
        std::string cmd = "env DISPLAY=" + display_ + " xdotool " + args + " >/dev/null 2>&1";
        (void)std::system(cmd.c_str());
    }
    // Moves the pointer onto the widget and clicks it; false if it never appeared.
    // Picks `path` in the file dialog (a file name field takes a whole path) of the export
    // row `id` (ExportControl: `ID.browse`, `ID.go`, the dialog `ID.dlg`; the default is in
    // the documents folder, so a test gives its own), exports, and checks the GUI says it
    // wrote that file.
    // Clicks `opener`, then in the file dialog `dialog` it opens types `path` into the file
    // name field (it takes a whole path) and confirms.
    void choose_in_dialog(const std::string& opener, const std::string& dialog, const std::string& path) const {
        auto mark = log_.mark();
        REQUIRE(click(opener));
        REQUIRE(log_.wait_for("filedlg_shown " + dialog, mark));
        REQUIRE(click(dialog + ".name"));
        REQUIRE(log_.wait_for("focus " + dialog + ".name", mark));
        chord("ctrl", "a");
        mark = log_.mark();
        // Character by character: a Chinese file name typed at once loses characters under load.
        if (!type_checked(dialog + ".name", path)) FAIL("file name not typed; log:\n" << log_.tail());
        REQUIRE(click(dialog + ".ok"));
        if (!log_.wait_for("filedlg_chosen " + dialog + " " + path, mark)) FAIL("file not chosen; log:\n" << log_.tail());
    }
    void export_to(const std::string& id, const std::string& path) const {
        choose_in_dialog(id + ".browse", id + ".dlg", path);
        auto mark = log_.mark();
        REQUIRE(click(id + ".go"));
        auto exported = log_.wait_for("exported ", mark);
        REQUIRE(exported);
        CHECK_THAT(*exported, Catch::StartsWith("exported " + path + " "));
    }
    bool click(const std::string& id) const {
        auto r = log_.rect(id);
        if (!r) return false;
        auto [wx, wy] = log_.window_origin();
        int x = wx + (r->x0 + r->x1) / 2, y = wy + (r->y0 + r->y1) / 2;
        xdo("mousemove " + std::to_string(x) + " " + std::to_string(y));
        sleep_ms(150);
        xdo("click 1");
        sleep_ms(250);
        return true;
    }
    // Types UTF-8 text as key presses (xdotool maps characters with no key, such as 汉字,
    // to a spare keycode): the window receives them as a keyboard would send them.
    void type(const std::string& text) const {
        xdo("type --delay 60 -- " + quote(text));
        sleep_ms(200);
    }
    // Types into the focused text field `field_id` one character at a time, waiting for the
    // GUI to log the field's new content after each (`already` is what the field holds now).
    // A character with no key on the keyboard is bound by xdotool to a spare keycode just for
    // its key press; if the GUI reads the keymap after xdotool has put it back, the press
    // yields nothing, so such a character is typed again (it never arrives twice: the
    // content is checked before each try).
    bool type_checked(const std::string& field_id, const std::string& text, std::string already = "") const {
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t len = 1;
            auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0xF0) len = 4;
            else if (c >= 0xE0) len = 3;
            else if (c >= 0xC0) len = 2;
            std::string ch = text.substr(i, len);
            std::string want = "edit " + field_id + " " + already + ch;
            bool done = false;
            for (int attempt = 0; attempt < 6 && !done; ++attempt) {
                auto from = log_.mark();
                xdo("type --delay 80 -- " + quote(ch));
                done = last_edit(field_id, from, 1500) == want;
                if (!done && last_edit(field_id, 0, 0) == want) done = true;
            }
            if (!done) return false;
            already += ch;
            i += len;
        }
        return true;
    }
    // The latest "edit FIELD …" line from line `from` on, waiting up to `timeout_ms` for one.
    std::string last_edit(const std::string& field_id, std::size_t from, int timeout_ms) const {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        for (;;) {
            auto all = log_.lines();
            std::string found;
            for (std::size_t k = from; k < all.size(); ++k)
                if (all[k].rfind("edit " + field_id + " ", 0) == 0) found = all[k];
            if (!found.empty() || std::chrono::steady_clock::now() >= deadline) return found;
            sleep_ms(50);
        }
    }
    // Holds the keys long enough for a frame to see them (ImGui 1.86 polls key state).
    void chord(const std::string& modifier, const std::string& key) const {
        xdo("keydown " + modifier);
        sleep_ms(80);
        xdo("keydown " + key);
        sleep_ms(120);
        xdo("keyup " + key);
        sleep_ms(60);
        xdo("keyup " + modifier);
        sleep_ms(150);
    }
    bool running() const {
        if (pid_ <= 0) return false;
        int status = 0;
        return waitpid(pid_, &status, WNOHANG) == 0;
    }
    // Asks the window to close (Ctrl+Q) and waits; kills it if it does not. Returns the exit code.
    int quit() {
        if (pid_ <= 0) return exit_code_;
        chord("ctrl", "q");
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            pid_t r = waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                pid_ = -1;
                return exit_code_;
            }
            sleep_ms(100);
        }
        stop();
        return exit_code_;
    }
    void stop() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        exit_code_ = -1;
        pid_ = -1;
    }

private:
    std::string display_;
    AutomationLog log_;
    std::string out_path_;
    pid_t pid_ = -1;
    int exit_code_ = -1;
};

}  // namespace dj::test::gui
