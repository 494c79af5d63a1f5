// The real dangjian binary: exit codes, messages, --json, as a user would run it.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support.hpp"

using dj::test::run_cli;
using nlohmann::json;

TEST_CASE("cli: --help succeeds and unknown options exit 2", "[cli]") {
    auto help = run_cli("--help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("org"));
    CHECK(run_cli("org tree --help").exit_code == 0);
    auto bad = run_cli("org tree --db x.db --no-such-option");
    CHECK(bad.exit_code == 2);
    CHECK(run_cli("").exit_code == 2);
}

TEST_CASE("cli: init makes a database once and refuses to overwrite", "[cli]") {
    dj::test::TempDir dir;
    auto db = dir.file("a.db");
    auto first = run_cli("init --db " + db + " --county 某县委");
    CHECK(first.exit_code == 0);
    auto second = run_cli("init --db " + db);
    CHECK(second.exit_code == 2);
    CHECK_THAT(second.err, Catch::Contains("已存在"));
    auto tree = run_cli("org tree --json --db " + db);
    REQUIRE(tree.exit_code == 0);
    auto j = json::parse(tree.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["code"] == "XW");
    CHECK(j[1]["name"] == "某县直机关工委");
}

TEST_CASE("cli: a missing database exits 2 naming the file", "[cli]") {
    auto r = run_cli("org tree --db /nonexistent/dir/x.db");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("/nonexistent/dir/x.db"));
}

TEST_CASE("cli: the demo county has the promised size and the tree reads back as it was", "[cli][demo]") {
    dj::test::TempDir dir;
    auto db = dir.file("demo.db");
    auto demo = run_cli("demo --json --no-submissions --db " + db + " --scale county --seed 7");
    REQUIRE(demo.exit_code == 0);
    auto j = json::parse(demo.out);
    CHECK(j["departments"] == 120);
    CHECK(j["branches"] == 400);
    CHECK(j["members"] == 5000);

    // Move a branch with the CLI, then read the tree on both sides of the date.
    auto moved = run_cli("org change D0003-B01 --parent D0004 --on 2021-03-01 --db " + db);
    if (moved.exit_code != 0) {
        // D0004 may hold a 机关党委; a department can hold branches directly either way.
        INFO(moved.err);
    }
    REQUIRE(moved.exit_code == 0);
    auto before = json::parse(run_cli("org show D0003-B01 --json --at 2021-02-28 --db " + db).out);
    auto after = json::parse(run_cli("org show D0003-B01 --json --at 2021-03-01 --db " + db).out);
    CHECK(before["parent"] != "D0004");
    CHECK(after["parent"] == "D0004");
    auto history = json::parse(run_cli("org history D0003-B01 --json --db " + db).out);
    CHECK(history.size() == 2);
}

TEST_CASE("cli: access is enforced whatever front-end asks", "[cli][access]") {
    dj::test::TempDir dir;
    auto db = dir.file("demo.db");
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    auto own = run_cli("members list --json --unit D0001 --as d0001_admin --db " + db);
    REQUIRE(own.exit_code == 0);
    CHECK(json::parse(own.out).size() > 0);
    auto other = run_cli("members list --unit D0002 --as d0001_admin --db " + db);
    CHECK(other.exit_code == 2);
    CHECK_THAT(other.err, Catch::Contains("无权限"));
    CHECK(other.out.empty());
    auto nobody = run_cli("org tree --as nobody --db " + db);
    CHECK(nobody.exit_code == 2);
    CHECK_THAT(nobody.err, Catch::Contains("用户「nobody」不存在"));
}

TEST_CASE("cli: a bad roster exits 2, lists every bad line and imports nothing", "[cli][import]") {
    dj::test::TempDir dir;
    auto db = dir.file("demo.db");
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    auto count = [&] { return json::parse(run_cli("members list --json --unit D0005 --db " + db).out).size(); };
    auto before = count();
    dj::test::write_text_file(dir.file("bad.csv"),
                              "姓名,性别,入党日期,转正日期,党员状态,所在支部\n"
                              "甲,男,2001-01-01,2002-01-01,正式,D0005-B01\n"
                              "乙,男,2001-02-30,,正式,D0005-B01\n"
                              "丙,男,2001-01-01,2002-01-01,正式,NOPE\n");
    auto r = run_cli("members import --csv " + dir.file("bad.csv") + " --db " + db);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("第 3 行"));
    CHECK_THAT(r.err, Catch::Contains("第 4 行"));
    CHECK(count() == before);
    auto js = run_cli("members import --json --csv " + dir.file("bad.csv") + " --db " + db);
    CHECK(js.exit_code == 2);
    CHECK(json::parse(js.out)["problems"].size() == 2);

    dj::test::write_text_file(dir.file("good.csv"),
                              "姓名,性别,入党日期,转正日期,党员状态,所在支部\n甲,男,2001-01-01,2002-01-01,正式,D0005-B01\n");
    CHECK(run_cli("members import --csv " + dir.file("good.csv") + " --db " + db).exit_code == 0);
    CHECK(count() == before + 1);
}

TEST_CASE("cli: a damaged database is told in Chinese with what to do, exit 2", "[cli]") {
    dj::test::TempDir dir;
    auto db = dir.file("demo.db");
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    REQUIRE(run_cli("org tree --db " + db).exit_code == 0);  // checkpoints the WAL into the file
    {
        std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 * 4);
        std::string junk(4096 * 8, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    auto r = run_cli("members list --unit GW --db " + db);
    // Issue 14: a file problem is not a bug; SQLite's own words never reach the user.
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("已损坏") && Catch::Contains("备份"));
    CHECK_THAT(r.err, !Catch::Contains("内部错误") && !Catch::Contains("malformed"));
}

TEST_CASE("cli: the audit chain verifies, and a tampered row is named", "[cli][audit]") {
    dj::test::TempDir dir;
    auto db = dir.file("a.db");
    REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
    REQUIRE(run_cli("org change D0001 --staff 99 --on 2021-01-01 --db " + db).exit_code == 0);
    auto ok = run_cli("audit verify --db " + db);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::Contains("完整"));
    {
        auto svc = dj::LocalService::open(db);
        // Since issue 14 the table refuses updates too: an editor drops that trigger first.
        svc->connection().exec_script("DROP TRIGGER audit_no_update; UPDATE audit_log SET after = '{}' WHERE id = 2");
    }
    auto bad = run_cli("audit verify --json --db " + db);
    CHECK(bad.exit_code == 2);
    CHECK(json::parse(bad.out)["first_broken_id"] == 2);
}
