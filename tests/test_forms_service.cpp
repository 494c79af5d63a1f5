// Forms through the whole host: a real plugin in the Lua sandbox, enablement per node,
// submissions, the approval chain, deadlines and reopening, completeness, export.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "lua/plugin_error.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

struct FormCounty : test::SmallCounty {
    FormCounty() {
        svc->set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/forms_fixture"});
        // 王五 (in 乙局) and 张三 (in 甲局) live in difficulty: visits may name them.
        auto admin = as("admin");
        for (std::int64_t id : {1, 3}) {
            auto m = svc->member(admin, id, svc->today());
            MemberInput in{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_code, "", "", {"生活困难"}};
            svc->update_member(admin, id, in);
        }
    }
    void enable(const char* unit = "GW", bool on = true) {
        svc->set_plugin(as("admin"), PluginSetting{"formtest", unit, on, "{}", false});
    }
    SubmitRequest visit(json values, const char* period = "2021-06", const char* unit = "D1-B1") {
        SubmitRequest r;
        r.form_id = "formtest.visit";
        r.unit_code = unit;
        r.period = period;
        r.values_json = values.dump();
        return r;
    }
    std::int64_t submissions() {
        auto st = svc->connection().prepare("SELECT count(*) FROM submission");
        st.step();
        return st.int64(0);
    }
};

