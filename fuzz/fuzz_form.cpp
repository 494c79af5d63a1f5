// Form data against a form schema: the one validation engine every front-end uses.
// Input: a JSON object of field values. Two optional keys steer the harness instead of
// being values: "$form" replaces the built-in schema (every field type and property) with
// a schema of its own, parsed like a plugin's form table; "$hooks" maps "field:hook"
// (hook: visible_if, compute, default, constraint, options; "section:ID"; "check") to what
// that plugin function returns ("$throw" makes it fail), because a plugin's return values
// are untrusted input too. Anything but dj::UserError escaping is a finding.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "forms/form_schema.hpp"
#include "forms/form_validate.hpp"
#include "harness.hpp"

using nlohmann::json;
namespace forms = dj::forms;

namespace {

const json kFn = {{"$fn", true}};

json builtin_schema() {
    return {
        {"title", "模糊测试表单"},
        {"scope", "branch"},
        {"period", "month"},
        {"sections", json::array({{{"id", "more"}, {"title", "更多"}, {"visible_if", kFn}}})},
        {"fields",
         json::array({
             {{"id", "member"}, {"type", "member"}, {"label", "对象"}, {"required", true}, {"filter", {{"flag", "生活困难"}}}},
             {{"id", "occasion"}, {"type", "select"}, {"label", "时机"}, {"options", {"元旦", "春节", "七一"}}},
             {{"id", "date"}, {"type", "date"}, {"label", "日期"}, {"within_period", true}, {"min", "2000-01-01"}},
             {{"id", "amount"}, {"type", "number"}, {"label", "金额"}, {"min", 0}, {"max", 5000}},
             {{"id", "note"}, {"type", "text"}, {"label", "备注"}, {"section", "more"}, {"max_length", 10}, {"min_length", 2}},
             {{"id", "phone"}, {"type", "text"}, {"label", "电话"}, {"pattern", "^1%d+$"}, {"constraint", kFn}},
             {{"id", "people"}, {"type", "integer"}, {"label", "人数"}, {"min", 1}, {"default", kFn}},
             {{"id", "total"}, {"type", "number"}, {"label", "人均"}, {"compute", kFn}},
             {{"id", "rating"}, {"type", "rating"}, {"label", "评价"}},
             {{"id", "done"}, {"type", "bool"}, {"label", "已办结"}},
             {{"id", "city"}, {"type", "select"}, {"label", "市"}, {"options", {"甲市", "乙市"}}},
             {{"id", "county"}, {"type", "select"}, {"label", "县"}, {"cascade_from", "city"},
              {"options", json::array({{{"value", "甲一县"}, {"parent", "甲市"}}, {{"value", "乙一县"}, {"parent", "乙市"}}})}},
             {{"id", "tags"}, {"type", "multiselect"}, {"label", "标签"}, {"options", kFn}, {"max_items", 2}},
             {{"id", "helpers"}, {"type", "members"}, {"label", "同行"}},
             {{"id", "branch"}, {"type", "org"}, {"label", "支部"}},
             {{"id", "photo"}, {"type", "attachment"}, {"label", "照片"}, {"accept", {".jpg"}}},
             {{"id", "reason"}, {"type", "textarea"}, {"label", "原因"}, {"visible_if", kFn}, {"required", true}},
             {{"id", "items"}, {"type", "table"}, {"label", "物品"}, {"max_rows", 3},
              {"columns", json::array({{{"id", "name"}, {"type", "text"}, {"label", "名称"}, {"required", true}},
                                       {{"id", "kind"}, {"type", "select"}, {"label", "类别"}, {"options", kFn}},
                                       {{"id", "qty"}, {"type", "integer"}, {"label", "数量"}, {"min", 1}, {"compute", kFn}}})}},
         })},
        {"check", kFn},
    };
}

const char* hook_name(forms::Hook h) {
    switch (h) {
        case forms::Hook::VisibleIf: return "visible_if";
        case forms::Hook::Compute: return "compute";
        case forms::Hook::Default: return "default";
        case forms::Hook::Constraint: return "constraint";
        case forms::Hook::Options: return "options";
    }
    return "?";
}

struct Hooks : forms::FormHooks {
    json results = json::object();
    json answer(const std::string& key) {
        if (!results.is_object() || !results.contains(key)) return nullptr;
        const json& r = results[key];
        if (r == "$throw") throw dj::UserError("插件函数出错");
        return r;
    }
    json call_field(const std::string& path, forms::Hook h, const json&, const json&) override {
        return answer(path + ":" + hook_name(h));
    }
    json call_section_visible(const std::string& s, const json&) override { return answer("section:" + s); }
    json call_check(const json&) override { return answer("check"); }
    bool match_pattern(const std::string& text, const std::string& pattern) override {
        return text.find(pattern) != std::string::npos;
    }
};

struct Context : forms::FormContext {
    std::optional<std::string> check_member(std::int64_t id, const json&) override {
        if (id > 100 || id < 1) return "：党员编号 " + std::to_string(id) + " 不存在";
        return std::nullopt;
    }
    std::optional<std::string> check_org(const std::string& code) override {
        if (code == "D1-B1") return std::nullopt;
        return "：组织不存在";
    }
    std::optional<std::string> check_attachment(const json& ref, const forms::Field&) override {
        if (ref.is_object() && ref.contains("attachment") && ref["attachment"] == 1) return std::nullopt;
        return "：附件不存在";
    }
    std::optional<dj::Period> period() const override { return dj::Period::month(2020, 7); }
};

}  // namespace

DJ_FUZZ_TARGET(form) {
    static const forms::FormDef kBuiltin = forms::parse_form("fuzz", "1.0.0", "form", builtin_schema());
    json input = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (input.is_discarded() || !input.is_object()) return 0;
    Hooks hooks;
    if (input.contains("$hooks")) {
        hooks.results = input["$hooks"];
        input.erase("$hooks");
    }
    forms::FormDef own;
    const forms::FormDef* form = &kBuiltin;
    if (input.contains("$form")) {
        try {
            own = forms::parse_form("fuzz", "1.0.0", "own", input["$form"]);
        } catch (const dj::UserError&) {
            return 0;  // a bad schema is refused with its problems listed: fine
        }
        (void)forms::form_to_json(own).dump();
        form = &own;
        input.erase("$form");
    }
    Context ctx;
    auto draft = forms::initial_values(*form, hooks);
    (void)forms::validate(*form, draft, hooks, ctx);
    auto v = forms::validate(*form, input, hooks, ctx);
    (void)v.values.dump();
    for (const auto& p : v.problems) DJ_FUZZ_ASSERT(!p.message.empty());
    return 0;
}
