// dangjian backup: an online copy taken while another connection keeps writing opens, passes
// integrity_check and holds a consistent snapshot; the database itself is never overwritten.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <thread>

#include "db/backup.hpp"
#include "db/database.hpp"
#include "db/integrity.hpp"
#include "support.hpp"

using namespace dj;

namespace {

std::int64_t count_rows(const std::string& path, const char* sql) {
    auto db = db::Connection::open(path, false);
    auto st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

}  // namespace

TEST_CASE("a backup taken while another connection writes in a loop opens and verifies", "[backup]") {
    test::SmallCounty c;
    // Enough pages that the copy takes many steps, so the writer commits between them.
    {
        const auto& db = c.svc->connection();
        db.exec_script("CREATE TABLE bench_filler(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        db::Transaction tx(db);
        auto ins = db.prepare("INSERT INTO bench_filler(payload) VALUES (?)");
        for (int i = 0; i < 3000; ++i) ins.bind(1, std::string(1000, 'a' + i % 26)).run();
        tx.commit();
    }
    const auto before = c.audit_count();
    c.svc.reset();

    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        auto db = db::Connection::open(c.db_path, false);
        auto ins = db.prepare("INSERT INTO bench_filler(payload) VALUES ('written during the backup')");
        while (!stop) {
            db::Transaction tx(db);
            ins.run();
            tx.commit();
            ++written;
        }
    });
    // The writer is running before the copy starts.
    while (written < 5) std::this_thread::yield();

    const std::string out = c.dir.file("copy.db");
    db::BackupOptions opt;
    opt.pages_per_step = 16;
    int progress_calls = 0;
    opt.progress = [&](int, int) {
        ++progress_calls;
        std::this_thread::yield();
    };
    auto result = db::backup_database(c.db_path, out, opt);
    const int written_by_end = written;
    stop = true;
    writer.join();

    CHECK(result.steps > 10);
    CHECK(progress_calls > 10);
    CHECK(result.pages > 0);
    CHECK(db::check_file(out).ok());
    // A consistent snapshot: every filler row, some of the rows written meanwhile, never a half.
    const auto copied = count_rows(out, "SELECT count(*) FROM bench_filler");
    CHECK(copied >= 3000 + 5);
    CHECK(copied <= 3000 + written_by_end);
    CHECK(count_rows(out, "SELECT count(*) FROM audit_log") == static_cast<std::int64_t>(before));
    // No temporary file is left beside it.
    for (const auto& e : std::filesystem::directory_iterator(c.dir.path()))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("backup refuses to overwrite the database itself and replaces an older backup", "[backup]") {
    test::SmallCounty c;
    c.svc.reset();
    CHECK_THROWS_AS(db::backup_database(c.db_path, c.db_path), UserError);
    CHECK_THROWS_AS(db::backup_database(c.db_path, c.db_path + "-wal"), UserError);
    CHECK(db::check_file(c.db_path).ok());

    const std::string out = c.dir.file("nightly.db");
    test::write_text_file(out, "an older backup");
    db::backup_database(c.db_path, out);
    CHECK(db::check_file(out).ok());

    // Not a dangjian database: nothing is written.
    const std::string garbage = c.dir.file("garbage.db");
    test::write_text_file(garbage, std::string(8192, 'x'));
    CHECK_THROWS_AS(db::backup_database(garbage, c.dir.file("g.bak")), UserError);
    CHECK_FALSE(std::filesystem::exists(c.dir.file("g.bak")));
}

TEST_CASE("dangjian backup copies, verifies and leaves an audit row in the database", "[backup][cli]") {
    test::SmallCounty c;
    const auto before = c.audit_count();
    c.svc.reset();
    const std::string out = c.dir.file("b.db");
    auto r = test::run_cli("backup --db " + c.db_path + " --out " + out);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("已通过完整性检查") != std::string::npos);
    CHECK(db::check_file(out).ok());
    CHECK(count_rows(c.db_path, "SELECT count(*) FROM audit_log WHERE action = 'database.backup'") == 1);
    CHECK(count_rows(c.db_path, "SELECT count(*) FROM audit_log") == static_cast<std::int64_t>(before) + 1);

    auto same = test::run_cli("backup --db " + c.db_path + " --out " + c.db_path);
    CHECK(same.exit_code == 2);
    CHECK(same.err.find("不能覆盖") != std::string::npos);
    CHECK(test::run_cli("audit verify --db " + c.db_path).exit_code == 0);
}
