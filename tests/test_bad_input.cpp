// Issue 14, "Bad input": each case below once crashed, leaked an internal message, stored half
// a refusal or swallowed gigabytes. Run through the real CLI where the CLI was the way in, and
// through the service where every front-end (CLI, GUI, server) shares the check.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

const std::string kFixture = std::string(DJ_TESTS_DIR) + "/forms_fixture";

// The small county with the form fixture in the database's plugin folders, formtest on, and
// its date pinned (as_of) so the CLI and the service agree on today: 2021-06-15.
struct BadInputCounty : test::SmallCounty {
    BadInputCounty() {
        auto admin = as("admin");
        svc->set_plugin_folders(admin, {kFixture});
        svc->set_plugin(admin, PluginSetting{"formtest", "GW", true, "{}", false});
        svc->connection().prepare("INSERT OR REPLACE INTO app_setting(key, value) VALUES ('as_of', '2021-06-15')").run();
        // 张三 (D1-B1) lives in difficulty: a visit may name him.
        auto m = svc->member(admin, 1, svc->today());
        svc->update_member(admin, 1, MemberInput{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status,
                                                 m.branch_code, "", "", {"生活困难"}});
    }
    test::CliResult submit(const std::string& data_file, const std::string& extra = "") {
        return test::run_cli("form submit formtest.visit --unit D1-B1 --period 2021-06 --as filler1 --db " + db_path +
                             " --data " + data_file + extra);
    }
    std::int64_t count(const std::string& sql) {
        auto st = svc->connection().prepare(sql);
        st.step();
        return st.int64(0);
    }
    SubmitRequest visit(json values) {
        SubmitRequest r;
        r.form_id = "formtest.visit";
        r.unit_code = "D1-B1";
        r.period = "2021-06";
        r.values_json = values.dump();
        return r;
    }
    // The problems a refused submission lists, one per line.
    std::string refusal(json values) {
        try {
            svc->submit(as("filler1"), visit(std::move(values)));
        } catch (const ValidationFailed& e) {
            std::string out;
            for (const auto& i : e.issues()) out += i.field + ": " + i.message + "\n";
            return out;
        }
        return "";
    }
};

const json kGood = {{"member", 1}, {"occasion", "日常"}, {"date", "2021-06-10"}, {"amount", 300}};

std::string nested(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

}  // namespace