const json kVisit = {{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-20"}, {"amount", 500}};

std::vector<std::string> ids(const std::vector<FormInfo>& forms) {
    std::vector<std::string> out;
    for (const auto& f : forms) out.push_back(f.id);
    return out;
}

}  // namespace

TEST_CASE("forms apply where their plugin is enabled and their scope fits", "[forms-service]") {
    FormCounty c;
    auto admin = c.as("admin");
    CHECK(c.svc->list_forms(admin, "D1-B1").empty());
    c.enable();
    CHECK(ids(c.svc->list_forms(admin, "D1-B1")) == std::vector<std::string>{"formtest.visit"});
    CHECK(ids(c.svc->list_forms(admin, "D1")) == std::vector<std::string>{"formtest.report"});
    c.enable("D2", false);
    CHECK(c.svc->list_forms(admin, "D2-B1").empty());
    auto plugins = c.svc->list_plugins(admin);
    auto formtest = std::find_if(plugins.begin(), plugins.end(), [](const PluginInfo& p) { return p.id == "formtest"; });
    REQUIRE(formtest != plugins.end());
    CHECK(formtest->status == "loaded");
}

TEST_CASE("a good visit is stored, a bad one is refused with every problem and nothing written", "[forms-service]") {
    FormCounty c;
    c.enable();
    auto filler = c.as("filler1");
    auto s = c.svc->submit(filler, c.visit(kVisit));
    CHECK(s.state == "submitted");
    CHECK(s.on_time == true);
    CHECK(s.form_version == "1.0.0");
    REQUIRE(s.history.size() == 1);
    CHECK(s.history[0].action == "submit");

    auto before = c.submissions();
    json bad = {{"member", 2},           {"occasion", "端午"},         {"date", "2021-07-01"},
                {"amount", 2000},        {"phone", "12345"},          {"goods", std::string(30, 'x')},
                {"photo", {{"attachment", 999}}}, {"unknown", 1}};
    try {
        c.svc->submit(filler, c.visit(bad));
        FAIL("bad visit accepted");
    } catch (const ValidationFailed& e) {
        std::map<std::string, std::string> by_field;
        for (const auto& i : e.issues()) by_field[i.field] += i.message;
        CHECK_THAT(by_field["member"], Catch::Contains("没有「生活困难」标记"));
        CHECK_THAT(by_field["occasion"], Catch::Contains("「时机」的选项「端午」无效"));
        CHECK_THAT(by_field["date"], Catch::Contains("2021年6月"));
        CHECK_THAT(by_field["phone"], Catch::Contains("11 位手机号"));
        CHECK_THAT(by_field["goods"], Catch::Contains("最多 20 个字"));
        CHECK_THAT(by_field["photo"], Catch::Contains("附件 999 不存在"));
        CHECK_THAT(by_field["note"], Catch::Contains("慰问金达到 1000 元须写明情况"));
        CHECK_THAT(by_field["unknown"], Catch::Contains("没有字段"));
    }
    CHECK(c.submissions() == before);
    CHECK_THROWS_WITH(c.svc->submit(filler, c.visit(json{{"member", 1}, {"occasion", "日常"}, {"date", "2021-06-01"}})),
                      Catch::Contains("慰问金和慰问品至少填写一项"));
}

TEST_CASE("the approval chain goes step by step, each step by its own level", "[forms-service][workflow]") {
    FormCounty c;
    c.enable();
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    CHECK_THROWS_AS(c.svc->approve(c.as("filler1"), s.id, ""), AccessDenied);  // fillers do not approve
    CHECK(s.next_step_label == "部门/单位审核");
    auto step1 = c.svc->approve(c.as("unit1"), s.id, "情况属实");
    CHECK(step1.state == "submitted");
    CHECK(step1.step == 1);
    CHECK(step1.next_step_label == "机关工委审核");
    // The second step is the 机关工委's: 甲局's administrator cannot take it.
    CHECK_THROWS_WITH(c.svc->approve(c.as("unit1"), s.id, ""), Catch::Contains("应由「测试县直机关工委」审核"));
    auto done = c.svc->approve(c.as("gwadmin"), s.id, "同意");
    CHECK(done.state == "approved");
    CHECK(done.history.size() == 3);
    CHECK_THROWS_WITH(c.svc->approve(c.as("gwadmin"), s.id, ""), Catch::Contains("当前状态为「已审核」"));
}

TEST_CASE("a returned submission goes back to the filler, is fixed and resubmitted", "[forms-service][workflow]") {
    FormCounty c;
    c.enable();
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    CHECK_THROWS_WITH(c.svc->return_submission(c.as("unit1"), s.id, ""), Catch::Contains("退回意见"));
    auto back = c.svc->return_submission(c.as("unit1"), s.id, "请补充慰问品");
    CHECK(back.state == "returned");
    json fixed = kVisit;
    fixed["goods"] = "大米一袋";
    auto r = c.visit(fixed);
    r.submission_id = s.id;
    auto again = c.svc->submit(c.as("filler1"), r);
    CHECK(again.state == "submitted");
    CHECK(again.step == 0);
    CHECK(json::parse(again.values_json)["goods"] == "大米一袋");
    CHECK(again.history.back().from_state == "returned");
    CHECK(again.history[1].comment == "请补充慰问品");
}

TEST_CASE("after the deadline a period is closed until an administrator reopens it", "[forms-service][deadline]") {
    FormCounty c;
    c.enable();
    json april = kVisit;
    april["date"] = "2021-04-20";
    // 2021-04's deadline is 2021-05-10; today is 2021-06-15.
    CHECK_THROWS_WITH(c.svc->submit(c.as("filler1"), c.visit(april, "2021-04")),
                      Catch::Contains("已于 2021-05-10 截止（过时关闭）"));
    ReopenRequest reopen{"formtest.visit", "D1-B1", "2021-04", "补报漏报的走访", Date::from_ymd(2021, 6, 20)};
    CHECK_THROWS_AS(c.svc->reopen(c.as("unit1"), reopen), AccessDenied);
    reopen.reason = "";
    CHECK_THROWS_WITH(c.svc->reopen(c.as("admin"), reopen), Catch::Contains("原因"));
    reopen.reason = "补报漏报的走访";
    c.svc->reopen(c.as("admin"), reopen);
    auto late = c.svc->submit(c.as("filler1"), c.visit(april, "2021-04"));
    CHECK(late.on_time == false);
    // Reopening one node does not open its neighbours.
    CHECK_THROWS_WITH(c.svc->submit(c.as("admin"), c.visit(april, "2021-04", "D1-B2")), Catch::Contains("截止"));
    // A period not yet begun takes nothing; a period of the wrong kind is named.
    CHECK_THROWS_WITH(c.svc->submit(c.as("filler1"), c.visit(kVisit, "2021-08")), Catch::Contains("尚未开始"));
    CHECK_THROWS_WITH(c.svc->submit(c.as("filler1"), c.visit(kVisit, "2021Q2")), Catch::Contains("按月度报送"));
}

TEST_CASE("a once-per-period form refuses a second submission, drafts may be incomplete", "[forms-service]") {
    FormCounty c;
    c.enable();
    SubmitRequest r;
    r.form_id = "formtest.report";
    r.unit_code = "D1";
    r.period = "2021";
    r.values_json = json({{"summary", "短"}}).dump();
    r.draft = true;
    auto draft = c.svc->submit(c.as("unit1"), r);
    CHECK(draft.state == "draft");
    r.draft = false;
    CHECK_THROWS_WITH(c.svc->submit(c.as("unit1"), r), Catch::Contains("至少 10 个字"));
    r.values_json = json({{"summary", "全年召开党组会议研究党建工作四次，落实一岗双责。"},
                          {"meetings", 6},
                          {"items", json::array({{{"name", "红色阵地提升"}, {"level", "已完成"}}})}})
                        .dump();
    auto done = c.svc->submit(c.as("unit1"), r);
    CHECK(done.id == draft.id);  // the draft became the submission
    CHECK(done.state == "submitted");
    CHECK(json::parse(done.values_json)["per_quarter"] == 1.5);
    CHECK_THROWS_WITH(c.svc->submit(c.as("unit1"), r), Catch::Contains("本期已报送过"));
    CHECK_THROWS_WITH(c.svc->submit(c.as("unit1"), [&] { auto x = r; x.unit_code = "D1-B1"; return x; }()),
                      Catch::Contains("不适用于党支部"));
}

TEST_CASE("completeness counts expected, submitted, on time and approved, rolled up the tree", "[forms-service][completeness]") {
    FormCounty c;
    c.enable();
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    c.svc->approve(c.as("unit1"), s.id, "");
    c.svc->approve(c.as("gwadmin"), s.id, "");
    auto rows = c.svc->completeness(c.as("admin"), "formtest.visit", "2021-06", "GW");
    std::map<std::string, CompletenessRow> by;
    for (const auto& r : rows) by[r.unit_code] = r;
    CHECK(by["GW"].expected == 3);
    CHECK(by["GW"].submitted == 1);
    CHECK(by["GW"].approved == 1);
    CHECK(by["D1"].expected == 2);
    CHECK(by["D1-B1"].on_time == 1);
    CHECK(by["D2"].submitted == 0);
    // Its own share: a branch's own report; a department reports none itself (visits are branches').
    CHECK(by["D1-B1"].own_expected == 1);
    CHECK(by["D1-B1"].own_submitted == 1);
    CHECK(by["D1-B2"].own_expected == 1);
    CHECK(by["D1-B2"].own_submitted == 0);
    CHECK(by["D1"].own_expected == 0);
    CHECK(by["GW"].own_expected == 0);
    // A quarter of a monthly form expects three months from each branch.
    auto quarter = c.svc->completeness(c.as("admin"), "formtest.visit", "2021Q2", "D1");
    CHECK(quarter.front().expected == 6);
    // Switching the plugin off for 乙局 removes its branch from what is expected.
    c.enable("D2", false);
    CHECK(c.svc->completeness(c.as("admin"), "formtest.visit", "2021-06", "GW").front().expected == 2);
}

TEST_CASE("plugin settings are validated against what the plugin declares", "[forms-service][plugins]") {
    FormCounty c;
    auto admin = c.as("admin");
    auto set = [&](const char* settings) {
        c.svc->set_plugin(admin, PluginSetting{"formtest", "GW", true, settings, false});
    };
    CHECK_THROWS_WITH(set(R"({"visits_per_month": "两次"})"), Catch::Contains("应为整数"));
    CHECK_THROWS_WITH(set(R"({"visits_per_month": 40})"), Catch::Contains("不能大于 31"));
    CHECK_THROWS_WITH(set(R"({"season": "端午"})"), Catch::Contains("不在可选范围内"));
    CHECK_THROWS_WITH(set(R"({"colour": 1})"), Catch::Contains("没有设置项「colour」"));
    CHECK_THROWS_WITH(set("not json"), Catch::Contains("JSON"));
    set(R"({"visits_per_month": 4})");
    c.svc->set_plugin(admin, PluginSetting{"formtest", "D1", std::nullopt, R"({"season": "七一"})", false});
    auto formtest_at = [&](const char* unit) {
        for (const auto& e : c.svc->effective_plugins(admin, unit))
            if (e.id == "formtest") return e;
        FAIL("formtest missing from the effective set");
        return EffectivePluginInfo{};
    };
    auto eff = formtest_at("D1-B1");
    CHECK(eff.enabled);
    CHECK(eff.decided_at == "GW");
    auto settings = json::parse(eff.settings_json);
    CHECK(settings["visits_per_month"] == 4);
    CHECK(settings["season"] == "七一");
    CHECK(json::parse(formtest_at("D2-B1").settings_json)["season"] == "春节");  // the default
    CHECK_THROWS_AS(c.svc->set_plugin(c.as("unit1"), PluginSetting{"formtest", "D1", false, "{}", false}), AccessDenied);
    CHECK_THROWS_WITH(c.svc->set_plugin(admin, PluginSetting{"nosuch", "GW", true, "{}", false}), Catch::Contains("不存在"));
}

TEST_CASE("a unit's own script serves its subtree only, keeps every version, and a broken one is not saved",
          "[forms-service][scripts]") {
    FormCounty c;
    auto unit = c.as("unit1");
    const std::string script = R"(
form "selfcheck" {
  title = "支部自查表", scope = "branch", period = "quarter",
  fields = { { id = "ok", type = "bool", label = "三会一课按时召开", required = true } },
})";
    auto test = c.svc->test_unit_script(unit, "D1", "selfcheck", script);
    CHECK(test.ok);
    CHECK(test.registered == std::vector<std::string>{"form selfcheck"});
    c.svc->save_unit_script(unit, "D1", "selfcheck", script, "第一版");
    auto v2 = c.svc->save_unit_script(unit, "D1", "selfcheck", script + "\n-- 修订\n", "第二版");
    CHECK(v2.version == 2);
    CHECK(c.svc->unit_scripts(unit, "D1", true).size() == 2);
    CHECK(c.svc->unit_script(unit, "D1", "selfcheck", 1).note == "第一版");

    auto admin = c.as("admin");
    CHECK(ids(c.svc->list_forms(admin, "D1-B1")) == std::vector<std::string>{"unit_d1.selfcheck"});
    CHECK(c.svc->list_forms(admin, "D2-B1").empty());
    SubmitRequest r;
    r.form_id = "unit_d1.selfcheck";
    r.unit_code = "D2-B1";
    r.period = "2021Q2";
    r.values_json = R"({"ok": true})";
    CHECK_THROWS_WITH(c.svc->submit(admin, r), Catch::Contains("未在「乙局党支部」启用"));
    r.unit_code = "D1-B1";
    CHECK(c.svc->submit(c.as("filler1"), r).state == "submitted");

    auto broken = c.svc->test_unit_script(unit, "D1", "broken", "local x = 1\nform \"b\" {\n  title = 3 + nil,\n}\n");
    CHECK_FALSE(broken.ok);
    CHECK(broken.line == 3);
    CHECK_THROWS_WITH(c.svc->save_unit_script(unit, "D1", "broken", "while true do end", ""), Catch::Contains("未保存"));
    CHECK(c.svc->unit_scripts(unit, "D1", false).size() == 1);
    CHECK_THROWS_AS(c.svc->save_unit_script(unit, "D2", "x", script, ""), AccessDenied);
    CHECK_THROWS_WITH(c.svc->save_unit_script(unit, "D1", "Bad Name", script, ""), Catch::Contains("脚本名"));
}

