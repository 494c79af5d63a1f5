// The desktop app against a real server (issue 12): `gui --server URL` acts as the account
// `dangjian login` signed in, sees that account's scope through the server, and without a
// session says what to do instead of opening.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

#include "gui/gui_harness.hpp"
#include "http_support.hpp"
#include "remote/remote_service.hpp"
#include "support.hpp"

using namespace dj;
using namespace dj::test::gui;

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

}  // namespace

TEST_CASE("gui --server: the desktop app runs against a real server as the logged-in account", "[gui][server]") {
    VirtualDisplay display;
    if (!e2e_possible(display)) return;
    dj::test::TempDir dir;
    ConfigHome home(dir.file("config"));
    test::ServedCounty served;
    auto& county = served.county;

    // unit1 (单位管理员 of D1) gets a one-time password, sets their own, and signs in with
    // `dangjian login`, which keeps the token where the GUI finds it.
    const std::string first = county.svc->reset_password(county.as("admin"), "unit1").initial_password;
    auto client = remote::connect(served.url);
    auto session = client->login({"unit1", first, ""});
    const std::string password = "Gui-remote-2021";
    client->change_password(session.actor, first, password);
    auto cli = [&](const std::string& args, const std::string& input) {
        return std::system(("printf '%s\\n' '" + input + "' | " + std::string(DJ_CLI_PATH) + " " + args +
                            " >/dev/null 2>&1")
                               .c_str());
    };
    REQUIRE(cli("login --server " + served.url + " --user unit1", password) == 0);

    auto log = dir.file("remote.log");
    auto r = run_dangjian(display.name(),
                          "gui --server " + served.url + " --screen members --screenshot " + dir.file("remote.png") +
                              " --automation-log " + log,
                          dir.path().string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(stat_value(r.out, "missing_glyphs") == "0");
    const std::string events = slurp(log);
    CHECK_THAT(events, Catch::Contains("actor unit1\n"));
    CHECK_THAT(events, Catch::Contains("selected D1\n"));
    // The register shows what the server's file holds for unit1's subtree.
    const auto members =
        county.svc->list_members(county.as("unit1"), "D1", MemberFilter{true, {}, {}, county.svc->today()});
    CHECK_THAT(events, Catch::Contains("members_loaded " + std::to_string(members.size()) + "\n"));
    // And the server answered those reads as unit1.
    bool read_as_unit1 = false;
    {
        std::lock_guard lock(served.log_mu);
        for (const auto& line : served.log)
            read_as_unit1 = read_as_unit1 || (line.find(" unit1 ") != std::string::npos &&
                                              line.find("/api/v1/list_members") != std::string::npos);
    }
    CHECK(read_as_unit1);

    SECTION("no --as against a server: you are who you logged in as") {
        auto as = run_dangjian(display.name(), "gui --server " + served.url + " --as admin", dir.path().string());
        CHECK(as.exit_code == 2);
        CHECK_THAT(as.err, Catch::Contains("不能使用 --as"));
    }
    SECTION("an ended session, or none after logout, opens the 登录 window instead of failing") {
        // Issue 12's GUI part changed this: the window asks to log in rather than exiting 2.
        county.svc->reset_password(county.as("admin"), "unit1");  // ends unit1's sessions
        auto ended_log = dir.file("ended.log");
        auto ended = run_dangjian(display.name(),
                                  "gui --server " + served.url + " --screenshot " + dir.file("x.png") +
                                      " --automation-log " + ended_log,
                                  dir.path().string());
        INFO(ended.out << ended.err);
        CHECK(ended.exit_code == 0);
        CHECK_THAT(slurp(ended_log), Catch::Contains("login_window 登录已过期，请重新登录\n"));
        CHECK_THAT(slurp(ended_log), !Catch::Contains("actor unit1"));
        CHECK(stat_value(ended.out, "missing_glyphs") == "0");
        CHECK(cli("logout --server " + served.url, "") == 0);
        auto none_log = dir.file("none.log");
        auto none = run_dangjian(display.name(),
                                 "gui --server " + served.url + " --screenshot " + dir.file("y.png") +
                                     " --automation-log " + none_log,
                                 dir.path().string());
        CHECK(none.exit_code == 0);
        CHECK_THAT(slurp(none_log), Catch::Contains("login_window -\n"));
    }
}
