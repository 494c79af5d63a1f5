// The 登录 window against a real server (issue 12), typed into through the real window
// (Xvfb + xdotool, gui/gui_harness.hpp): a branch 填报人 signs in with the one-time password
// an administrator gave, sets their own in 修改密码, files a visit record and submits it; a
// second GUI opens on the session the first one saved, 退出登录, and the department's
// administrator signs in and approves it. And an expired session asks to log in again over
// the form being filled, which is still there to submit afterwards.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>

#include "gui/gui_harness.hpp"
#include "http_support.hpp"
#include "remote/remote_service.hpp"
#include "support.hpp"

using namespace dj;
using namespace dj::test::gui;
using nlohmann::json;

namespace {

// The session file lives under $XDG_CONFIG_HOME: the test's own, restored afterwards.
struct ConfigHome {
    std::optional<std::string> before;
    explicit ConfigHome(const std::string& dir) {
        if (const char* v = std::getenv("XDG_CONFIG_HOME")) before = v;
        ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    }
    ~ConfigHome() {
        if (before) ::setenv("XDG_CONFIG_HOME", before->c_str(), 1);
        else ::unsetenv("XDG_CONFIG_HOME");
    }
};

// The served file: the forms fixture enabled county-wide, 张三 (member 1, of 甲局第一党支部)
// living in difficulty so a visit may name him.
void with_forms(LocalService& s) {
    test::use_forms_fixture(s);
}

// What the GUI logged from line `from` on (for a failure's message).
std::string tail_of(const AutomationLog& log, std::size_t from) {
    std::string out;
    auto all = log.lines();
    for (std::size_t i = from; i < all.size(); ++i) out += all[i] + "\n";
    return out;
}

// Types into a field after clicking it, and waits for the GUI to hold it (`shown`: what the
// automation log prints for it; passwords print as stars).
void fill(const GuiSession& gui, const std::string& id, const std::string& text, std::optional<std::string> shown = {}) {
    const auto& log = gui.log();
    auto mark = log.mark();
    auto step = [&](bool ok, const char* what) {
        if (!ok) FAIL("field " << id << ": " << what << "; the GUI's log from there:\n" << tail_of(log, mark));
    };
    step(gui.click(id), "never shown");
    // The field may have had the cursor already (the window puts it in the first empty one):
    // what counts is that the latest focus is this field.
    auto focused = [&] {
        std::string last;
        for (const auto& l : log.lines())
            if (l.rfind("focus ", 0) == 0) last = l;
        return last == "focus " + id;
    };
    bool has_focus = focused();
    for (int i = 0; i < 100 && !has_focus; ++i) {
        sleep_ms(100);
        has_focus = focused();
    }
    step(has_focus, "no focus after the click");
    gui.chord("ctrl", "a");
    gui.type(text);
    step(log.wait_for("edit " + id + " " + shown.value_or(text), mark).has_value(), "the text did not arrive");
}

void log_in(const GuiSession& gui, const std::string& login, const std::string& password) {
    fill(gui, "login.account", login);
    fill(gui, "login.password", password, std::string(password.size(), '*'));
    REQUIRE(gui.click("login.submit"));
}

// A visit record for 张三 at 甲局第一党支部 (the filler's own branch, selected at login), left
// open in the editor, checked clean. `date` inside June 2021, the served county's month.
void fill_visit(const GuiSession& gui, const std::string& date, const std::string& amount) {
    const auto& log = gui.log();
    auto mark = log.mark();
    REQUIRE(gui.click("nav.forms"));
    REQUIRE(log.wait_for("screen forms", mark));
    REQUIRE(gui.click("forms.new.formtest.visit"));
    REQUIRE(log.wait_for("form_open formtest.visit D1-B1 2021-06 new", mark));
    REQUIRE(log.wait_for("form_checked", mark));
    REQUIRE(gui.click("form.field.member"));
    REQUIRE(gui.click("form.field.member.item.1"));
    REQUIRE(gui.click("form.field.occasion"));
    REQUIRE(gui.click("form.field.occasion.opt.2"));  // 七一
    mark = log.mark();
    fill(gui, "form.field.date", date);
    fill(gui, "form.field.amount", amount);
    REQUIRE(log.wait_for("form_checked 0", mark));  // the service finds nothing wrong
}

std::vector<std::pair<std::string, std::string>> audit_of(test::SmallCounty& c, const std::string& target) {
    auto st = c.svc->connection().prepare("SELECT actor, action FROM audit_log WHERE target = ? ORDER BY id");
    st.bind(1, target);
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step()) out.emplace_back(st.text(0), st.text(1));
    return out;
}

