// The form engine on its own: schema checks and validation of every field type and
// property. Lua functions are stood in for by C++ lambdas here; the same forms are
// exercised through real plugins in test_forms_plugins.cpp.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "forms/field_types.hpp"
#include "forms/form_validate.hpp"

using namespace dj;
using namespace dj::forms;
using nlohmann::json;

namespace {

const json FN = {{"$fn", true}};

struct FakeHooks : FormHooks {
    std::map<std::string, std::function<json(const json&, const json&)>> fns;  // "field:hook"
    std::function<json(const json&)> check;
    json call_field(const std::string& path, Hook hook, const json& values, const json& row) override {
        auto it = fns.find(path + ":" + std::to_string(static_cast<int>(hook)));
        if (it == fns.end()) throw UserError("no hook " + path);
        return it->second(values, row);
    }
    json call_section_visible(const std::string& s, const json& values) override {
        return fns.at("section:" + s)(values, json());
    }
    json call_check(const json& values) override { return check ? check(values) : json(); }
    bool match_pattern(const std::string& text, const std::string& pattern) override {
        // Only the one pattern the tests use: eleven digits starting with 1.
        REQUIRE(pattern == "^1%d+$");
        return text.size() == 11 && text[0] == '1' && text.find_first_not_of("0123456789") == std::string::npos;
    }
    void on(const std::string& field, Hook h, std::function<json(const json&, const json&)> f) {
        fns[field + ":" + std::to_string(static_cast<int>(h))] = std::move(f);
    }
};

struct FakeContext : FormContext {
    std::optional<Period> p = Period::month(2020, 7);
    std::optional<std::string> check_member(std::int64_t id, const json& filter) override {
        if (id > 100) return "：党员编号 " + std::to_string(id) + " 不存在";
        if (filter.contains("flag") && id != 7) return "：该党员没有「" + filter["flag"].get<std::string>() + "」标记";
        return std::nullopt;
    }
    std::optional<std::string> check_org(const std::string& code) override {
        if (code == "D1-B1") return std::nullopt;
        return "：组织「" + code + "」不存在";
    }
    std::optional<std::string> check_attachment(const json& ref, const Field& f) override {
        if (ref["attachment"] == 1) return std::nullopt;
        (void)f;
        return "：附件不存在";
    }
    std::optional<Period> period() const override { return p; }
};

json visit_form() {
    return {
        {"title", "走访慰问记录"},
        {"scope", "branch"},
        {"period", "month"},
        {"many", true},
        {"sections", json::array({{{"id", "goods"}, {"title", "慰问品"}, {"visible_if", FN}}})},
        {"fields",
         json::array({
             {{"id", "member"}, {"type", "member"}, {"label", "慰问对象"}, {"required", true}, {"filter", {{"flag", "生活困难"}}}},
             {{"id", "occasion"}, {"type", "select"}, {"label", "时机"}, {"options", {"元旦", "春节", "七一", "日常"}}, {"required", true}},
             {{"id", "date"}, {"type", "date"}, {"label", "日期"}, {"required", "请填写走访日期"}, {"within_period", true}},
             {{"id", "amount"}, {"type", "number"}, {"label", "慰问金（元）"}, {"min", 0}, {"max", 5000}},
             {{"id", "goods"}, {"type", "text"}, {"label", "慰问品"}, {"section", "goods"}, {"max_length", 10}},
             {{"id", "phone"}, {"type", "text"}, {"label", "联系电话"}, {"pattern", "^1%d+$"}, {"pattern_message", "联系电话应为 11 位手机号"}},
             {{"id", "people"}, {"type", "integer"}, {"label", "参加人数"}, {"min", 1}},
             {{"id", "total"}, {"type", "number"}, {"label", "人均金额"}, {"compute", FN}},
             {{"id", "rating"}, {"type", "rating"}, {"label", "群众评价"}},
             {{"id", "done"}, {"type", "bool"}, {"label", "已办结"}},
             {{"id", "city"}, {"type", "select"}, {"label", "市"}, {"options", {"甲市", "乙市"}}},
             {{"id", "county"}, {"type", "select"}, {"label", "县"}, {"cascade_from", "city"},
              {"options", json::array({{{"value", "甲一县"}, {"parent", "甲市"}}, {{"value", "乙一县"}, {"parent", "乙市"}}})}},
             {{"id", "tags"}, {"type", "multiselect"}, {"label", "七个一"}, {"options", {"一次走访", "一次谈心", "一份慰问"}}, {"max_items", 2}},
             {{"id", "helpers"}, {"type", "members"}, {"label", "同行人员"}},
             {{"id", "branch"}, {"type", "org"}, {"label", "所在支部"}},
             {{"id", "photo"}, {"type", "attachment"}, {"label", "照片"}},
             {{"id", "reason"}, {"type", "textarea"}, {"label", "原因"}, {"visible_if", FN}, {"required", true}},
             {{"id", "items"}, {"type", "table"}, {"label", "慰问物品"}, {"max_rows", 2},
              {"columns", json::array({{{"id", "name"}, {"type", "text"}, {"label", "物品"}, {"required", true}},
                                       {{"id", "qty"}, {"type", "integer"}, {"label", "数量"}, {"min", 1}}})}},
         })},
        {"check", FN},
    };
}

FakeHooks standard_hooks() {
    FakeHooks h;
    h.fns["section:goods"] = [](const json& v, const json&) { return v.value("occasion", "") != "日常"; };
    h.on("total", Hook::Compute, [](const json& v, const json&) -> json {
        if (!v.contains("amount") || !v.contains("people")) return nullptr;
        return v["amount"].get<double>() / v["people"].get<double>();
    });
    h.on("reason", Hook::VisibleIf, [](const json& v, const json&) { return v.contains("done") && v["done"] == false; });
    h.check = [](const json& v) -> json {
        if (!v.contains("amount") && !v.contains("goods")) return "慰问金和慰问品至少填写一项";
        return nullptr;
    };
    return h;
}

bool has(const Validation& v, const std::string& field, const std::string& part) {
    for (const auto& p : v.problems)
        if (p.field == field && p.message.find(part) != std::string::npos) return true;
    return false;
}

const json kGood = {{"member", 7}, {"occasion", "春节"}, {"date", "2020-07-15"}, {"amount", 500}, {"people", 2}};

}  // namespace

