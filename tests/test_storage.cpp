// Storage: the RAII layer, transactions, and each schema migration step.
#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "core/errors.hpp"
#include "db/database.hpp"
#include "db/file_errors.hpp"
#include "db/migrations.hpp"
#include "service/local_service.hpp"
#include "support.hpp"

using namespace dj;

namespace {
std::int64_t scalar(const db::Connection& c, const char* sql) {
    auto st = c.prepare(sql);
    st.step();
    return st.int64(0);
}
bool has_table(const db::Connection& c, const std::string& name) {
    auto st = c.prepare("SELECT 1 FROM sqlite_schema WHERE type IN ('table','view') AND name = ?");
    st.bind(1, name);
    return st.step();
}
}  // namespace

TEST_CASE("a connection uses WAL, foreign keys and reports SQL errors", "[storage]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    auto mode = c.prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.text(0) == "wal");
    CHECK(scalar(c, "PRAGMA foreign_keys") == 1);
    CHECK_THROWS_AS(c.prepare("SELEC nonsense"), db::SqlError);
}

TEST_CASE("a transaction rolls back unless committed", "[storage]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    c.exec_script("CREATE TABLE t(x INTEGER NOT NULL)");
    {
        db::Transaction tx(c);
        c.prepare("INSERT INTO t VALUES (1)").run();
        // leaves scope without commit, as when an exception unwinds
    }
    CHECK(scalar(c, "SELECT count(*) FROM t") == 0);
    try {
        db::Transaction tx(c);
        c.prepare("INSERT INTO t VALUES (1)").run();
        c.prepare("INSERT INTO t VALUES (NULL)").run();  // violates NOT NULL half-way
        tx.commit();
    } catch (const db::SqlError&) {
    }
    CHECK(scalar(c, "SELECT count(*) FROM t") == 0);
    {
        db::Transaction tx(c);
        c.prepare("INSERT INTO t VALUES (?)").bind(1, 7).run();
        tx.commit();
    }
    CHECK(scalar(c, "SELECT x FROM t") == 7);
}

TEST_CASE("statements bind and read text, numbers, NULL and optionals", "[storage]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    c.exec_script("CREATE TABLE t(a TEXT, b INTEGER, c REAL, d TEXT)");
    std::optional<int> none;
    c.prepare("INSERT INTO t VALUES (?,?,?,?)").bind_all(std::string("党支部"), 42, 1.5, none).run();
    auto st = c.prepare("SELECT a, b, c, d FROM t");
    REQUIRE(st.step());
    CHECK(st.text(0) == "党支部");
    CHECK(st.int64(1) == 42);
    CHECK(st.real(2) == 1.5);
    CHECK_FALSE(st.opt_text(3).has_value());
}


TEST_CASE("a reused prepared statement starts afresh: no old bindings, no half-read rows, no stale data",
          "[storage]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    c.exec_script("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    const char* sql = "SELECT x FROM t WHERE x >= ? ORDER BY x";
    {
        auto st = c.prepare(sql);
        st.bind(1, 2);
        REQUIRE(st.step());
        CHECK(st.int64(0) == 2);
        // Dropped half-way through its rows, holding a read snapshot.
    }
    // A write from another connection must be seen: the snapshot went with the statement.
    {
        auto other = db::Connection::open(dir.file("a.db"), true);
        other.prepare("INSERT INTO t VALUES (4)").run();
    }
    {
        auto st = c.prepare(sql);  // the same text: the statement kept above
        // Its old binding is gone: an unbound parameter is NULL, and x >= NULL matches nothing.
        CHECK_FALSE(st.step());
        st.reset();
        st.bind(1, 3);
        std::vector<std::int64_t> got;
        while (st.step()) got.push_back(st.int64(0));
        CHECK(got == std::vector<std::int64_t>{3, 4});
    }
    // Two live statements of the same text do not share one sqlite3_stmt.
    auto a = c.prepare(sql), b = c.prepare(sql);
    a.bind(1, 1);
    b.bind(1, 4);
    REQUIRE(a.step());
    REQUIRE(b.step());
    CHECK(a.int64(0) == 1);
    CHECK(b.int64(0) == 4);
    REQUIRE(a.step());
    CHECK(a.int64(0) == 2);
}

