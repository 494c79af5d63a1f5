// Issue 14, "Roles and scope": the one table of powers against the README's statement of it,
// 评议人 who once approved records, self-approval by rewriting, the audit log by scope, refusals
// that named units and people outside the actor's scope, and --plugins-dir overriding a plugin.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "model/roles.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(DJ_TESTS_DIR) + "/forms_fixture";

// The README's "Roles and scope" table: capability label -> role label -> ✓.
std::map<std::string, std::map<std::string, bool>> readme_table() {
    std::ifstream in(std::string(DJ_SOURCE_DIR) + "/README.md");
    std::string line;
    bool in_section = false;
    std::vector<std::string> roles;
    std::map<std::string, std::map<std::string, bool>> table;
    auto cells = [](const std::string& row) {
        std::vector<std::string> out;
        std::stringstream s(row);
        std::string cell;
        std::getline(s, cell, '|');  // before the first bar
        while (std::getline(s, cell, '|')) {
            auto a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
            out.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
        }
        if (!out.empty() && out.back().empty()) out.pop_back();
        return out;
    };
    while (std::getline(in, line)) {
        if (line.rfind("### ", 0) == 0) in_section = line == "### Roles and scope";
        if (!in_section || line.rfind("| ", 0) != 0) continue;
        auto row = cells(line);
        if (row.empty()) continue;
        if (row[0] == "权限") {
            roles.assign(row.begin() + 1, row.end());
            continue;
        }
        for (std::size_t i = 1; i < row.size() && i - 1 < roles.size(); ++i) table[row[0]][roles[i - 1]] = row[i] == "✓";
    }
    return table;
}

// The small county with the form fixture, formtest on, 张三 (D1-B1) and 王五 (D2-B1) in
// difficulty so a visit may name them.
struct RoleCounty : test::SmallCounty {
    RoleCounty() {
        svc->set_extra_plugin_dirs({kFixture});
        auto admin = as("admin");
        svc->set_plugin(admin, PluginSetting{"formtest", "GW", true, "{}", false});
        for (std::int64_t id : {1, 3}) {
            auto m = svc->member(admin, id, svc->today());
            svc->update_member(admin, id, MemberInput{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status,
                                                      m.branch_code, "", "", {"生活困难"}});
        }
    }
    SubmitRequest visit(json values, const char* unit = "D1-B1") {
        SubmitRequest r;
        r.form_id = "formtest.visit";
        r.unit_code = unit;
        r.period = "2021-06";
        r.values_json = values.dump();
        return r;
    }
};

const json kVisit = {{"member", 1}, {"occasion", "日常"}, {"date", "2021-06-10"}, {"amount", 300}};

