// Group commit: jobs from many threads share one transaction, each in its own savepoint; a
// failing job rolls back alone; every job a caller saw acknowledged is in the file after
// reopening it.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/group_commit.hpp"
#include "support.hpp"

using namespace dj;

namespace {

std::set<std::string> names_in(const std::string& path) {
    auto db = db::Connection::open(path, false);
    std::set<std::string> out;
    auto st = db.prepare("SELECT name FROM gc_row");
    while (st.step()) out.insert(st.text(0));
    return out;
}

std::int64_t rows_in(const std::string& path) {
    auto db = db::Connection::open(path, false);
    auto st = db.prepare("SELECT count(*) FROM gc_row");
    st.step();
    return st.int64(0);
}

// Holds the writer inside a job until `n` more jobs are queued behind it, so the next batch
// has them all: batching observed without depending on timing.
struct Gate {
    db::GroupCommit& gc;
    std::atomic<bool> inside{false};
    std::thread thread;
    Gate(db::GroupCommit& g, std::size_t n) : gc(g) {
        thread = std::thread([this, n] {
            gc.run([this, n] {
                inside = true;
                while (gc.stats().waiting < n) std::this_thread::yield();
            });
        });
        while (!inside) std::this_thread::yield();
    }
    ~Gate() { thread.join(); }
};

}  // namespace

TEST_CASE("group commit: a batch of concurrent jobs commits once, a failing job rolls back alone", "[group_commit]") {
    test::TempDir dir;
    const std::string path = dir.file("gc.db");
    std::set<std::string> acknowledged;
    std::mutex ack_mutex;
    std::atomic<int> failures{0};
    {
        auto db = db::Connection::open(path, true);
        db.set_user_version(1);
        db.exec_script("CREATE TABLE gc_row(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        db::GroupCommit gc(db);
        constexpr int kThreads = 8;
        std::vector<std::thread> threads;
        {
            Gate gate(gc, kThreads);
            for (int t = 0; t < kThreads; ++t)
                threads.emplace_back([&, t] {
                    const std::string name = "job" + std::to_string(t);
                    try {
                        gc.run([&] {
                            db.prepare("INSERT INTO gc_row(name) VALUES (?)").bind(1, name).run();
                            if (t == 3) throw UserError("表单填写有误");  // after its insert: the savepoint must undo it
                        });
                        std::lock_guard lock(ack_mutex);
                        acknowledged.insert(name);
                    } catch (const UserError& e) {
                        CHECK(std::string(e.what()) == "表单填写有误");
                        ++failures;
                    }
                });
        }
        for (auto& t : threads) t.join();
        auto s = gc.stats();
        CHECK(s.largest_batch >= kThreads);  // the gate held them: one batch
        CHECK(s.jobs == kThreads + 1);
        CHECK(s.failed_jobs == 1);
        CHECK(s.batches < s.jobs);
    }
    CHECK(failures == 1);
    CHECK(acknowledged.size() == 7);
    CHECK(names_in(path) == acknowledged);
}

TEST_CASE("group commit: a batch SQLite ends whole is run again without the job that ended it", "[group_commit]") {
    test::TempDir dir;
    const std::string path = dir.file("gc.db");
    {
        auto db = db::Connection::open(path, true);
        db.set_user_version(1);
        db.exec_script("CREATE TABLE gc_row(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        db::GroupCommit gc(db);
        std::vector<std::thread> threads;
        std::atomic<int> acked{0}, failed{0};
        {
            Gate gate(gc, 3);
            auto submit = [&](std::string name, bool end_transaction, bool last) {
                threads.emplace_back([&, name, end_transaction] {
                    try {
                        gc.run([&] {
                            db.prepare("INSERT INTO gc_row(name) VALUES (?)").bind(1, name).run();
                            // What SQLite does on a full disk or an I/O error: the whole
                            // transaction is gone, not only this job's savepoint.
                            if (end_transaction) {
                                db.exec_script("ROLLBACK");
                                throw std::runtime_error("disk full");
                            }
                        });
                        ++acked;
                    } catch (const std::runtime_error&) {
                        ++failed;
                    }
                });
                // Queued in this order: each thread's job is in the queue before the next starts
                // (the last one releases the gate, which then takes them all at once).
                while (!last && gc.stats().waiting < threads.size()) std::this_thread::yield();
            };
            submit("before", false, false);
            submit("ender", true, false);
            submit("after", false, true);
        }
        for (auto& t : threads) t.join();
        CHECK(acked == 2);
        CHECK(failed == 1);
        CHECK(gc.stats().retried_batches >= 1);
    }
    CHECK(names_in(path) == std::set<std::string>{"before", "after"});
    CHECK(rows_in(path) == 2);
}

TEST_CASE("group commit: submissions from many threads are all present after reopening", "[group_commit]") {
    const std::string plugins = std::string(DJ_TESTS_DIR) + "/forms_fixture";
    test::SmallCounty c;
    c.svc->set_extra_plugin_dirs({plugins});
    c.svc->set_plugin(c.as("admin"), PluginSetting{"formtest", "GW", true, "{}", false});
    auto admin = c.as("admin");
    auto m = c.svc->member(admin, 1, c.svc->today());
    c.svc->update_member(admin, 1, MemberInput{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status,
                                               m.branch_code, "", "", {"生活困难"}});
    const auto filler = c.as("filler1");

    std::set<std::int64_t> acknowledged;
    std::mutex ack_mutex;
    std::atomic<int> refused{0};
    db::GroupCommitStats stats;
    {
        db::GroupCommit gc(c.svc->connection());
        auto& svc = *c.svc;  // from here on used only on the writer thread
        constexpr int kThreads = 6, kEach = 8;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    SubmitRequest r;
                    r.form_id = "formtest.visit";
                    r.unit_code = "D1-B1";
                    r.period = "2021-06";
                    // Thread 0's third submission is refused by validation (no such member).
                    const bool bad = t == 0 && i == 2;
                    r.values_json = nlohmann::json({{"member", bad ? 999999 : 1}, {"occasion", "日常"}, {"date", "2021-06-10"},
                                                    {"amount", 100 + t * kEach + i}, {"goods", "慰问品"}})
                                        .dump();
                    try {
                        auto s = gc.call([&] { return svc.submit(filler, r); });
                        std::lock_guard lock(ack_mutex);
                        acknowledged.insert(s.id);
                    } catch (const UserError&) {
                        ++refused;
                    }
                }
            });
        for (auto& t : threads) t.join();
        stats = gc.stats();
    }
    INFO("batches " << stats.batches << ", largest " << stats.largest_batch);
    CHECK(refused == 1);
    CHECK(acknowledged.size() == 6 * 8 - 1);
    c.svc.reset();
    auto svc = LocalService::open(c.db_path);
    svc->set_extra_plugin_dirs({plugins});
    for (auto id : acknowledged) {
        INFO("acknowledged submission " << id);
        CHECK(svc->submission(svc->actor("admin"), id).id == id);
    }
    CHECK(svc->audit_verify(svc->actor("admin")).intact);
}