TEST_CASE("a statement may outlive its connection object's move and close", "[storage]") {
    test::TempDir dir;
    std::optional<db::Statement> kept;
    {
        auto c = db::Connection::open(dir.file("a.db"), true);
        c.exec_script("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (5);");
        c.prepare("SELECT x FROM t").step();  // leaves an idle statement in the cache
        auto moved = std::move(c);
        kept.emplace(moved.prepare("SELECT x FROM t"));
        REQUIRE(kept->step());
        CHECK(kept->int64(0) == 5);
    }
    kept.reset();  // finalized after the connection closed: no crash, no leak under ASan
    SUCCEED();
}
TEST_CASE("migration 1 creates the org, member and user tables on a fresh file", "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 1);
    CHECK(c.user_version() == 1);
    for (const char* t : {"org_node", "org_version", "org_current", "member", "member_flag", "app_user"})
        CHECK(has_table(c, t));
    CHECK_FALSE(has_table(c, "audit_log"));
}

TEST_CASE("migration 2 adds the audit log and keeps version-1 data", "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 1);
    c.exec_script(
        "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
        "INSERT INTO org_version(node_id, valid_from, name, type) VALUES (1, '2000-01-01', '老县委', 'county');"
        "INSERT INTO member(name, gender, join_date, full_date, status, branch_id) "
        "  VALUES ('张三', '男', '1970-07-01', '1971-07-01', '正式', 1);");
    db::migrate(c);
    CHECK(c.user_version() == db::latest_schema_version());
    CHECK(has_table(c, "audit_log"));
    CHECK(scalar(c, "SELECT count(*) FROM member WHERE name = '张三'") == 1);
    CHECK(scalar(c, "SELECT count(*) FROM org_current WHERE name = '老县委'") == 1);
    // The log is append-only.
    c.exec_script("INSERT INTO audit_log(at, actor, action, target, prev_hash, hash) VALUES ('t','a','x','y','p','h')");
    CHECK_THROWS_AS(c.exec_script("DELETE FROM audit_log"), db::SqlError);
}

TEST_CASE("opening an old database upgrades it step by step", "[storage][migration]") {
    test::TempDir dir;
    std::string path = dir.file("old.db");
    {
        auto c = db::Connection::open(path, true);
        db::migrate(c, 1);
        c.exec_script(
            "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
            "INSERT INTO org_version(node_id, valid_from, name, type) VALUES (1, '2000-01-01', '某县委', 'county');"
            "INSERT INTO app_user(login, display_name, role, org_id, created_at) VALUES ('admin','管理员','admin',1,'t');");
    }
    auto svc = LocalService::open(path);
    CHECK(svc->connection().user_version() == db::latest_schema_version());
    CHECK(svc->org_tree(svc->actor(), std::nullopt).front().name == "某县委");
}

TEST_CASE("a database from a newer dangjian is refused, not guessed at", "[storage][migration]") {
    test::TempDir dir;
    std::string path = dir.file("new.db");
    {
        auto svc = LocalService::create(path, "某县委", "admin");
        svc->connection().set_user_version(db::latest_schema_version() + 1);
    }
    try {
        LocalService::open(path);
        FAIL("a newer database was opened");
    } catch (const DatabaseVersionError& e) {
        CHECK_THAT(e.what(), Catch::Contains("更新版本"));
    }
}