TEST_CASE("forms: a good submission passes, computed values filled", "[forms]") {
    auto form = parse_form("care", "1.0.0", "visit", visit_form());
    CHECK(form.id == "care.visit");
    CHECK(form.many);
    auto hooks = standard_hooks();
    FakeContext ctx;
    auto v = validate(form, kGood, hooks, ctx);
    INFO((v.problems.empty() ? "" : v.problems[0].message));
    CHECK(v.ok());
    CHECK(v.values["total"] == 250.0);
}

TEST_CASE("forms: every problem is reported in one pass, each naming its field", "[forms]") {
    auto form = parse_form("care", "1.0.0", "visit", visit_form());
    auto hooks = standard_hooks();
    FakeContext ctx;
    json bad = {{"member", 8},          {"occasion", "端午"},          {"date", "2020-08-01"},
                {"amount", -5},         {"goods", "一二三四五六七八九十十一"}, {"phone", "12345"},
                {"people", 1.5},        {"rating", "优秀"},             {"done", "yes"},
                {"city", "甲市"},       {"county", "乙一县"},           {"tags", {"一次走访", "一次谈心", "一份慰问"}},
                {"helpers", {7, 7}},    {"branch", "XX"},              {"photo", {{"attachment", 9}}},
                {"items", json::array({{{"qty", 0}}, {{"name", "米"}, {"bogus", 1}}, {{"name", "油"}}})},
                {"nonsense", 1}};
    auto v = validate(form, bad, hooks, ctx);
    CHECK(has(v, "member", "没有「生活困难」标记"));
    CHECK(has(v, "occasion", "「时机」的选项「端午」无效"));
    CHECK(has(v, "date", "应在2020年7月内"));
    CHECK(has(v, "amount", "「慰问金（元）」不能小于 0"));
    CHECK(has(v, "goods", "最多 10 个字"));
    CHECK(has(v, "phone", "联系电话应为 11 位手机号"));
    CHECK(has(v, "people", "「参加人数」应为整数"));
    CHECK(has(v, "rating", "好、较好、一般、差"));
    CHECK(has(v, "done", "应为“是”或“否”"));
    CHECK(has(v, "county", "与「市」不匹配"));
    CHECK(has(v, "tags", "最多 2 项"));
    CHECK(has(v, "helpers", "重复"));
    CHECK(has(v, "branch", "组织「XX」不存在"));
    CHECK(has(v, "photo", "附件不存在"));
    CHECK(has(v, "items", "最多 2 行"));
    CHECK(has(v, "nonsense", "没有字段「nonsense」"));
    CHECK(v.problems.size() >= 16);
}