TEST_CASE("attachments are kept with their hash and checked against the field's limits", "[forms-service]") {
    FormCounty c;
    c.enable();
    auto filler = c.as("filler1");
    auto small = c.svc->add_attachment(filler, "D1-B1", "走访.jpg", std::string(500, 'x'));
    CHECK(small.sha256.size() == 64);
    auto big = c.svc->add_attachment(filler, "D1-B1", "大图.jpg", std::string(5000, 'x'));
    auto doc = c.svc->add_attachment(filler, "D1-B1", "说明.docx", std::string(10, 'x'));
    json v = kVisit;
    v["photo"] = {{"attachment", small.id}};
    CHECK(c.svc->submit(filler, c.visit(v)).state == "submitted");
    v["photo"] = {{"attachment", big.id}};
    CHECK_THROWS_WITH(c.svc->submit(filler, c.visit(v)), Catch::Contains("超过上限"));
    v["photo"] = {{"attachment", doc.id}};
    CHECK_THROWS_WITH(c.svc->submit(filler, c.visit(v)), Catch::Contains("类型不符合要求"));
    CHECK_THROWS_WITH(c.svc->add_attachment(filler, "D1-B1", "空.jpg", ""), Catch::Contains("空文件"));
    CHECK_THROWS_AS(c.svc->add_attachment(filler, "D2-B1", "x.jpg", "x"), AccessDenied);
}