std::string denial(const std::function<void()>& f) {
    try {
        f();
    } catch (const UserError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the README's table of powers is the code's table, cell by cell", "[roles]") {
    auto table = readme_table();
    REQUIRE(table.size() == std::size(kAllCapabilities));
    for (Capability c : kAllCapabilities) {
        const std::string cap(capability_label(c));
        INFO(cap);
        REQUIRE(table.count(cap));
        REQUIRE(table[cap].size() == std::size(kAllRoles));
        for (Role r : kAllRoles) {
            INFO(role_label(r));
            REQUIRE(table[cap].count(std::string(role_label(r))));
            CHECK(table[cap][std::string(role_label(r))] == role_has(r, c));
        }
    }
}

TEST_CASE("评议人 reads and rates reports but cannot approve or return records", "[roles]") {
    RoleCounty c;
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    CHECK_NOTHROW(c.svc->submission(c.as("reviewer"), s.id));
    CHECK_THROWS_AS(c.svc->approve(c.as("reviewer"), s.id, "同意"), AccessDenied);
    CHECK_THROWS_AS(c.svc->return_submission(c.as("reviewer"), s.id, "请补充"), AccessDenied);
    CHECK(role_has(Role::Reviewer, Capability::EvaluateReports));
    auto step1 = c.svc->approve(c.as("unit1"), s.id, "");
    CHECK_THROWS_AS(c.svc->approve(c.as("reviewer"), step1.id, ""), AccessDenied);
    CHECK(c.svc->approve(c.as("gwadmin"), step1.id, "").state == "approved");
}

TEST_CASE("whoever last changed a record's content cannot approve it", "[roles][workflow]") {
    RoleCounty c;
    auto unit = c.as("unit1");
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    c.svc->return_submission(unit, s.id, "金额有误");
    // The unit's administrator rewrites the returned record and resubmits it …
    json rewritten = kVisit;
    rewritten["amount"] = 5000;
    rewritten["note"] = "单位管理员改写";
    auto req = c.visit(rewritten);
    req.submission_id = s.id;
    c.svc->submit(unit, req);
    // … and may not approve their own rewrite; someone else in scope may.
    CHECK_THROWS_WITH(c.svc->approve(unit, s.id, ""), Catch::Contains("修改过"));
    CHECK(c.svc->approve(c.as("admin"), s.id, "").step == 1);

    // A record the filler fixed and resubmitted goes to the unit's administrator as usual.
    auto t = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    c.svc->return_submission(unit, t.id, "请补充");
    auto fixed = c.visit(kVisit);
    fixed.submission_id = t.id;
    c.svc->submit(c.as("filler1"), fixed);
    CHECK(c.svc->approve(unit, t.id, "").step == 1);
}

TEST_CASE("each role reads the audit log only within its scope, or not at all", "[roles][audit]") {
    RoleCounty c;
    auto admin = c.as("admin");
    c.svc->create_user(admin, NewUser{"leader_d1", "甲局领导", Role::Leader, "D1"});
    const auto all = c.svc->audit_log(admin, AuditFilter{std::nullopt, std::nullopt, std::nullopt, std::nullopt, 100000});
    auto targets = [](const std::vector<AuditEntry>& rows) {
        std::set<std::string> t;
        for (const auto& e : rows) t.insert(e.target);
        return t;
    };
    AuditFilter every{std::nullopt, std::nullopt, std::nullopt, std::nullopt, 100000};
    REQUIRE(targets(all).count("db"));          // the database's creation
    REQUIRE(targets(all).count("member:3"));    // 王五, 乙局
    REQUIRE(targets(all).count("member:1"));    // 张三, 甲局

    // The county's leader, bound to the root, reads all of it.
    CHECK(c.svc->audit_log(c.as("leader"), every).size() == all.size());
    // 甲局's leader: 甲局's rows only, nothing about 乙局 or the database as a whole.
    auto d1 = targets(c.svc->audit_log(c.as("leader_d1"), every));
    CHECK(d1.count("member:1"));
    CHECK(d1.count("org:D1-B1"));
    CHECK(d1.count("user:unit1"));
    CHECK_FALSE(d1.count("member:3"));
    CHECK_FALSE(d1.count("org:D2"));
    CHECK_FALSE(d1.count("user:leader"));
    CHECK_FALSE(d1.count("db"));
    CHECK_FALSE(d1.count("plugin:formtest@GW"));
    CHECK(c.svc->audit_log(c.as("leader_d1"), AuditFilter{std::nullopt, std::nullopt, std::nullopt, std::nullopt, 1}).size() == 1);
    // An administrator bound to the 机关工委 sees its subtree, not the database's creation.
    auto gw = targets(c.svc->audit_log(c.as("gwadmin"), every));
    CHECK(gw.count("member:3"));
    CHECK(gw.count("plugin:formtest@GW"));
    CHECK_FALSE(gw.count("db"));
    // Everyone else: not at all.
    for (const char* login : {"unit1", "filler1", "reviewer", "discipline"}) {
        INFO(login);
        CHECK_THROWS_AS(c.svc->audit_log(c.as(login), every), AccessDenied);
        CHECK_THROWS_AS(c.svc->audit_verify(c.as(login)), AccessDenied);
    }
    CHECK_THROWS_AS(c.svc->audit_verify(c.as("leader")), AccessDenied);
    CHECK(c.svc->audit_verify(admin).intact);
}

TEST_CASE("refusals name no unit or person outside the actor's scope", "[roles][access]") {
    RoleCounty c;
    auto unit = c.as("unit1");
    // A member of 乙局, reached by number.
    auto read = denial([&] { c.svc->member(c.as("filler1"), 3, c.svc->today()); });
    CHECK_THAT(read, Catch::Contains("管辖范围") && !Catch::Contains("乙局"));
    // A member added to another department's branch, or to the department itself.
    MemberInput m{"新党员", "男", Date::from_ymd(1990, 1, 1), Date::from_ymd(2015, 7, 1), Date::from_ymd(2016, 7, 1),
                  "正式", "D2-B1", "", "", {}};
    CHECK_THAT(denial([&] { c.svc->add_member(unit, m); }), Catch::Contains("管辖范围") && !Catch::Contains("乙局"));
    m.branch_code = "D2";
    CHECK_THAT(denial([&] { c.svc->add_member(unit, m); }), !Catch::Contains("乙局"));
    // A visit naming 王五 (乙局) by the 甲局 administrator: by number; by the county's: by name.
    json other = kVisit;
    other["member"] = 3;
    auto issues = [&](const Actor& who) {
        try {
            c.svc->submit(who, c.visit(other, "D1-B1"));
        } catch (const ValidationFailed& e) {
            std::string out;
            for (const auto& i : e.issues()) out += i.message + "\n";
            return out;
        }
        return std::string();
    };
    CHECK_THAT(issues(unit), Catch::Contains("党员编号 3 不在本组织") && !Catch::Contains("王五"));
    CHECK_THAT(issues(c.as("admin")), Catch::Contains("王五"));
    // A roster row duplicating a member registered in 乙局.
    const std::string csv = "姓名,性别,出生日期,入党日期,转正日期,党员状态,所在支部\n王五,男,1950-03-01,1980-05-04,1981-05-04,正式,D1-B2\n";
    auto report = c.svc->import_members(unit, csv);
    REQUIRE(report.problems.size() == 1);
    CHECK_THAT(report.problems[0].message, Catch::Contains("与已有党员重复") && !Catch::Contains("D2-B1"));
    auto county = c.svc->import_members(c.as("admin"), csv);
    REQUIRE(county.problems.size() == 1);
    CHECK_THAT(county.problems[0].message, Catch::Contains("D2-B1"));
}

TEST_CASE("cli: --plugins-dir cannot override a plugin for anyone but the administrator", "[roles][plugins][cli]") {
    RoleCounty c;
    auto admin = c.as("admin");
    c.svc->set_plugin_folders(admin, {kFixture});
    c.svc->connection().prepare("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('as_of', '2021-06-15')").run();
    // A copy of formtest that drops its cross-field check: it would store a visit with
    // neither money nor goods.
    const fs::path loose = c.dir.path() / "loose";
    fs::create_directories(loose);
    fs::copy(kFixture + "/formtest", loose / "formtest", fs::copy_options::recursive);
    auto visit_lua = test::read_text_file((loose / "formtest/forms/visit.lua").string());
    visit_lua = visit_lua.substr(0, visit_lua.find("  check = function"));
    test::write_text_file((loose / "formtest/forms/visit.lua").string(), visit_lua + "}\n");
    auto manifest = test::read_text_file((loose / "formtest/plugin.lua").string());
    manifest.replace(manifest.find("1.0.0"), 5, "9.9.9");
    test::write_text_file((loose / "formtest/plugin.lua").string(), manifest);
    json forbidden = kVisit;
    forbidden.erase("amount");
    test::write_text_file(c.dir.file("v.json"), forbidden.dump());
    const std::string submit = "form submit formtest.visit --json --unit D1-B1 --period 2021-06 --data " + c.dir.file("v.json") +
                               " --db " + c.db_path;

    auto filler = test::run_cli(submit + " --as filler1 --plugins-dir " + loose.string());
    CHECK(filler.exit_code == 2);
    CHECK_THAT(filler.err, Catch::Contains("--plugins-dir"));
    auto real = test::run_cli(submit + " --as filler1");
    CHECK(real.exit_code == 2);  // the real plugin forbids it
    CHECK_THAT(real.out, Catch::Contains("慰问金和慰问品至少填写一项"));
    auto st = c.svc->connection().prepare("SELECT count(*) FROM submission");
    st.step();
    CHECK(st.int64(0) == 0);

    // The administrator may; the record says which plugin, version and folder let it through.
    auto by_admin = test::run_cli(submit + " --as admin --plugins-dir " + loose.string());
    INFO(by_admin.err);
    REQUIRE(by_admin.exit_code == 0);
    auto rec = json::parse(by_admin.out);
    CHECK(rec["validated_by"]["plugin"] == "formtest");
    CHECK(rec["validated_by"]["version"] == "9.9.9");
    CHECK_THAT(rec["validated_by"]["source"].get<std::string>(), Catch::Contains("loose"));
    auto view = test::run_cli("form view " + std::to_string(rec["id"].get<std::int64_t>()) + " --db " + c.db_path);
    CHECK_THAT(view.out, Catch::Contains("校验插件：formtest 9.9.9"));

    // A filler's ordinary submission records the database's plugin; a draft, none.
    test::write_text_file(c.dir.file("ok.json"), kVisit.dump());
    auto ok = test::run_cli("form submit formtest.visit --json --unit D1-B1 --period 2021-06 --as filler1 --data " +
                            c.dir.file("ok.json") + " --db " + c.db_path);
    REQUIRE(ok.exit_code == 0);
    auto okj = json::parse(ok.out);
    CHECK(okj["validated_by"]["version"] == "1.0.0");
    CHECK_THAT(okj["validated_by"]["source"].get<std::string>(), Catch::Contains("forms_fixture"));
    auto draft = test::run_cli("form submit formtest.visit --json --draft --unit D1-B1 --period 2021-06 --as filler1 --data " +
                               c.dir.file("ok.json") + " --db " + c.db_path);
    REQUIRE(draft.exit_code == 0);
    CHECK(json::parse(draft.out)["validated_by"].is_null());

    // A database whose only account is the actor: their own file, their own folders.
    const std::string own = c.dir.file("own.db");
    REQUIRE(test::run_cli("init --db " + own).exit_code == 0);
    CHECK(test::run_cli("plugins list --db " + own + " --plugins-dir " + loose.string()).exit_code == 0);
}