std::size_t audit_count(test::SmallCounty& c, const std::string& actor, const std::string& action) {
    auto st = c.svc->connection().prepare("SELECT count(*) FROM audit_log WHERE actor = ? AND action = ?");
    st.bind(1, actor);
    st.bind(2, action);
    st.step();
    return static_cast<std::size_t>(st.int64(0));
}

}  // namespace

TEST_CASE("gui e2e: log in through the 登录 window, change the one-time password, submit, the department approves",
          "[gui][e2e][server][login]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    ConfigHome home(dir.file("config"));
    test::ServedCounty served(with_forms);
    auto& county = served.county;
    const std::string first = county.svc->reset_password(county.as("admin"), "filler1").initial_password;
    const std::string mine = "Filler-own-2021";
    // The department's administrator already has a password of their own.
    const std::string approver = "Unit1-own-2021";
    {
        auto reset = county.svc->reset_password(county.as("admin"), "unit1");
        auto c = remote::connect(served.url);
        auto s = c->login({"unit1", reset.initial_password, ""});
        c->change_password(s.actor, reset.initial_password, approver);
        c->logout(s.token);
    }

    long id = 0;
    {
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --server " + served.url + " --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        // No saved session: the 登录 window, not a refusal.
        REQUIRE(log.wait_for("login_window -"));
        REQUIRE(log.wait_for("idle"));  // laid out where it stays

        // A wrong password first: said plainly, and the window stays.
        auto mark = log.mark();
        log_in(gui, "filler1", "not-the-password");
        auto wrong = log.wait_for("login_failed ", mark);
        REQUIRE(wrong);
        CHECK(*wrong == "login_failed 登录名或密码不正确");

        // The one-time password: signed in, but 修改密码 comes first; a short one is refused
        // with the rule's words.
        mark = log.mark();
        fill(gui, "login.password", first, std::string(first.size(), '*'));
        REQUIRE(gui.click("login.submit"));
        REQUIRE(log.wait_for("password_change_needed filler1", mark));
        fill(gui, "login.new_password", "short", "*****");
        fill(gui, "login.repeat_password", "short", "*****");
        mark = log.mark();
        REQUIRE(gui.click("login.change_password"));
        auto refused = log.wait_for("password_change_failed ", mark);
        REQUIRE(refused);
        CHECK_THAT(*refused, Catch::Contains("新密码太短：至少需要 10 个字符"));
        fill(gui, "login.new_password", mine, std::string(mine.size(), '*'));
        fill(gui, "login.repeat_password", mine, std::string(mine.size(), '*'));
        mark = log.mark();
        REQUIRE(gui.click("login.change_password"));
        REQUIRE(log.wait_for("login_ok filler1", mark));
        REQUIRE(log.wait_for("actor filler1", mark));
        REQUIRE(log.wait_for("selected D1-B1", mark));

        // The session is kept where `dangjian login` keeps it, readable only by the user.
        const std::string file = dir.file("config") + "/dangjian/session.json";
        struct stat st {};
        REQUIRE(::stat(file.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        CHECK(json::parse(slurp(file))[served.url]["login"] == "filler1");

        fill_visit(gui, "2021-06-10", "500");
        mark = log.mark();
        REQUIRE(gui.click("form.submit"));
        auto submitted = log.wait_for("submitted ", mark);
        REQUIRE(submitted);
        CHECK_THAT(*submitted, Catch::EndsWith(" submitted"));
        id = std::stol(submitted->substr(10));
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }
    REQUIRE(id > 0);

    {
        // The CLI and the GUI share one login: a new window opens as filler1 without asking.
        dj::test::TempDir scratch;
        GuiSession gui(display.name(), "gui --server " + served.url + " --screen whoami --width 1280 --height 800",
                       scratch.path().string());
        const auto& log = gui.log();
        REQUIRE(log.wait_for("actor filler1"));
        REQUIRE(log.wait_for("idle"));
        CHECK_FALSE(log.wait_for("login_window", 0, 0));
        // No switching identity against the server: 退出登录 instead.
        CHECK_FALSE(log.rect("whoami.switch.unit1", 0));
        auto mark = log.mark();
        REQUIRE(gui.click("whoami.logout"));
        REQUIRE(log.wait_for("logged_out", mark));
        REQUIRE(log.wait_for("login_window 已退出登录", mark));
        CHECK(json::parse(slurp(dir.file("config") + "/dangjian/session.json")).count(served.url) == 0);

        mark = log.mark();
        log_in(gui, "unit1", approver);
        REQUIRE(log.wait_for("login_ok unit1", mark));
        REQUIRE(log.wait_for("actor unit1", mark));
        mark = log.mark();
        REQUIRE(gui.click("nav.todo"));
        REQUIRE(log.wait_for("screen todo", mark));
        REQUIRE(log.wait_for("todo_loaded ", mark));
        REQUIRE(gui.click("todo.check." + std::to_string(id)));
        mark = log.mark();
        REQUIRE(gui.click("todo.approve_selected"));
        auto batch = log.wait_for("batch_approved ", mark);
        REQUIRE(batch);
        CHECK(*batch == "batch_approved 1 0");
        CHECK(gui.quit() == 0);
        CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
    }

    // The server's file: filler1's record, approved at the department's step by unit1.
    auto s = county.svc->submission(county.as("admin"), id);
    CHECK(s.author == "filler1");
    CHECK(s.state == "submitted");
    CHECK(s.step == 1);
    CHECK(json::parse(s.values_json)["amount"] == 500);
    bool approved_by_unit1 = false;
    for (const auto& h : s.history) approved_by_unit1 = approved_by_unit1 || (h.actor == "unit1" && h.action == "approve");
    CHECK(approved_by_unit1);
    // And the audit log says both, with the logins and the password change.
    const auto trail = audit_of(county, "submission:" + std::to_string(id));
    CHECK(std::count(trail.begin(), trail.end(), std::make_pair(std::string("filler1"), std::string("submission.submit"))) == 1);
    CHECK(std::count(trail.begin(), trail.end(), std::make_pair(std::string("unit1"), std::string("submission.approve"))) == 1);
    CHECK(audit_count(county, "filler1", "user.login") == 1);
    CHECK(audit_count(county, "filler1", "user.password_change") == 1);
    CHECK(audit_count(county, "unit1", "user.login") == 2);  // the setup's, and the GUI's
}

namespace {
std::atomic<std::int64_t> server_now{1'700'000'000};
}

TEST_CASE("gui e2e: an expired session asks to log in again and keeps the unsaved form", "[gui][e2e][server][login]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    ConfigHome home(dir.file("config"));
    test::ServedCounty served([](LocalService& s) {
        with_forms(s);
        s.set_clock([] { return server_now.load(); });
    });
    auto& county = served.county;
    const std::string password = "Filler-own-2021";
    int idle = 0;
    {
        auto reset = county.svc->reset_password(county.as("admin"), "filler1");
        auto c = remote::connect(served.url);
        auto s = c->login({"filler1", reset.initial_password, ""});
        c->change_password(s.actor, reset.initial_password, password);
        idle = s.idle_timeout_seconds;
        c->logout(s.token);
    }
    REQUIRE(idle > 0);

    GuiSession gui(display.name(), "gui --server " + served.url + " --width 1280 --height 800", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("login_window -"));
    REQUIRE(log.wait_for("idle"));  // laid out where it stays
    auto mark = log.mark();
    log_in(gui, "filler1", password);
    REQUIRE(log.wait_for("login_ok filler1", mark));
    fill_visit(gui, "2021-06-12", "321");

    // The clerk goes to lunch: the session ends on the server while the draft sits unsaved.
    server_now += idle + 60;
    mark = log.mark();
    REQUIRE(gui.click("form.submit"));
    REQUIRE(log.wait_for("session_expired", mark));
    REQUIRE(log.wait_for("login_window 登录已过期，请重新登录", mark));
    // Nothing was stored by the refused submission.
    {
        auto st = county.svc->connection().prepare("SELECT count(*) FROM submission");
        st.step();
        CHECK(st.int64(0) == 0);
    }

    // The account is already filled in: the password is enough.
    mark = log.mark();
    fill(gui, "login.password", password, std::string(password.size(), '*'));
    REQUIRE(gui.click("login.submit"));
    REQUIRE(log.wait_for("login_ok filler1", mark));
    // The draft is still in the editor: submitted as it was typed.
    mark = log.mark();
    REQUIRE(gui.click("form.submit"));
    auto submitted = log.wait_for("submitted ", mark);
    REQUIRE(submitted);
    const long id = std::stol(submitted->substr(10));
    auto s = county.svc->submission(county.as("admin"), id);
    CHECK(s.author == "filler1");
    auto values = json::parse(s.values_json);
    CHECK(values["date"] == "2021-06-12");
    CHECK(values["amount"] == 321);
    CHECK(values["occasion"] == "七一");
    CHECK(values["member"] == 1);
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}

namespace {
std::atomic<std::int64_t> throttle_now{1'700'000'000};
}

TEST_CASE("gui e2e: the 登录 window counts down a throttled login and says when the account is locked",
          "[gui][e2e][server][login]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    ConfigHome home(dir.file("config"));
    // Delays from the first failure, a lock at the third; the server's clock stands still
    // unless the test moves it, so a delay lasts exactly as long as the test wants.
    test::ServedCounty served([](LocalService& s) {
        s.set_clock([] { return throttle_now.load(); });
        s.connection().prepare("INSERT INTO app_setting(key, value) VALUES ('login_delay_after', '1')").run();
        s.connection().prepare("INSERT INTO app_setting(key, value) VALUES ('login_lock_after', '3')").run();
    });
    auto& county = served.county;
    const std::string password = "Filler-own-2021";
    {
        auto reset = county.svc->reset_password(county.as("admin"), "filler1");
        auto c = remote::connect(served.url);
        auto s = c->login({"filler1", reset.initial_password, ""});
        c->change_password(s.actor, reset.initial_password, password);
        c->logout(s.token);
    }

    GuiSession gui(display.name(), "gui --server " + served.url + " --width 1280 --height 800", dir.path().string());
    const auto& log = gui.log();
    REQUIRE(log.wait_for("login_window -"));
    REQUIRE(log.wait_for("idle"));  // laid out where it stays
    auto mark = log.mark();
    log_in(gui, "filler1", "wrong-password-1");
    auto failed = log.wait_for("login_failed ", mark);
    REQUIRE(failed);
    CHECK(*failed == "login_failed 登录名或密码不正确");

    // Straight away again: the server's delay (HTTP 429, retry_after 1) is what the window counts.
    mark = log.mark();
    REQUIRE(gui.click("login.submit"));
    failed = log.wait_for("login_failed ", mark);
    REQUIRE(failed);
    CHECK(*failed == "login_failed throttled 1");
    REQUIRE(log.wait_for("login_retry_ready", mark));  // 登录 is pressable again when it has run out

    // Two more wrong passwords (the delay each time let pass on the server) lock the account;
    // then even the right password is told so.
    for (int i = 0; i < 2; ++i) {
        throttle_now += 3600;
        mark = log.mark();
        REQUIRE(gui.click("login.submit"));
        failed = log.wait_for("login_failed ", mark);
        REQUIRE(failed);
        CHECK(*failed == "login_failed 登录名或密码不正确");
    }
    throttle_now += 3600;
    mark = log.mark();
    fill(gui, "login.password", password, std::string(password.size(), '*'));
    REQUIRE(gui.click("login.submit"));
    failed = log.wait_for("login_failed ", mark);
    REQUIRE(failed);
    CHECK(*failed == "login_failed 账号因多次登录失败已被锁定，请联系管理员解锁");
    CHECK(audit_count(county, "system", "user.lock") == 1);
    CHECK(gui.quit() == 0);
    CHECK(stat_value(gui.output(), "missing_glyphs") == "0");
}
