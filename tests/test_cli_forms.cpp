// The CLI for plugins, units' scripts, forms and completeness, run as a user would.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "model/period.hpp"

#include "support.hpp"

using dj::test::run_cli;
using nlohmann::json;

namespace {
const std::string kFixture = std::string(DJ_TESTS_DIR) + "/forms_fixture";

struct CliCounty {
    dj::test::TempDir dir;
    std::string db = dir.file("demo.db");
    // The fixture folder is the database's (plugins folders --set): --plugins-dir is refused
    // to anyone but the administrator on a shared database (issue 14).
    CliCounty() {
        REQUIRE(run_cli("demo --no-submissions --db " + db).exit_code == 0);
        REQUIRE(run_cli("plugins folders --set " + kFixture + " --db " + db).exit_code == 0);
    }
    dj::test::CliResult run(const std::string& args) { return run_cli(args + " --db " + db); }
};
}  // namespace

TEST_CASE("cli: plugins list shows status, check names file and line and exits 2 when wrong", "[cli][plugins]") {
    CliCounty c;
    auto list = c.run("plugins list --json");
    REQUIRE(list.exit_code == 0);
    bool found = false;
    for (const auto& p : json::parse(list.out))
        if (p["id"] == "formtest") {
            found = true;
            CHECK(p["status"] == "loaded");
            CHECK(p["forms"].size() == 2);
        }
    CHECK(found);
    auto good = run_cli("plugins check " + kFixture + "/formtest");
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Catch::Contains("检查通过"));
    auto bad = run_cli("plugins check " + std::string(DJ_TESTS_DIR) + "/forms_fixture_broken/badform");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.out, Catch::Contains("form.lua:1"));
    CHECK_THAT(bad.out, Catch::Contains("未知类型「colour」"));
    CHECK_THAT(bad.out, Catch::Contains("须提供 options"));
    CHECK(run_cli("plugins check /nonexistent/plugin").exit_code == 2);
}

TEST_CASE("cli: enable, effective, submit with each problem listed, completeness", "[cli][forms-service]") {
    CliCounty c;
    REQUIRE(c.run("plugins enable formtest --unit GW").exit_code == 0);
    REQUIRE(c.run("plugins disable formtest --unit D0002").exit_code == 0);
    auto eff = json::parse(c.run("plugins effective --json --unit D0002-B01").out);
    json mine;
    for (const auto& e : eff)
        if (e["id"] == "formtest") mine = e;
    CHECK(mine["enabled"] == false);
    CHECK(mine["decided_at"] == "D0002");

    auto forms = json::parse(c.run("form list --json --unit D0001-B01").out);
    REQUIRE(forms.size() == 1);
    CHECK(forms[0]["id"] == "formtest.visit");

    // A member in difficulty in 县委办公室's first branch, for the visit to name.
    REQUIRE(c.run("members add --name 困难党员 --gender 男 --birth 1950-01-01 --join 1975-07-01 --full 1976-07-01 "
                  "--status 正式 --branch D0001-B01 --flags 生活困难").exit_code == 0);
    auto added = json::parse(c.run("members list --json --unit D0001-B01 --name 困难党员").out);
    REQUIRE(added.size() == 1);
    std::int64_t id = added[0]["id"];

    // A demo database runs on the end of its year, not the calendar's today.
    auto today = dj::LocalService::open(c.db)->today();
    CHECK(today == dj::Date::from_ymd(2020, 12, 20));
    std::string period = dj::Period::containing(today, dj::PeriodType::Month).str();
    dj::test::write_text_file(c.dir.file("bad.json"), json({{"member", id}, {"occasion", "端午"}, {"date", "1999-01-01"}}).dump());
    auto bad = c.run("form submit formtest.visit --json --unit D0001-B01 --period " + period + " --data " + c.dir.file("bad.json"));
    CHECK(bad.exit_code == 2);
    auto issues = json::parse(bad.out);
    REQUIRE(issues.is_array());
    std::set<std::string> fields;
    for (const auto& i : issues) fields.insert(i["field"].get<std::string>());
    CHECK(fields.count("occasion"));
    CHECK(fields.count("date"));

    dj::test::write_text_file(c.dir.file("photo.jpg"), std::string(200, 'j'));
    dj::test::write_text_file(c.dir.file("good.json"),
                              json({{"member", id}, {"occasion", "日常"}, {"date", today.iso()}, {"amount", 300},
                                    {"photo", {{"file", "photo.jpg"}}}})
                                  .dump());
    auto good = c.run("form submit formtest.visit --json --unit D0001-B01 --period " + period + " --data " + c.dir.file("good.json"));
    INFO(good.err);
    REQUIRE(good.exit_code == 0);
    auto sub = json::parse(good.out);
    CHECK(sub["state"] == "submitted");
    CHECK(sub["values"]["photo"]["name"] == "photo.jpg");

    auto comp = json::parse(c.run("completeness --json --form formtest.visit --period " + period + " --unit D0001").out);
    REQUIRE(!comp.empty());
    CHECK(comp[0]["unit"] == "D0001");
    CHECK(comp[0]["submitted"] == 1);

    auto ret = c.run("form return " + std::to_string(sub["id"].get<std::int64_t>()) + " --as d0001_admin");
    CHECK(ret.exit_code == 2);
    CHECK_THAT(ret.err, Catch::Contains("退回意见"));
    CHECK(c.run("form return " + std::to_string(sub["id"].get<std::int64_t>()) + " --as d0001_admin --comment 请补充").exit_code == 0);
    auto view = json::parse(c.run("form view --json " + std::to_string(sub["id"].get<std::int64_t>())).out);
    CHECK(view["state"] == "returned");
    CHECK(view["history"].size() == 2);

    auto out = c.dir.file("visits.xlsx");
    CHECK(c.run("form export formtest.visit --unit GW --out " + out).exit_code == 0);
    CHECK(dj::test::read_text_file(out).substr(0, 2) == "PK");
}

TEST_CASE("cli: a unit script is test-run, saved with versions, and shown", "[cli][scripts]") {
    CliCounty c;
    dj::test::write_text_file(c.dir.file("ok.lua"),
                              "print('hello')\nform \"selfcheck\" { title = \"自查\", scope = \"branch\", period = \"quarter\",\n"
                              "  fields = { { id = \"ok\", type = \"bool\", label = \"已落实\" } } }\n");
    dj::test::write_text_file(c.dir.file("bad.lua"), "local a = 1\nlocal b = a + {}\n");
    auto test = c.run("script test --json --unit D0001 --name selfcheck --file " + c.dir.file("ok.lua") + " --as d0001_admin");
    REQUIRE(test.exit_code == 0);
    CHECK(json::parse(test.out)["log"][0] == "hello");
    auto bad = c.run("script test --unit D0001 --name broken --file " + c.dir.file("bad.lua") + " --as d0001_admin");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("第 2 行"));
    CHECK(c.run("script add --unit D0001 --name selfcheck --file " + c.dir.file("ok.lua") + " --as d0001_admin --note 初版").exit_code == 0);
    CHECK(c.run("script add --unit D0001 --name broken --file " + c.dir.file("bad.lua") + " --as d0001_admin").exit_code == 2);
    auto list = json::parse(c.run("script list --json --unit D0001 --as d0001_admin").out);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["version"] == 1);
    CHECK_THAT(c.run("script show --unit D0001 --name selfcheck").out, Catch::Contains("form \"selfcheck\""));
    CHECK(c.run("script add --unit D0002 --name x --file " + c.dir.file("ok.lua") + " --as d0001_admin").exit_code == 2);
}