TEST_CASE("files that are not dangjian databases are refused with a clear message", "[storage]") {
    test::TempDir dir;
    test::write_text_file(dir.file("notes.db"), "这不是数据库，只是一段文字。" + std::string(4096, 'x'));
    CHECK_THROWS_WITH(LocalService::open(dir.file("notes.db")), Catch::Contains("不是 dangjian 数据库"));
    {
        auto c = db::Connection::open(dir.file("other.db"), true);
        c.exec_script("CREATE TABLE stuff(x)");
    }
    CHECK_THROWS_WITH(LocalService::open(dir.file("other.db")), Catch::Contains("不是 dangjian 数据库"));
    CHECK_THROWS_WITH(LocalService::open(dir.file("missing.db")), Catch::Contains("不存在"));
    // create refuses to overwrite
    CHECK_THROWS_WITH(LocalService::create(dir.file("notes.db"), "某县委", "admin"), Catch::Contains("已存在"));
}

TEST_CASE("migration 3 adds plugin enablement and units' scripts, keeping earlier data", "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 2);
    c.exec_script(
        "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
        "INSERT INTO org_version(node_id, valid_from, name, type) VALUES (1, '2000-01-01', '某县委', 'county');");
    db::migrate(c, 3);
    CHECK(c.user_version() == 3);
    for (const char* t : {"plugin_enablement", "unit_script", "app_setting"}) CHECK(has_table(c, t));
    c.exec_script("INSERT INTO plugin_enablement(org_id, plugin_id, enabled, updated_by, updated_at) VALUES (1,'care',1,'a','t')");
    CHECK_THROWS_AS(
        c.exec_script("INSERT INTO unit_script(org_id, name, version, source, author, created_at) VALUES (99,'x',1,'','a','t')"),
        db::SqlError);  // foreign keys hold
    CHECK(scalar(c, "SELECT count(*) FROM org_current") == 1);
}

TEST_CASE("migration 4 adds submissions, steps, attachments and reopened periods", "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 3);
    c.exec_script("INSERT INTO plugin_enablement(org_id, plugin_id, enabled, updated_by, updated_at) "
                  "SELECT 1,'care',1,'a','t' WHERE 0");  // table exists at v3
    db::migrate(c, 4);
    CHECK(c.user_version() == 4);
    for (const char* t : {"submission", "submission_step", "attachment", "period_reopen"}) CHECK(has_table(c, t));
    c.exec_script(
        "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
        "INSERT INTO submission(form_id, form_version, org_id, period, state, data, author, created_at, updated_at) "
        "VALUES ('care.visit', '1.0.0', 1, '2020-07', 'draft', '{\"a\":1}', 'admin', 't', 't')");
    // Data must be JSON and the state one of the four.
    CHECK_THROWS_AS(c.exec_script("INSERT INTO submission(form_id, form_version, org_id, period, state, data, author, "
                                  "created_at, updated_at) VALUES ('x','1',1,'2020','draft','{oops','a','t','t')"),
                    db::SqlError);
    CHECK_THROWS_AS(c.exec_script("INSERT INTO submission(form_id, form_version, org_id, period, state, data, author, "
                                  "created_at, updated_at) VALUES ('x','1',1,'2020','lost','{}','a','t','t')"),
                    db::SqlError);
}

TEST_CASE("migration 5 adds the indicator cache, rectification items and evaluation votes, keeping submissions",
          "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 4);
    c.exec_script(
        "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
        "INSERT INTO submission(id, form_id, form_version, org_id, period, state, data, author, created_at, updated_at) "
        "VALUES (7, 'review.report', '1.0.0', 1, '2020', 'submitted', '{}', 'admin', 't', 't')");
    db::migrate(c, 5);
    CHECK(c.user_version() == 5);
    for (const char* t : {"indicator_run", "indicator_value", "indicator_dep", "indicator_dirty", "rectification", "evaluation_vote"})
        CHECK(has_table(c, t));
    auto st = c.prepare("SELECT count(*) FROM submission");
    st.step();
    CHECK(st.int64(0) == 1);
    c.exec_script("INSERT INTO evaluation_vote(submission_id, evaluator, rating, at) VALUES (7, 'r', '好', 't')");
    // A rating outside 好/较好/一般/差, or an unknown rectification status, is refused by the schema too.
    CHECK_THROWS_AS(c.exec_script("INSERT INTO evaluation_vote(submission_id, evaluator, rating, at) VALUES (7, 's', '优', 't')"),
                    db::SqlError);
    CHECK_THROWS_AS(c.exec_script("INSERT INTO rectification(org_id, year, source, title, deadline, status, created_by, created_at, "
                                  "updated_at) VALUES (1, 2020, 'manual', 'x', '2021-01-01', 'lost', 'a', 't', 't')"),
                    db::SqlError);
}