TEST_CASE("forms: table rows are checked cell by cell", "[forms]") {
    auto form = parse_form("care", "1.0.0", "visit", visit_form());
    auto hooks = standard_hooks();
    FakeContext ctx;
    json in = kGood;
    in["items"] = json::array({{{"qty", 0}}, {{"name", "米"}, {"bogus", 1}}});
    auto v = validate(form, in, hooks, ctx);
    CHECK(has(v, "items[1].name", "第 1 行的物品」为必填项"));
    CHECK(has(v, "items[1].qty", "不能小于 1"));
    CHECK(has(v, "items[2]", "未知列「bogus」"));
}

TEST_CASE("forms: hidden fields and sections are neither required nor kept", "[forms]") {
    auto form = parse_form("care", "1.0.0", "visit", visit_form());
    auto hooks = standard_hooks();
    FakeContext ctx;
    json in = kGood;
    in["occasion"] = "日常";
    in["goods"] = "大米";  // its section is hidden for 日常
    auto v = validate(form, in, hooks, ctx);
    CHECK(v.ok());
    CHECK_FALSE(v.values.contains("goods"));
    CHECK_FALSE(v.visible["goods"]);
    in["done"] = false;  // now 原因 shows, and is required
    v = validate(form, in, hooks, ctx);
    CHECK(has(v, "reason", "「原因」为必填项"));
}

TEST_CASE("forms: required messages, the cross-field check and script faults", "[forms]") {
    auto form = parse_form("care", "1.0.0", "visit", visit_form());
    auto hooks = standard_hooks();
    FakeContext ctx;
    auto v = validate(form, json::object(), hooks, ctx);
    CHECK(has(v, "member", "「慰问对象」为必填项"));
    CHECK(has(v, "date", "请填写走访日期"));
    json in = kGood;
    in.erase("amount");
    v = validate(form, in, hooks, ctx);
    CHECK(has(v, "", "慰问金和慰问品至少填写一项"));
    hooks.on("total", Hook::Compute, [](const json&, const json&) -> json { throw UserError("插件 care：visit.lua:9: 出错了"); });
    v = validate(form, kGood, hooks, ctx);
    CHECK(has(v, "total", "表单脚本出错"));
    CHECK(has(v, "total", "visit.lua:9"));
    CHECK(validate(form, json::array(), hooks, ctx).problems.size() == 1);
}

