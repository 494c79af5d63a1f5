// The server's workers: writes from many threads through group commit, reads beside them on
// the read pool, and readers renewed after a write that changed the plugins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "core/errors.hpp"
#include "service/server_workers.hpp"
#include "support.hpp"

using namespace dj;

namespace {

ReadPool::Opener opener(const std::string& path) {
    return [path] { return LocalService::open(path); };
}

bool lists(const std::vector<PluginInfo>& plugins, const std::string& id) {
    return std::any_of(plugins.begin(), plugins.end(), [&](const PluginInfo& p) { return p.id == id; });
}

}  // namespace

TEST_CASE("server workers: concurrent writes and reads, every acknowledged write kept", "[server_workers]") {
    test::SmallCounty c;
    const auto before = c.member_count();
    auto admin = c.as("admin");
    auto m = c.svc->member(admin, 1, c.svc->today());
    c.svc.reset();
    std::atomic<int> added{0}, reads{0};
    {
        ServerWorkers workers(opener(c.db_path), 3);
        std::vector<std::thread> threads;
        for (int t = 0; t < 6; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 5; ++i) {
                    workers.write([&](Service& s) {
                        MemberInput in{"新党员" + std::to_string(t * 10 + i), m.gender, m.birth_date, m.join_date, m.full_date,
                                       m.status, m.branch_code, "", "", {}};
                        s.add_member(admin, in);
                    });
                    ++added;
                    workers.read([&](Service& s) {
                        s.list_members(admin, "XW", MemberFilter{true, {}, {}, s.today()});
                        ++reads;
                    });
                }
            });
        for (auto& t : threads) t.join();
        CHECK(workers.write_stats().jobs == 30);
        CHECK(workers.write_stats().failed_jobs == 0);
    }
    CHECK(added == 30);
    CHECK(reads == 30);
    auto svc = LocalService::open(c.db_path);
    CHECK(svc->list_members(svc->actor("admin"), "XW", MemberFilter{true, {}, {}, svc->today()}).size() == before + 30);
}

TEST_CASE("server workers: after a write changes the plugin folders, reads see the new plugins", "[server_workers]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    c.svc.reset();
    ServerWorkers workers(opener(c.db_path), 1);
    // The reader loads the plugins it knows now.
    workers.read([&](Service& s) { CHECK_FALSE(lists(s.list_plugins(admin), "formtest")); });
    workers.write([&](Service& s) { s.set_plugin_folders(admin, {std::string(DJ_TESTS_DIR) + "/forms_fixture"}); });
    workers.read([&](Service& s) { CHECK(lists(s.list_plugins(admin), "formtest")); });
}

TEST_CASE("server workers: a damaged file is refused at start", "[server_workers]") {
    test::SmallCounty c;
    c.svc.reset();
    // Garbage over a page in the middle of the file (not the header or the schema).
    {
        std::FILE* f = std::fopen(c.db_path.c_str(), "r+b");
        REQUIRE(f);
        std::fseek(f, 0, SEEK_END);
        const long size = std::ftell(f);
        REQUIRE(size > 8 * 4096);
        std::fseek(f, size / 2 / 4096 * 4096, SEEK_SET);
        const std::string junk(4096, '\x5a');
        std::fwrite(junk.data(), 1, junk.size(), f);
        std::fclose(f);
    }
    CHECK_THROWS_AS(ServerWorkers(opener(c.db_path), 1), UserError);
}

TEST_CASE("reports run at a lower priority and leave read connections for short reads", "[server_workers]") {
    test::SmallCounty c;
    c.svc.reset();
    ServerWorkers workers(opener(c.db_path), 4);  // two report threads
    std::mutex mu;
    std::condition_variable cv;
    int running = 0, most = 0;
    bool release = false;
    std::vector<int> nice_seen;
    std::vector<std::thread> reports;
    for (int i = 0; i < 4; ++i)
        reports.emplace_back([&] {
            workers.report([&](Service&) {
                std::unique_lock lock(mu);
                errno = 0;
                nice_seen.push_back(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))));
                most = std::max(most, ++running);
                cv.notify_all();
                cv.wait(lock, [&] { return release; });
                --running;
            });
        });
    {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return running == 2; });
    }
    // Two reports hold two of the four read connections; a short read still gets one.
    bool read_done = false;
    workers.read([&](Service& s) { read_done = !s.today().iso().empty(); });
    CHECK(read_done);
    {
        std::lock_guard lock(mu);
        release = true;
    }
    cv.notify_all();
    for (auto& t : reports) t.join();
    CHECK(most == 2);
    REQUIRE(nice_seen.size() == 4);
    for (int n : nice_seen) CHECK(n == std::min(19, getpriority(PRIO_PROCESS, 0) + 10));
    // A report's error reaches its caller.
    CHECK_THROWS_AS(workers.report([](Service&) { throw UserError("报表出错"); }), UserError);
}