TEST_CASE("submissions export to xlsx and CSV with Chinese headers", "[forms-service][export]") {
    FormCounty c;
    c.enable();
    c.svc->submit(c.as("filler1"), c.visit(kVisit));
    SubmissionFilter f{"formtest.visit", std::string("2021-06"), "GW", std::nullopt};
    auto xlsx = c.svc->export_submissions(c.as("admin"), f, "xlsx");
    CHECK(xlsx.substr(0, 2) == "PK");
    auto csv = c.svc->export_submissions(c.as("admin"), f, "csv");
    CHECK_THAT(csv, Catch::Contains("慰问对象"));
    CHECK_THAT(csv, Catch::Contains("张三"));  // member shown by name, not id
    CHECK_THAT(csv, Catch::Contains("七一"));
    CHECK_THROWS_WITH(c.svc->export_submissions(c.as("admin"), f, "docx"), Catch::Contains("xlsx、csv 或 pdf"));
    // 乙局's administrator sees nothing of 甲局's records.
    CHECK_THROWS_AS(c.svc->export_submissions(c.as("unit1"), SubmissionFilter{"formtest.visit", std::nullopt, "GW", std::nullopt}, "csv"),
                    AccessDenied);
}

TEST_CASE("every form write is in the audit chain", "[forms-service][audit]") {
    FormCounty c;
    c.enable();
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    c.svc->return_submission(c.as("unit1"), s.id, "补充");
    AuditFilter f;
    f.target = "submission:" + std::to_string(s.id);
    auto log = c.svc->audit_log(c.as("admin"), f);
    REQUIRE(log.size() == 2);
    CHECK(log[0].action == "submission.return");
    CHECK(log[1].action == "submission.submit");
    CHECK(c.svc->audit_verify(c.as("admin")).intact);
}