TEST_CASE("forms: a broken form definition is refused with every problem named", "[forms]") {
    json bad = visit_form();
    bad["fields"][0]["type"] = "colour";
    bad["fields"][1]["options"] = {"元旦", "元旦"};
    bad["fields"][2]["requird"] = true;
    bad["fields"][3]["min"] = 10;
    bad["fields"][3]["max"] = 1;
    bad["fields"][4]["section"] = "nowhere";
    bad["fields"][11]["cascade_from"] = "missing";
    bad["fields"][16]["visible_if"] = "not a function";
    bad["period"] = "weekly";
    try {
        parse_form("care", "1.0.0", "visit", bad);
        FAIL("broken form accepted");
    } catch (const UserError& e) {
        std::string msg = e.what();
        CHECK_THAT(msg, Catch::Contains("未知类型「colour」"));
        CHECK_THAT(msg, Catch::Contains("选项「元旦」重复"));
        CHECK_THAT(msg, Catch::Contains("未知属性「requird」"));
        CHECK_THAT(msg, Catch::Contains("min 大于 max"));
        CHECK_THAT(msg, Catch::Contains("nowhere"));
        CHECK_THAT(msg, Catch::Contains("cascade_from 指向不存在的字段"));
        CHECK_THAT(msg, Catch::Contains("visible_if 应为函数"));
        CHECK_THAT(msg, Catch::Contains("period 应为"));
    }
    CHECK_THROWS_WITH(parse_form("care", "1", "x", json{{"title", "空表"}}), Catch::Contains("缺少 fields"));
}

TEST_CASE("forms: initial values use defaults and computed fields", "[forms]") {
    json t = visit_form();
    t["fields"][1]["default"] = "日常";
    t["fields"][3]["default"] = 100;
    t["fields"][6]["default"] = FN;
    auto form = parse_form("care", "1.0.0", "visit", t);
    auto hooks = standard_hooks();
    hooks.on("people", Hook::Default, [](const json&, const json&) { return json(4); });
    auto init = initial_values(form, hooks);
    CHECK(init["occasion"] == "日常");
    CHECK(init["people"] == 4);
    CHECK(init["total"] == 25.0);
}

TEST_CASE("field types: one table entry per type, found by its id, declared and shown the same way",
          "[forms][field-types]") {
    std::set<std::string_view> ids;
    for (const auto& spec : field_types()) {
        INFO(spec.id);
        CHECK(ids.insert(spec.id).second);
        CHECK(parse_field_type(spec.id) == spec.type);
        CHECK(&field_type(spec.type) == &spec);
        CHECK(field_type_label(spec.type) == spec.label);
        REQUIRE(spec.stored);
        REQUIRE(spec.check);
        REQUIRE(spec.shown);
        REQUIRE(spec.demo);
        // A field of the type, with what its declaration requires, parses and is shown under its id.
        json field = {{"id", "x"}, {"type", spec.id}, {"label", "甲"}};
        if (spec.choice) field["options"] = json::array({"一", "二"});
        if (spec.rows) field["columns"] = json::array({json{{"id", "c"}, {"type", "text"}, {"label", "乙"}}});
        auto form = parse_form("t", "1.0.0", "f", json{{"title", "表"}, {"fields", json::array({field})}});
        CHECK(form_to_json(form)["fields"][0]["type"] == spec.id);
    }
    CHECK(ids.size() == 14);
    CHECK_FALSE(find_field_type("money"));
}

TEST_CASE("a form names the fields that tell its records apart, and a summary naming no field or a table is refused",
          "[forms][summary]") {
    auto t = visit_form();
    t["summary"] = {"occasion", "date"};
    auto form = parse_form("care", "1.0.0", "visit", t);
    CHECK(form.summary == std::vector<std::string>{"occasion", "date"});
    CHECK(form_to_json(form)["summary"] == json({"occasion", "date"}));
    t["summary"] = {"occasion", "nothing"};
    CHECK_THROWS_WITH(parse_form("care", "1.0.0", "visit", t), Catch::Contains("summary 指向不存在的字段「nothing」"));
    t["summary"] = {"items"};
    CHECK_THROWS_WITH(parse_form("care", "1.0.0", "visit", t), Catch::Contains("summary 不能包含明细表「items」"));
}