TEST_CASE("bounded JSON: depth and size are refused before parsing, brackets in strings do not count", "[bad-input]") {
    CHECK_FALSE(json_bounds_problem(R"({"a": [[1, 2], {"b": "[[[[[[["}]})", "x", {1024, 3}));
    auto deep = json_bounds_problem(nested(70000), "填报内容");
    REQUIRE(deep);
    CHECK_THAT(*deep, Catch::Contains("嵌套超过 64 层"));
    auto big = json_bounds_problem(std::string(2000, ' '), "设置", {1024, 64});
    REQUIRE(big);
    CHECK_THAT(*big, Catch::Contains("过大"));
    CHECK_THROWS_AS(parse_json_bounded("{\"a\": ", "x"), UserError);
    CHECK(json_depth(json::parse(nested(10))) == 10);
}

TEST_CASE("text checks: control characters and escapes refused, excerpts short and printable", "[bad-input]") {
    CHECK_FALSE(text_characters_problem("张三\t（副书记）", false));
    CHECK(text_characters_problem("第一行\n第二行", false));
    CHECK_FALSE(text_characters_problem("第一行\r\n第二行", true));
    CHECK(text_characters_problem(std::string("a\0b", 3), true));
    CHECK(text_characters_problem("\x1b[2J\x1b[31m红字", true));
    CHECK(text_characters_problem("\xc2\x9b" "31m", true));   // CSI as one character
    CHECK(text_characters_problem("\xe2\x80\xae" "txt.exe", false));  // right-to-left override
    CHECK(text_characters_problem("\xff\xfe", false));
    CHECK(excerpt(std::string(300000, 'x')) == std::string(20, 'x') + "…");
    CHECK(excerpt("短文本") == "短文本");
    CHECK(excerpt("\x1b[31m") == "?[31m");
}

TEST_CASE("cli: form data nested 70,000 levels deep is refused, not a crash", "[bad-input][cli]") {
    BadInputCounty c;
    test::write_text_file(c.dir.file("deep.json"), "{\"note\": " + nested(70000) + "}");
    auto r = c.submit(c.dir.file("deep.json"));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("嵌套超过 64 层"));
    // A draft 2,000 levels deep used to reach the user as SQLite's CHECK constraint.
    test::write_text_file(c.dir.file("draft.json"), "{\"note\": " + nested(2000) + "}");
    auto d = c.submit(c.dir.file("draft.json"), " --draft");
    CHECK(d.exit_code == 2);
    CHECK_THAT(d.err, !Catch::Contains("CHECK") && !Catch::Contains("内部错误"));
    // The service refuses it the same way for any front-end.
    SubmitRequest req = c.visit(json::object());
    req.values_json = "{\"note\": " + nested(2000) + "}";
    req.draft = true;
    CHECK_THROWS_WITH(c.svc->submit(c.as("filler1"), req), Catch::Contains("嵌套超过 64 层"));
    CHECK(c.count("SELECT count(*) FROM submission") == 0);
}

TEST_CASE("cli: an attachment given as a number, null or list names the field, exit 2", "[bad-input][cli]") {
    BadInputCounty c;
    for (const json& file : {json(123), json(nullptr), json::array({"a.jpg"})}) {
        json values = kGood;
        values["photo"] = {{"file", file}};
        test::write_text_file(c.dir.file("v.json"), values.dump());
        auto r = c.submit(c.dir.file("v.json"));
        INFO(file.dump() << " → " << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("photo") && !Catch::Contains("内部错误") && !Catch::Contains("json.exception"));
    }
    CHECK(c.count("SELECT count(*) FROM submission") == 0);
}

TEST_CASE("cli: a refused submission stores no attachment and no attachment.add audit row", "[bad-input][cli]") {
    BadInputCounty c;
    test::write_text_file(c.dir.file("p.jpg"), std::string(200, 'j'));
    json values = kGood;
    values["date"] = "2021-05-01";  // outside the month: refused
    values["photo"] = {{"file", "p.jpg"}};
    test::write_text_file(c.dir.file("v.json"), values.dump());
    const auto audit_before = c.audit_count();
    auto r = c.submit(c.dir.file("v.json"));
    CHECK(r.exit_code == 2);
    CHECK(c.count("SELECT count(*) FROM attachment") == 0);
    CHECK(c.count("SELECT count(*) FROM audit_log WHERE action = 'attachment.add'") == 0);
    CHECK(c.audit_count() == audit_before);

    // Accepted, the file and the record are stored together.
    values["date"] = "2021-06-10";
    test::write_text_file(c.dir.file("v.json"), values.dump());
    auto ok = c.submit(c.dir.file("v.json"), " --json");
    INFO(ok.err);
    REQUIRE(ok.exit_code == 0);
    CHECK(json::parse(ok.out)["values"]["photo"]["name"] == "p.jpg");
    CHECK(c.count("SELECT count(*) FROM attachment") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_log WHERE action = 'attachment.add'") == 1);
}

TEST_CASE("cli: only regular files are read, their size checked first", "[bad-input][cli]") {
    BadInputCounty c;
    REQUIRE(::mkfifo(c.dir.file("fifo").c_str(), 0600) == 0);
    for (const std::string& path : {std::string("/dev/zero"), c.dir.file("fifo"), c.dir.path().string()}) {
        json values = kGood;
        values["photo"] = {{"file", path}};
        test::write_text_file(c.dir.file("v.json"), values.dump());
        auto r = c.submit(c.dir.file("v.json"));
        INFO(path << " → " << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("不是普通文件") || Catch::Contains("是文件夹"));
        auto attach = test::run_cli("form attach --unit D1-B1 --as filler1 --db " + c.db_path + " --file " + path);
        CHECK(attach.exit_code == 2);
    }
    // The data file itself, too, and one larger than its bound.
    CHECK(c.submit("/dev/zero").exit_code == 2);
    test::write_text_file(c.dir.file("big.json"), "{\"note\": \"" + std::string(2u << 20, 'x') + "\"}");
    auto big = c.submit(c.dir.file("big.json"));
    CHECK(big.exit_code == 2);
    CHECK_THAT(big.err, Catch::Contains("过大"));
    CHECK(c.count("SELECT count(*) FROM attachment") == 0);
}

TEST_CASE("form text: length limits, no control characters, short quotes in messages", "[bad-input][forms-service]") {
    BadInputCounty c;
    auto with = [&](const char* field, json v) {
        json values = kGood;
        values[field] = std::move(v);
        return c.refusal(values);
    };
    // A text field without max_length: 500 字 by default, and the message does not echo it.
    CHECK_THAT(with("phone", std::string(600, '1')), Catch::Contains("最多 500 个字"));
    CHECK(with("phone", std::string(600, '1')).size() < 300);
    // 20 MB of values never reach the validator.
    json huge = kGood;
    huge["phone"] = std::string(20u << 20, '1');
    try {
        c.svc->submit(c.as("filler1"), c.visit(huge));
        FAIL("20 MB of form data was accepted");
    } catch (const ValidationFailed&) {
        FAIL("20 MB of form data reached the validator");
    } catch (const UserError& e) {
        CHECK_THAT(e.what(), Catch::Contains("过大"));
        CHECK(std::string(e.what()).size() < 300);
    }
    CHECK_THAT(with("phone", "138\x1b[2J0000"), Catch::Contains("控制字符"));
    CHECK_THAT(with("phone", std::string("1\0", 2)), Catch::Contains("控制字符"));
    CHECK_THAT(with("phone", "1380\n0000000"), Catch::Contains("不能换行"));
    // A textarea keeps its line breaks but not an escape.
    json big = kGood;
    big["amount"] = 1500;
    big["note"] = "第一行\n第二行";
    CHECK(c.refusal(big).empty());
    big["note"] = "第一行\x1b]0;title\x07";
    CHECK_THAT(c.refusal(big), Catch::Contains("控制字符"));
    // A bad option of 300 KB is quoted as 20 characters and an ellipsis.
    auto option = with("occasion", std::string(300000, 'x'));
    CHECK_THAT(option, Catch::Contains(std::string(20, 'x') + "…"));
    CHECK(option.size() < 300);
}

TEST_CASE("form numbers and dates: host bounds where the form declares none", "[bad-input][forms-service]") {
    BadInputCounty c;
    auto with = [&](const char* field, json v) {
        json values = kGood;
        values[field] = std::move(v);
        return c.refusal(values);
    };
    CHECK_THAT(with("amount", 1.2e32), Catch::Contains("不能大于 1000000000000"));
    CHECK(with("amount", 999).empty());
    // The form's own min still applies.
    CHECK_THAT(with("amount", -1), Catch::Contains("不能小于 0"));
    // Dates: a plausible range whatever else the form says.
    auto date_refusal = [&](const char* d) {
        json values = kGood;
        values["date"] = d;
        return c.refusal(values);
    };
    CHECK_THAT(date_refusal("0001-01-01"), Catch::Contains("不能早于 1900-01-01"));
    CHECK_THAT(date_refusal("2999-12-31"), Catch::Contains("不能晚于"));
}

TEST_CASE("member names, posts and dates through the member service", "[bad-input][members]") {
    BadInputCounty c;
    auto admin = c.as("admin");
    auto person = [](std::string name) {
        MemberInput m;
        m.name = std::move(name);
        m.gender = "女";
        m.birth_date = Date::from_ymd(1980, 1, 1);
        m.join_date = Date::from_ymd(2005, 7, 1);
        m.full_date = Date::from_ymd(2006, 7, 1);
        m.status = "正式";
        m.branch_code = "D1-B1";
        return m;
    };
    CHECK_THROWS_WITH(c.svc->add_member(admin, person("张\x1b[31m三")), Catch::Contains("姓名含有控制字符"));
    CHECK_THROWS_WITH(c.svc->add_member(admin, person(std::string("李\0四", 7))), Catch::Contains("控制字符"));
    auto post = person("王六");
    post.post = std::string(20u << 20, 'p');
    try {
        c.svc->add_member(admin, post);
        FAIL("a 20 MB post was stored");
    } catch (const UserError& e) {
        CHECK_THAT(e.what(), Catch::Contains("职务过长"));
        CHECK(std::string(e.what()).size() < 300);
    }
    auto old = person("赵七");
    old.birth_date = Date::from_ymd(1, 1, 1);
    CHECK_THROWS_WITH(c.svc->add_member(admin, old), Catch::Contains("早于 1900 年"));
    auto gender = person("钱八");
    gender.gender = std::string(300000, 'g');
    try {
        c.svc->add_member(admin, gender);
        FAIL("a 300 KB gender was stored");
    } catch (const UserError& e) {
        CHECK(std::string(e.what()).size() < 300);
    }
    CHECK(c.member_count() == 3);
}

TEST_CASE("other free text: org names, comments, reasons and rectification refuse escapes", "[bad-input]") {
    BadInputCounty c;
    auto admin = c.as("admin");
    NewOrg org{"D1-B3", "甲局第三\x1b[8m党支部", OrgType::Branch, "D1", {}, c.svc->today()};
    CHECK_THROWS_WITH(c.svc->create_org(admin, org), Catch::Contains("组织名称含有控制字符"));
    auto s = c.svc->submit(c.as("filler1"), c.visit(kGood));
    CHECK_THROWS_WITH(c.svc->return_submission(c.as("unit1"), s.id, "请\x1b[2J补充"), Catch::Contains("退回意见含有控制字符"));
    CHECK(c.svc->return_submission(c.as("unit1"), s.id, "请补充：\n1. 照片").state == "returned");
    NewRectification r{"D1", 2021, "inspection", "", std::string("台账\0不全", 13), "", "", Date::from_ymd(2021, 12, 31)};
    CHECK_THROWS_WITH(c.svc->add_rectification(admin, r), Catch::Contains("整改事项含有控制字符"));
    CHECK_THROWS_WITH(c.svc->remove_member(admin, 1, c.svc->today(), std::string(200, 'x')), Catch::Contains("减少原因过长"));
}