TEST_CASE("a preview follows the form's functions: visibility, computed values, every problem", "[forms-service][preview]") {
    FormCounty c;
    c.enable();
    auto filler = c.as("filler1");

    // 日常 hides the 慰问品 section; a small amount hides the note; the date is out of period.
    auto p = c.svc->preview_form(filler, c.visit(json{{"member", 1}, {"occasion", "日常"}, {"date", "2021-07-01"},
                                                      {"amount", 100}, {"goods", "米面油"}}));
    CHECK(p.visible.at("goods") == false);
    CHECK(p.visible.at("note") == false);
    CHECK(p.visible.at("amount") == true);
    auto values = json::parse(p.values_json);
    CHECK_FALSE(values.contains("goods"));  // hidden fields are not kept
    CHECK(values["amount"] == 100);
    REQUIRE(p.issues.size() == 1);
    CHECK(p.issues[0].field == "date");
    CHECK_THAT(p.issues[0].message, Catch::Contains("2021年6月"));
    // check_form reports the same problems.
    auto same = c.svc->check_form(filler, c.visit(json{{"member", 1}, {"occasion", "日常"}, {"date", "2021-07-01"},
                                                       {"amount", 100}}));
    REQUIRE(same.size() == 1);
    CHECK(same[0].field == "date");

    // 1000 元 or more shows the note, which is then required.
    p = c.svc->preview_form(filler, c.visit(json{{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-01"}, {"amount", 1000}}));
    CHECK(p.visible.at("goods") == true);
    CHECK(p.visible.at("note") == true);
    REQUIRE(p.issues.size() == 1);
    CHECK(p.issues[0].field == "note");

    // Computed values are filled; table cells are named by row.
    SubmitRequest r;
    r.form_id = "formtest.report";
    r.unit_code = "D1";
    r.period = "2021";
    r.values_json = json({{"summary", "全年召开党组会议研究党建工作四次。"}, {"meetings", 6},
                          {"items", json::array({{{"name", "红色阵地"}}, {{"level", "推进中"}}})}})
                        .dump();
    p = c.svc->preview_form(c.as("unit1"), r);
    CHECK(json::parse(p.values_json)["per_quarter"] == 1.5);
    REQUIRE(p.issues.size() == 1);
    CHECK(p.issues[0].field == "items[2].name");
    CHECK(c.submissions() == 0);  // nothing stored

    CHECK_THROWS_AS(c.svc->preview_form(filler, c.visit(kVisit, "2021-06", "D2-B1")), AccessDenied);  // not theirs
}

TEST_CASE("a new draft starts from the form's default functions, under what the user typed", "[forms-service]") {
    FormCounty c;
    c.enable();
    SubmitRequest r;
    r.form_id = "formtest.report";
    r.unit_code = "D1";
    r.period = "2021";
    r.values_json = "{}";
    auto p = c.svc->draft_form(c.as("unit1"), r);
    auto v = json::parse(p.values_json);
    CHECK(v["meetings"] == 4);       // default = function() return 4 end
    CHECK(v["per_quarter"] == 1.0);  // computed from it
    REQUIRE(p.issues.size() == 1);
    CHECK(p.issues[0].field == "summary");  // still required

    r.values_json = json({{"meetings", 6}}).dump();
    v = json::parse(c.svc->draft_form(c.as("unit1"), r).values_json);
    CHECK(v["meetings"] == 6);
    CHECK(v["per_quarter"] == 1.5);
    // A plain preview applies no defaults: an emptied field stays empty.
    r.values_json = "{}";
    CHECK_FALSE(json::parse(c.svc->preview_form(c.as("unit1"), r).values_json).contains("meetings"));
    CHECK(c.submissions() == 0);
    CHECK_THROWS_AS(c.svc->draft_form(c.as("filler1"), c.visit(kVisit, "2021-06", "D2-B1")), AccessDenied);
}

TEST_CASE("plugin folders kept in the database apply to everyone who opens it", "[forms-service][plugins]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    auto has_formtest = [&] {
        for (const auto& p : c.svc->list_plugins(admin))
            if (p.id == "formtest") return true;
        return false;
    };
    CHECK_FALSE(has_formtest());
    CHECK_THROWS_WITH(c.svc->set_plugin_folders(admin, {"relative/dir"}), Catch::Contains("不是绝对路径"));
    CHECK_THROWS_AS(c.svc->set_plugin_folders(c.as("unit1"), {std::string(DJ_TESTS_DIR) + "/forms_fixture"}), AccessDenied);
    c.svc->set_plugin_folders(admin, {std::string(DJ_TESTS_DIR) + "/forms_fixture"});
    CHECK(has_formtest());
    auto again = LocalService::open(c.db_path);  // another user opening the same file
    bool found = false;
    for (const auto& p : again->list_plugins(again->actor("admin"))) found = found || p.id == "formtest";
    CHECK(found);
}

TEST_CASE("malformed and oversize submissions are refused whole", "[forms-service]") {
    FormCounty c;
    c.enable();
    auto filler = c.as("filler1");
    auto before = c.submissions();
    auto r = c.visit(kVisit);
    r.values_json = "{\"member\": 1, \"occasion\": ";  // cut off
    CHECK_THROWS_WITH(c.svc->submit(filler, r), Catch::Contains("JSON"));
    r.values_json = "[1, 2, 3]";
    CHECK_THROWS_WITH(c.svc->submit(filler, r), Catch::Contains("JSON 对象"));
    json huge = kVisit;
    huge["goods"] = std::string(2u << 20, 'x');
    r = c.visit(huge);
    CHECK_THROWS_WITH(c.svc->submit(filler, r), Catch::Contains("过大"));
    json wrong = kVisit;
    wrong["amount"] = "五百";
    wrong["member"] = "张三";
    wrong["date"] = 20210620;
    try {
        c.svc->submit(filler, c.visit(wrong));
        FAIL("wrong types accepted");
    } catch (const ValidationFailed& e) {
        CHECK(e.issues().size() == 3);
    }
    CHECK(c.submissions() == before);
}

TEST_CASE("a record's audit rows name its fields by label and the approver above by name", "[forms-service][audit]") {
    FormCounty c;
    c.enable();
    auto admin = c.as("admin");
    c.svc->change_user(admin, "gwadmin", UserChange{std::string("王书记"), std::nullopt, std::nullopt});
    auto s = c.svc->submit(c.as("filler1"), c.visit(kVisit));
    c.svc->approve(c.as("unit1"), s.id, "同意");
    c.svc->approve(c.as("gwadmin"), s.id, "同意");
    // 甲局's 领导 reads its branch's record: the 机关工委's approver, above its scope (not in its
    // own list of users), is named, not shown as a login.
    c.svc->create_user(admin, NewUser{"d1leader", "甲局领导", Role::Leader, "D1"});
    AuditFilter f;
    f.target = "submission:" + std::to_string(s.id);
    auto rows = c.svc->audit_log(c.as("d1leader"), f);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].actor == "gwadmin");
    CHECK(rows[0].actor_name == "王书记");
    const auto& submitted = rows[2];
    CHECK(submitted.action == "submission.submit");
    CHECK(submitted.field_labels.at("amount") == "慰问金（元）");
    CHECK(submitted.field_labels.at("occasion") == "时机");
}
