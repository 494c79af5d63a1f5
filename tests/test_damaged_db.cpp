// Damaged and odd database files, run through the real CLI as a user meets them: nothing is
// silently turned into a database, a damaged file is reported and never written, and every
// file problem is told in Chinese without SQLite's own words.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.hpp"

using dj::test::read_text_file;
using dj::test::run_cli;
using dj::test::write_text_file;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(DJ_TESTS_DIR) + "/forms_fixture";

// Raw SQLite wording that must never reach a user.
void no_sqlite_words(const dj::test::CliResult& r) {
    CHECK_THAT(r.err, !Catch::Contains("SQLite format") && !Catch::Contains("malformed") &&
                          !Catch::Contains("prepare ") && !Catch::Contains("exec:") && !Catch::Contains("INSERT") &&
                          !Catch::Contains("内部错误"));
}

void sql(const std::string& db, const char* statement) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(raw, statement, nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(raw);
    INFO(msg);
    REQUIRE(rc == SQLITE_OK);
}

const char* kAddMember =
    "members add --name 新党员 --gender 男 --birth 1980-01-01 --join 2005-07-01 --full 2006-07-01 "
    "--status 正式 --branch D0001-B01";

}  // namespace

TEST_CASE("damaged-db: an empty or foreign file is never turned into a database", "[cli][damaged-db]") {
    dj::test::TempDir dir;
    const std::string empty = dir.file("empty.db"), text = dir.file("notes.db"), other = dir.file("other.db"),
                      blank = dir.file("blank.db");
    write_text_file(empty, "");
    write_text_file(text, "这不是数据库，是一份会议记录。\n");
    sql(other, "CREATE TABLE contacts(name TEXT)");
    sql(blank, "CREATE TABLE x(a); DROP TABLE x");  // a valid SQLite file with nothing in it
    const std::string blank_before = read_text_file(blank);
    for (const auto& [path, before] : {std::pair{empty, std::string()}, std::pair{text, read_text_file(text)},
                                       std::pair{blank, blank_before}}) {
        INFO(path);
        auto list = run_cli("members list --unit XW --db " + path);
        CHECK(list.exit_code == 2);
        CHECK_THAT(list.err, Catch::Contains("不是 dangjian 数据库"));
        no_sqlite_words(list);
        CHECK(run_cli(std::string(kAddMember) + " --db " + path).exit_code == 2);
        CHECK(read_text_file(path) == before);  // not a byte written
    }
    auto foreign = run_cli("org tree --db " + other);
    CHECK(foreign.exit_code == 2);
    CHECK_THAT(foreign.err, Catch::Contains("不是 dangjian 数据库"));
    // init refuses an existing non-empty file of any kind...
    for (const auto& path : {text, other, blank}) CHECK(run_cli("init --db " + path).exit_code == 2);
    CHECK(run_cli("demo --db " + text).exit_code == 2);
    // ...and is the one way to make a database out of an empty file.
    CHECK(run_cli("init --db " + empty).exit_code == 0);
    CHECK(run_cli("org tree --db " + empty).exit_code == 0);
}

TEST_CASE("damaged-db: 8 KB of garbage in the middle: check reports it, writes are refused", "[cli][damaged-db]") {
    dj::test::TempDir dir;
    const std::string db = dir.file("demo.db");
    dj::test::make_demo(db);
    REQUIRE(run_cli("plugins enable formtest --unit GW --db " + db + " --plugins-dir " + kFixture).exit_code == 0);
    auto good = run_cli("check --db " + db);
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Catch::Contains("完好"));

    {
        std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(fs::file_size(db) / 2));
        std::string garbage(8192, '\0');
        for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919 + 13) % 251);
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    const std::string damaged = read_text_file(db);

    auto check = run_cli("check --db " + db);
    CHECK(check.exit_code == 2);
    CHECK_THAT(check.err, Catch::Contains("已损坏") && Catch::Contains("备份"));
    CHECK_THAT(check.out, Catch::Contains("检查发现问题"));

    auto add = run_cli(std::string(kAddMember) + " --db " + db);
    CHECK(add.exit_code == 2);
    CHECK_THAT(add.err, Catch::Contains("已损坏") && Catch::Contains("dangjian check"));
    no_sqlite_words(add);

    write_text_file(dir.file("visit.json"), nlohmann::json({{"occasion", "春节"}, {"date", "2020-12-01"}}).dump());
    auto submit = run_cli("form submit formtest.visit --unit D0001-B01 --period 2020-12 --data " + dir.file("visit.json") +
                          " --db " + db + " --plugins-dir " + kFixture);
    CHECK(submit.exit_code == 2);
    CHECK_THAT(submit.err, Catch::Contains("已损坏"));
    no_sqlite_words(submit);

    CHECK(read_text_file(db) == damaged);  // nothing landed in the damaged file
}

TEST_CASE("damaged-db: tables that do not match the version number are explained", "[cli][damaged-db]") {
    dj::test::TempDir dir;
    const std::string db = dir.file("a.db");
    REQUIRE(run_cli("init --db " + db).exit_code == 0);
    sql(db, "PRAGMA user_version = 2");  // migration 3 would meet its tables already there
    auto r = run_cli("org tree --db " + db);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("表结构与其版本号") && Catch::Contains("备份"));
    CHECK_THAT(r.err, !Catch::Contains("already exists"));
    no_sqlite_words(r);
}

TEST_CASE("damaged-db: a read-only file in a read-only folder can be read, a write says it is read-only",
          "[cli][damaged-db]") {
    dj::test::TempDir dir;
    const fs::path folder = dir.path() / "ro";
    fs::create_directory(folder);
    const std::string db = (folder / "a.db").string();
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    REQUIRE(!fs::exists(db + "-wal"));
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    // root writes anything; run as nobody so the permissions mean what they say.
    const std::string as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    auto run = [&](const std::string& args) {
        dj::test::TempDir tmp;
        fs::permissions(tmp.path(), fs::perms::all);
        const std::string out = tmp.file("out"), err = tmp.file("err");
        int status = std::system((as + DJ_CLI_PATH + " " + args + " >" + out + " 2>" + err + " </dev/null").c_str());
        dj::test::CliResult r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = read_text_file(out);
        r.err = read_text_file(err);
        return r;
    };
    const std::string before = read_text_file(db);
    auto list = run("members list --unit D0001-B01 --db " + db);
    INFO(list.err);
    CHECK(list.exit_code == 0);
    CHECK_FALSE(list.out.empty());
    auto add = run(std::string(kAddMember) + " --db " + db);
    CHECK(add.exit_code == 2);
    CHECK_THAT(add.err, Catch::Contains("只读"));
    no_sqlite_words(add);
    auto check = run("check --db " + db);
    CHECK(check.exit_code == 0);
    CHECK(read_text_file(db) == before);
    fs::permissions(folder, fs::perms::owner_all);
}

TEST_CASE("damaged-db: a held write lock gives a busy message, not SQLite's", "[cli][damaged-db]") {
    dj::test::TempDir dir;
    const std::string db = dir.file("a.db");
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto add = run_cli(std::string(kAddMember) + " --db " + db);  // waits out the busy timeout
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    CHECK(add.exit_code == 2);
    CHECK_THAT(add.err, Catch::Contains("正被另一个程序写入") && Catch::Contains("重试"));
    no_sqlite_words(add);
    // Reads are not blocked by a writer (WAL), and once it is gone the write goes through.
    CHECK(run_cli(std::string(kAddMember) + " --db " + db).exit_code == 0);
}