TEST_CASE("opening without create refuses a file that is not a dangjian database and writes nothing", "[storage]") {
    test::TempDir dir;
    const std::string empty = dir.file("empty.db"), blank = dir.file("blank.db");
    test::write_text_file(empty, "");
    CHECK_THROWS_WITH(db::Connection::open(empty, false), Catch::Contains("空文件"));
    CHECK(std::filesystem::file_size(empty) == 0);
    {
        auto c = db::Connection::open(blank, true);  // SQLite, but without our schema version
        c.exec_script("CREATE TABLE notes(x)");
    }
    const std::string before = test::read_text_file(blank);
    CHECK_THROWS_AS(db::Connection::open(blank, false), UserError);
    CHECK(test::read_text_file(blank) == before);
}

TEST_CASE("connections acknowledge writes with synchronous=FULL", "[storage]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    CHECK(scalar(c, "PRAGMA synchronous") == 2);  // FULL: NORMAL (1) can lose acknowledged commits
}

TEST_CASE("file problems are told in Chinese with what to do, not SQLite's words", "[storage]") {
    for (int rc : {SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN,
                   SQLITE_FULL, SQLITE_IOERR, SQLITE_IOERR_WRITE, SQLITE_CORRUPT_INDEX, SQLITE_READONLY_DBMOVED}) {
        INFO(rc);
        REQUIRE(db::is_file_problem(rc));
        const std::string msg = db::file_problem_message(rc, "x.db");
        CHECK_THAT(msg, Catch::Contains("「x.db」"));
        CHECK_THAT(msg, !Catch::Contains(sqlite3_errstr(rc)));
    }
    CHECK_FALSE(db::is_file_problem(SQLITE_CONSTRAINT));  // our SQL or a bug: stays a SqlError
    CHECK_FALSE(db::is_file_problem(SQLITE_ERROR));
}

TEST_CASE("migration 6 keeps the votes and accepts any scheme's rating labels", "[storage][migration]") {
    test::TempDir dir;
    auto c = db::Connection::open(dir.file("a.db"), true);
    db::migrate(c, 5);
    c.exec_script(
        "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
        "INSERT INTO submission(id, form_id, form_version, org_id, period, state, data, author, created_at, updated_at) "
        "VALUES (7, 'review.report', '1.0.0', 1, '2020', 'submitted', '{}', 'admin', 't', 't');"
        "INSERT INTO evaluation_vote(submission_id, evaluator, rating, comment, issues, at) "
        "VALUES (7, 'r', '较好', '抓得实', '[\"台账不全\"]', 't')");
    db::migrate(c, 6);
    CHECK(c.user_version() == 6);
    auto st = c.prepare("SELECT evaluator, rating, comment, issues FROM evaluation_vote WHERE submission_id = 7");
    REQUIRE(st.step());
    CHECK(st.text(0) == "r");
    CHECK(st.text(1) == "较好");
    CHECK(st.text(2) == "抓得实");
    CHECK(st.text(3) == "[\"台账不全\"]");
    // A scheme's own label is stored (the service checks it against the scale); an empty one is not.
    c.exec_script("INSERT INTO evaluation_vote(submission_id, evaluator, rating, at) VALUES (7, 's', '优秀', 't')");
    CHECK_THROWS_AS(c.exec_script("INSERT INTO evaluation_vote(submission_id, evaluator, rating, at) VALUES (7, 'u', '', 't')"),
                    db::SqlError);
    CHECK_THROWS_AS(c.exec_script("INSERT INTO evaluation_vote(submission_id, evaluator, rating, at) VALUES (7, 'r', '好', 't')"),
                    db::SqlError);  // one vote per evaluator, as before
}
