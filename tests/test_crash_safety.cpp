// Crash safety: a child submits in a loop and is killed with SIGKILL at random moments.
// After each kill the database must pass integrity_check and hold every submission the
// child saw acknowledged.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "support.hpp"

using namespace dj;

namespace {

// Starts the child with stdout on a pipe; returns its pid and the read end.
std::pair<pid_t, FILE*> spawn(const std::string& db, const std::string& plugins) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(DJ_CRASH_CHILD_PATH, "crash_child", db.c_str(), plugins.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    return {pid, fdopen(fds[0], "r")};
}

}  // namespace

TEST_CASE("killed at random moments, the database stays sound and keeps every acknowledged submission",
          "[crash]") {
    std::string plugins = std::string(DJ_TESTS_DIR) + "/forms_fixture";
    test::SmallCounty c;
    c.svc->set_extra_plugin_dirs({plugins});
    c.svc->set_plugin(c.as("admin"), PluginSetting{"formtest", "GW", true, "{}", false});
    auto admin = c.as("admin");
    auto m = c.svc->member(admin, 1, c.svc->today());
    c.svc->update_member(admin, 1, MemberInput{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status,
                                               m.branch_code, "", "", {"生活困难"}});
    c.svc->connection().exec_script("INSERT INTO app_setting(key, value) VALUES ('as_of', '2021-06-15')");
    c.svc.reset();  // the child owns the file from here on

    std::set<long long> acknowledged;
    std::mt19937 rng(20200701);
    const int kills = 25;
    for (int round = 0; round < kills; ++round) {
        auto [pid, out] = spawn(c.db_path, plugins);
        // Wait until it is submitting (loading the bundled plugins takes a moment on a busy
        // machine), then kill it at a random moment within the next stretch.
        char first[64];
        if (std::fgets(first, sizeof first, out)) {
            long long id = 0;
            if (std::sscanf(first, "ACK %lld", &id) == 1) acknowledged.insert(id);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 120));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status));
        char line[64];
        while (std::fgets(line, sizeof line, out)) {
            long long id = 0;
            if (std::sscanf(line, "ACK %lld", &id) == 1) acknowledged.insert(id);
        }
        std::fclose(out);

        auto db = db::Connection::open(c.db_path, false);
        auto check = db.prepare("PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.text(0) == "ok");
        std::set<long long> stored;
        auto ids = db.prepare("SELECT id FROM submission");
        while (ids.step()) stored.insert(ids.int64(0));
        for (auto id : acknowledged) {
            INFO("round " << round << ", acknowledged submission " << id);
            CHECK(stored.count(id) == 1);
        }
        // Each submission and its audit row commit together: the chain never breaks.
        auto svc = LocalService::open(c.db_path);
        CHECK(svc->audit_verify(svc->actor("admin")).intact);
    }
    INFO("acknowledged in all: " << acknowledged.size());
    CHECK(acknowledged.size() > static_cast<std::size_t>(kills));  // the child really worked between kills
}
