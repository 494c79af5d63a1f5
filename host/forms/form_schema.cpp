#include "forms/form_schema.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "core/errors.hpp"
#include "forms/field_types.hpp"
#include "model/rating_scale.hpp"

namespace dj::forms {

using nlohmann::json;

namespace {

bool is_fn(const json& v) { return v.is_object() && v.contains("$fn"); }

// Collects every problem of one form instead of stopping at the first.
struct Problems {
    std::string form;
    std::vector<std::string> list;
    std::vector<FormProblem> located;
    std::string field;  // the field being read (its problems are located at its line)
    void add(const std::string& where, const std::string& what) {
        list.push_back(where + "：" + what);
        located.push_back({field, list.back()});
    }
};

// Problems added while it lives are about `id`.
class AboutField {
public:
    AboutField(Problems& p, std::string id) : p_(p), saved_(std::exchange(p.field, std::move(id))) {}
    ~AboutField() { p_.field = std::move(saved_); }
    AboutField(const AboutField&) = delete;
    AboutField& operator=(const AboutField&) = delete;

private:
    Problems& p_;
    std::string saved_;
};

std::string where_field(const std::string& id) { return "字段 " + (id.empty() ? std::string("（未命名）") : id); }

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    if (!(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_')) return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

std::optional<double> number(const json& t, const char* key, Problems& p, const std::string& where) {
    if (!t.contains(key) || t[key].is_null()) return std::nullopt;
    if (!t[key].is_number()) {
        p.add(where, std::string(key) + " 应为数字");
        return std::nullopt;
    }
    return t[key].get<double>();
}

std::optional<std::size_t> count(const json& t, const char* key, Problems& p, const std::string& where) {
    auto n = number(t, key, p, where);
    if (!n) return std::nullopt;
    if (*n < 0 || *n != static_cast<double>(static_cast<std::size_t>(*n))) {
        p.add(where, std::string(key) + " 应为非负整数");
        return std::nullopt;
    }
    return static_cast<std::size_t>(*n);
}

std::string text(const json& t, const char* key, Problems& p, const std::string& where) {
    if (!t.contains(key) || t[key].is_null()) return {};
    if (!t[key].is_string()) {
        p.add(where, std::string(key) + " 应为文字");
        return {};
    }
    return t[key].get<std::string>();
}

bool flag(const json& t, const char* key, Problems& p, const std::string& where) {
    if (!t.contains(key) || t[key].is_null()) return false;
    if (!t[key].is_boolean()) {
        p.add(where, std::string(key) + " 应为 true 或 false");
        return false;
    }
    return t[key].get<bool>();
}

const std::set<std::string> kFieldKeys = {
    "id", "type", "label", "help", "section", "required", "min", "max", "min_length", "max_length", "min_rows",
    "max_rows", "min_items", "max_items", "pattern", "pattern_message", "options", "cascade_from", "default",
    "compute", "readonly", "visible_if", "constraint", "constraint_message", "within_period", "filter", "max_bytes",
    "accept", "columns", "multiple", "roster", "roster_count", "roster_absent"};

Field parse_field(const json& t, Problems& p, bool in_table) {
    Field f;
    if (!t.is_object()) {
        p.add("字段", "每个字段应为一个表 { id = …, type = …, label = … }");
        return f;
    }
    f.id = text(t, "id", p, "字段");
    AboutField about(p, f.id);
    std::string where = where_field(f.id);
    if (!valid_id(f.id)) p.add(where, "id 应为英文字母、数字或下划线，且以字母开头");
    for (auto it = t.begin(); it != t.end(); ++it)
        if (!kFieldKeys.count(it.key())) p.add(where, "未知属性「" + it.key() + "」");
    std::string type = text(t, "type", p, where);
    if (auto ft = parse_field_type(type == "multi-select" ? "multiselect" : type)) f.type = *ft;
    else p.add(where, "未知类型「" + type + "」");
    const FieldTypeSpec& kind = field_type(f.type);
    f.label = text(t, "label", p, where);
    if (f.label.empty()) p.add(where, "缺少 label（字段名称）");
    f.help = text(t, "help", p, where);
    f.section = text(t, "section", p, where);
    if (t.contains("required")) {
        if (t["required"].is_string()) {
            f.required = true;
            f.required_message = t["required"].get<std::string>();
        } else {
            f.required = flag(t, "required", p, where);
        }
    }
    if (kind.dated) {
        f.min_date = text(t, "min", p, where);
        f.max_date = text(t, "max", p, where);
        if (f.min_date->empty()) f.min_date.reset();
        if (f.max_date->empty()) f.max_date.reset();
        for (const auto* d : {&f.min_date, &f.max_date})
            if (*d && !Date::parse(**d)) p.add(where, "min/max 应为日期 YYYY-MM-DD");
    } else {
        f.min = number(t, "min", p, where);
        f.max = number(t, "max", p, where);
    }
    if (f.min && f.max && *f.min > *f.max) p.add(where, "min 大于 max");
    f.min_length = count(t, "min_length", p, where);
    f.max_length = count(t, "max_length", p, where);
    for (const char* k : {"min_rows", "min_items"})
        if (auto n = count(t, k, p, where)) f.min_length = n;
    for (const char* k : {"max_rows", "max_items"})
        if (auto n = count(t, k, p, where)) f.max_length = n;
    if (f.min_length && f.max_length && *f.min_length > *f.max_length) p.add(where, "最小长度大于最大长度");
    if (t.contains("pattern")) f.pattern = text(t, "pattern", p, where);
    f.pattern_message = text(t, "pattern_message", p, where);
    f.readonly = flag(t, "readonly", p, where);
    f.within_period = flag(t, "within_period", p, where);
    f.constraint_message = text(t, "constraint_message", p, where);
    if (t.contains("cascade_from")) f.cascade_from = text(t, "cascade_from", p, where);

    if (t.contains("options")) {
        const auto& opts = t["options"];
        if (is_fn(opts)) {
            f.hooks[Hook::Options] = true;
        } else if (!opts.is_array()) {
            p.add(where, "options 应为选项列表");
        } else {
            std::set<std::string> seen;
            for (const auto& o : opts) {
                Option opt;
                if (o.is_string()) {
                    opt.value = opt.label = o.get<std::string>();
                } else if (o.is_object() && o.contains("value")) {
                    opt.value = o["value"].is_string() ? o["value"].get<std::string>() : o["value"].dump();
                    opt.label = o.contains("label") && o["label"].is_string() ? o["label"].get<std::string>() : opt.value;
                    if (o.contains("parent") && o["parent"].is_string()) opt.parent = o["parent"].get<std::string>();
                } else {
                    p.add(where, "选项应为文字或 { value = …, label = … }");
                    continue;
                }
                if (opt.value.empty()) p.add(where, "选项不能为空");
                if (!seen.insert(opt.value).second) p.add(where, "选项「" + opt.value + "」重复");
                f.options.push_back(std::move(opt));
            }
        }
    }
    if (kind.choice && f.options.empty() && !f.has(Hook::Options)) p.add(where, "单选/多选字段须提供 options");
    if (kind.scale) {
        // A rating field rates on the scale of its plugin's assessment scheme (filled in when
        // the plugin binds), unless it names its own labels.
        if (f.has(Hook::Options)) p.add(where, "评定等次字段的 options 应为等次列表，不能是函数");
        if (f.options.empty()) {
            f.scale_from_scheme = true;
            for (const auto& label : default_rating_scale().labels) f.options.push_back({label, label, std::nullopt});
        }
    } else if (!kind.choice && t.contains("options")) {
        p.add(where, "只有单选/多选和评定等次字段可以有 options");
    }

    if (t.contains("default")) {
        if (is_fn(t["default"])) f.hooks[Hook::Default] = true;
        else f.default_value = t["default"];
    }
    for (auto [key, hook] : {std::pair{"compute", Hook::Compute}, {"visible_if", Hook::VisibleIf},
                             {"constraint", Hook::Constraint}}) {
        if (!t.contains(key)) continue;
        if (is_fn(t[key])) f.hooks[hook] = true;
        else p.add(where, std::string(key) + " 应为函数 function(f) … end");
    }
    if (f.has(Hook::Compute)) f.readonly = true;  // a computed value is never typed in
    if (t.contains("filter")) {
        if (!kind.member_ref) p.add(where, "只有党员字段可以有 filter");
        else if (!t["filter"].is_object()) p.add(where, "filter 应为表，如 { flag = \"生活困难\" }");
        else {
            f.member_filter = t["filter"];
            for (const auto& [k, v] : f.member_filter.items()) {
                const bool ok = k == "flag" ? v.is_string()
                                : k == "joined_before" ? v.is_string() && Date::parse(v.get<std::string>()).has_value()
                                : k == "any_flag" ? v.is_array() && !v.empty() &&
                                                        std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); })
                                                  : false;
                if (!ok)
                    p.add(where, "filter 的「" + k + "」不合法：可用 flag = \"标记\"、any_flag = { \"标记\", … }、"
                                 "joined_before = \"1949-10-01\"");
            }
        }
    }
    if (f.within_period && !kind.dated) p.add(where, "within_period 只适用于日期字段");
    f.multiple = flag(t, "multiple", p, where);
    if (f.multiple && !kind.file) p.add(where, "multiple 只适用于附件字段");
    if (t.contains("roster")) {
        f.roster = text(t, "roster", p, where);
        if (!kind.member_ref) p.add(where, "roster 只适用于党员字段");
    }
    for (auto [key, slot] : {std::pair{"roster_count", &f.roster_count}, {"roster_absent", &f.roster_absent}}) {
        if (!t.contains(key)) continue;
        *slot = text(t, key, p, where);
        f.readonly = true;  // filled in by the host, never typed
    }
    if (f.roster_count && f.type != FieldType::Integer) p.add(where, "roster_count 只适用于整数字段");
    if (f.roster_absent && f.type != FieldType::Members) p.add(where, "roster_absent 只适用于党员名单字段");
    if (t.contains("max_bytes")) f.max_bytes = count(t, "max_bytes", p, where);
    if (kind.file && !f.max_bytes) f.max_bytes = 10u * 1024u * 1024u;
    if (t.contains("accept")) {
        if (!t["accept"].is_array()) p.add(where, "accept 应为文件类型列表，如 { \".jpg\", \".pdf\" }");
        else
            for (const auto& a : t["accept"])
                if (a.is_string()) f.accept.push_back(a.get<std::string>());
    }
    if (kind.rows) {
        if (in_table) p.add(where, "明细表中不能再嵌套明细表");
        if (!t.contains("columns") || !t["columns"].is_array() || t["columns"].empty()) {
            p.add(where, "明细表须提供 columns（各列字段）");
        } else {
            std::set<std::string> ids;
            for (const auto& c : t["columns"]) {
                auto col = parse_field(c, p, true);
                if (!ids.insert(col.id).second) p.add(where, "列 " + col.id + " 重复");
                f.columns.push_back(std::move(col));
            }
        }
    } else if (t.contains("columns")) {
        p.add(where, "只有明细表（table）可以有 columns");
    }
    return f;
}

// A list of strings in `print`; an empty Lua table arrives as {}.
std::vector<std::string> string_list(const json& v, bool& ok) {
    std::vector<std::string> out;
    ok = v.is_array() || (v.is_object() && v.empty());
    if (v.is_array())
        for (const auto& x : v) {
            if (x.is_string()) out.push_back(x.get<std::string>());
            else ok = false;
        }
    return out;
}

void parse_print(const json& v, FormDef& form, Problems& p, const std::string& here) {
    const std::string where = here + " print";
    if (!v.is_object()) {
        p.add(where, "应为表，如 { title = \"会议记录\", signatures = { \"主持人\", \"记录人\" } }");
        return;
    }
    for (const auto& [key, value] : v.items()) {
        bool ok = true;
        if (key == "title") {
            if (value.is_string()) form.print.title = value.get<std::string>();
            else p.add(where, "title 应为文字");
        } else if (key == "omit") {
            form.print.omit = string_list(value, ok);
            if (!ok) p.add(where, "omit 应为字段 id 列表");
        } else if (key == "signatures") {
            form.print.signatures = string_list(value, ok);
            if (!ok) p.add(where, "signatures 应为签字人列表，如 { \"主持人\", \"记录人\" }");
        } else {
            p.add(where, "未知属性「" + key + "」（可用 title、omit、signatures）");
        }
    }
}

const std::set<std::string> kFormKeys = {"title", "description", "scope", "period", "many", "deadline_days",
                                         "fill_roles", "approval", "sections", "fields", "check",
                                         "evaluation", "summary", "rectifications", "expected", "trends", "print"};

// trends: what a dashboard counts month by month; checked against the fields once they are known.
void parse_trends(const json& t, FormDef& form, Problems& p, const std::string& here) {
    if (!t.contains("trends")) return;
    const json& list = t["trends"];
    const char* shape = "trends 应为列表，如 { { label = \"主题党日\", field = \"kind\", values = { \"主题党日\" } } }";
    if (!list.is_array()) {
        p.add(here, shape);
        return;
    }
    if (form.period != PeriodType::Month) p.add(here, "trends 只适用于按月报送（period = \"month\"）的表单");
    for (const auto& e : list) {
        if (!e.is_object()) {
            p.add(here, shape);
            continue;
        }
        for (auto it = e.begin(); it != e.end(); ++it)
            if (it.key() != "label" && it.key() != "field" && it.key() != "values")
                p.add(here, "trends 的未知属性「" + it.key() + "」");
        FormTrend trend;
        trend.label = text(e, "label", p, here);
        trend.field = text(e, "field", p, here);
        if (trend.label.empty()) p.add(here, "trends 的每一项须有 label（图上显示的名称）");
        const Field* f = form.field(trend.field);
        if (!f || f->type != FieldType::Select) {
            p.add(here, "trends 的 field「" + trend.field + "」应为本表单的单选字段");
            continue;
        }
        if (!e.contains("values") || !e["values"].is_array() || e["values"].empty()) {
            p.add(here, "trends「" + trend.label + "」须有 values（计入的选项列表）");
            continue;
        }
        for (const auto& v : e["values"]) {
            std::string value = v.is_string() ? v.get<std::string>() : "";
            bool known = false;
            for (const auto& o : f->options) known = known || o.value == value;
            if (!known) p.add(here, "trends「" + trend.label + "」的「" + value + "」不是字段「" + f->label + "」的选项");
            trend.values.push_back(std::move(value));
        }
        form.trends.push_back(std::move(trend));
    }
}

}  // namespace

std::string_view field_type_id(FieldType t) { return field_type(t).id; }
std::string_view field_type_label(FieldType t) { return field_type(t).label; }
std::optional<FieldType> parse_field_type(std::string_view id) {
    if (const auto* spec = find_field_type(id)) return spec->type;
    return std::nullopt;
}

std::string_view form_scope_id(FormScope s) {
    switch (s) {
        case FormScope::Department: return "department";
        case FormScope::Organisation: return "organisation";
        case FormScope::Member: return "member";
    }
    return "";
}

bool FormDef::due_at_unit() const {
    if (!expected) return false;
    if (fill_roles.empty()) return true;
    for (const auto& r : fill_roles)
        if (r == "filler" || r == "unit_admin") return true;
    return false;
}

const Field* FormDef::field(std::string_view fid) const {
    for (const auto& f : fields)
        if (f.id == fid) return &f;
    return nullptr;
}

FormDef parse_form(const std::string& plugin_id, const std::string& plugin_version, const std::string& local_id,
                   const json& t) {
    FormDef form;
    form.id = plugin_id + "." + local_id;
    form.plugin_id = plugin_id;
    form.plugin_version = plugin_version;
    Problems p;
    const std::string here = "表单 " + local_id;
    if (!valid_id(local_id)) p.add(here, "表单 id 应为英文字母、数字或下划线");
    if (!t.is_object()) throw UserError(here + "：表单定义应为一个表");
    for (auto it = t.begin(); it != t.end(); ++it)
        if (!kFormKeys.count(it.key())) p.add(here, "未知属性「" + it.key() + "」");
    form.title = text(t, "title", p, here);
    if (form.title.empty()) p.add(here, "缺少 title（表单名称）");
    form.description = text(t, "description", p, here);
    std::string scope = text(t, "scope", p, here);
    if (scope == "department") form.scope = FormScope::Department;
    else if (scope == "member") form.scope = FormScope::Member;
    else if (scope.empty() || scope == "organisation" || scope == "branch") form.scope = FormScope::Organisation;
    else p.add(here, "scope 应为 department、organisation（或 branch）、member，而不是「" + scope + "」");
    std::string period = text(t, "period", p, here);
    if (auto pt = parse_period_type(period.empty() ? "month" : period)) form.period = *pt;
    else p.add(here, "period 应为 year、half、quarter、month，而不是「" + period + "」");
    form.many = flag(t, "many", p, here);
    form.expected = !t.contains("expected") || flag(t, "expected", p, here);
    if (auto d = number(t, "deadline_days", p, here)) {
        if (*d < 0 || *d > 366) p.add(here, "deadline_days 应在 0–366 之间");
        else form.deadline_days = static_cast<int>(*d);
    }
    if (t.contains("fill_roles")) {
        if (!t["fill_roles"].is_array()) p.add(here, "fill_roles 应为角色列表");
        else
            for (const auto& r : t["fill_roles"]) form.fill_roles.push_back(r.is_string() ? r.get<std::string>() : "");
    }
    if (t.contains("approval")) {
        if (!t["approval"].is_array()) p.add(here, "approval 应为审核层级列表，如 { \"部门\", \"机关工委\" }");
        else
            for (const auto& step : t["approval"]) {
                std::string level = step.is_string() ? step.get<std::string>()
                                    : step.is_object() && step.contains("level") && step["level"].is_string()
                                        ? step["level"].get<std::string>()
                                        : "";
                auto type = parse_org_type(level);
                if (!type) {
                    p.add(here, "审核层级「" + level + "」无效（应为 党支部、党总支、机关党委、部门、机关工委 等）");
                    continue;
                }
                std::string label = step.is_object() && step.contains("label") && step["label"].is_string()
                                        ? step["label"].get<std::string>()
                                        : std::string(org_type_label(*type)) + "审核";
                form.approval.push_back({*type, label});
            }
    }
    if (t.contains("sections")) {
        if (!t["sections"].is_array()) p.add(here, "sections 应为分节列表");
        else
            for (const auto& s : t["sections"]) {
                Section sec;
                sec.id = text(s, "id", p, here);
                sec.title = text(s, "title", p, here);
                sec.has_visible_if = s.contains("visible_if") && is_fn(s["visible_if"]);
                if (!valid_id(sec.id)) p.add(here, "分节 id「" + sec.id + "」无效");
                form.sections.push_back(sec);
            }
    }
    if (t.contains("evaluation")) {
        // 述职评议: evaluators rate the submitted report; the rule turns votes into a result.
        const json& e = t["evaluation"];
        if (!e.is_object()) {
            p.add(here, "evaluation 应为表，如 { rule = \"average\" }");
        } else {
            form.evaluation = "average";
            if (e.contains("rule")) {
                if (is_fn(e["rule"])) form.evaluation = "function";
                else if (e["rule"] == "average" || e["rule"] == "majority") form.evaluation = e["rule"].get<std::string>();
                else p.add(here, "evaluation.rule 应为 \"average\"、\"majority\" 或函数 function(tally) … end");
            }
            for (auto it = e.begin(); it != e.end(); ++it)
                if (it.key() != "rule") p.add(here, "evaluation 的未知属性「" + it.key() + "」");
        }
    }
    if (t.contains("check")) {
        if (is_fn(t["check"])) form.has_check = true;
        else p.add(here, "check 应为函数 function(f) … end");
    }
    if (t.contains("rectifications")) {
        if (is_fn(t["rectifications"])) form.has_rectifications = true;
        else p.add(here, "rectifications 应为函数 function(f) … end，返回整改事项列表");
    }
    if (!t.contains("fields") || !t["fields"].is_array() || t["fields"].empty()) {
        p.add(here, "缺少 fields（字段列表）");
    } else {
        std::set<std::string> ids;
        for (const auto& ft : t["fields"]) {
            auto f = parse_field(ft, p, false);
            AboutField about(p, f.id);
            if (!f.id.empty() && !ids.insert(f.id).second) p.add(where_field(f.id), "id 重复");
            form.fields.push_back(std::move(f));
        }
    }
    if (t.contains("summary")) {
        if (!t["summary"].is_array()) p.add(here, "summary 应为字段 id 列表，如 { \"type\", \"date\", \"topic\" }");
        else
            for (const auto& id : t["summary"]) form.summary.push_back(id.is_string() ? id.get<std::string>() : "");
    }
    if (t.contains("print")) parse_print(t["print"], form, p, here);
    // Cross-references, once every field is known.
    for (const auto& id : form.summary) {
        const Field* f = form.field(id);
        if (!f) p.add(here, "summary 指向不存在的字段「" + id + "」");
        else if (f->type == FieldType::Table) p.add(here, "summary 不能包含明细表「" + id + "」");
    }
    parse_trends(t, form, p, here);
    for (const auto& id : form.print.omit)
        if (!form.field(id)) p.add(here + " print", "omit 指向不存在的字段「" + id + "」");
    for (const auto& f : form.fields) {
        AboutField about(p, f.id);
        if (!f.section.empty()) {
            bool known = false;
            for (const auto& s : form.sections) known = known || s.id == f.section;
            if (!known) p.add(where_field(f.id), "所属分节「" + f.section + "」未在 sections 中声明");
        }
        if (f.cascade_from) {
            const Field* parent = form.field(*f.cascade_from);
            if (!parent) p.add(where_field(f.id), "cascade_from 指向不存在的字段「" + *f.cascade_from + "」");
            else if (parent->type != FieldType::Select) p.add(where_field(f.id), "cascade_from 须指向单选字段");
            for (const auto& o : f.options)
                if (!o.parent) p.add(where_field(f.id), "级联选项「" + o.value + "」缺少 parent");
        }
        if (f.roster) {
            const Field* day = form.field(*f.roster);
            if (!day || day->type != FieldType::Date) p.add(where_field(f.id), "roster 须指向本表单的日期字段");
        }
        for (const auto* ref : {&f.roster_count, &f.roster_absent}) {
            if (!*ref) continue;
            const Field* picked = form.field(**ref);
            if (!picked || picked->type != FieldType::Members || !picked->roster)
                p.add(where_field(f.id), "roster_count / roster_absent 须指向带 roster 的党员名单字段");
        }
    }
    if (!p.list.empty()) {
        std::string msg = "表单 " + local_id + " 定义有误：";
        for (std::size_t i = 0; i < p.list.size(); ++i) msg += (i ? "；" : "") + p.list[i];
        throw FormDefinitionError(msg, std::move(p.located));
    }
    return form;
}

namespace {
json field_to_json(const Field& f) {
    json j = {{"id", f.id},
              {"type", field_type_id(f.type)},
              {"type_label", field_type_label(f.type)},
              {"label", f.label},
              {"help", f.help},
              {"section", f.section},
              {"required", f.required},
              {"readonly", f.readonly}};
    if (!f.required_message.empty()) j["required_message"] = f.required_message;
    if (f.min) j["min"] = *f.min;
    if (f.max) j["max"] = *f.max;
    if (f.min_date) j["min"] = *f.min_date;
    if (f.max_date) j["max"] = *f.max_date;
    // A table's bounds are rows, and are named as the plugin wrote them.
    const bool table = f.type == FieldType::Table;
    if (f.min_length) j[table ? "min_rows" : "min_length"] = *f.min_length;
    if (f.max_length) j[table ? "max_rows" : "max_length"] = *f.max_length;
    if (f.pattern) j["pattern"] = *f.pattern;
    if (!f.options.empty()) {
        json opts = json::array();
        for (const auto& o : f.options) {
            json oj = {{"value", o.value}, {"label", o.label}};
            if (o.parent) oj["parent"] = *o.parent;
            opts.push_back(oj);
        }
        j["options"] = opts;
    }
    if (f.cascade_from) j["cascade_from"] = *f.cascade_from;
    if (!f.default_value.is_null()) j["default"] = f.default_value;
    if (f.within_period) j["within_period"] = true;
    if (!f.member_filter.is_null()) j["filter"] = f.member_filter;
    if (f.max_bytes) j["max_bytes"] = *f.max_bytes;
    if (!f.accept.empty()) j["accept"] = f.accept;
    if (f.multiple) j["multiple"] = true;
    if (f.roster) j["roster"] = *f.roster;
    if (f.roster_count) j["roster_count"] = *f.roster_count;
    if (f.roster_absent) j["roster_absent"] = *f.roster_absent;
    for (auto [hook, name] : {std::pair{Hook::VisibleIf, "visible_if"}, {Hook::Compute, "compute"},
                              {Hook::Default, "default_fn"}, {Hook::Constraint, "constraint"}, {Hook::Options, "options_fn"}})
        if (f.has(hook)) j[name] = true;
    if (!f.columns.empty()) {
        j["columns"] = json::array();
        for (const auto& c : f.columns) j["columns"].push_back(field_to_json(c));
    }
    return j;
}
}  // namespace

bool scope_fits(FormScope scope, OrgType type) {
    switch (scope) {
        case FormScope::Department: return type == OrgType::Department;
        case FormScope::Organisation:
            return type == OrgType::Branch || type == OrgType::GeneralBranch || type == OrgType::OrganCommittee;
        case FormScope::Member: return org_type_holds_members(type);
    }
    return false;
}

json form_to_json(const FormDef& form) {
    json j = {{"id", form.id},
              {"plugin", form.plugin_id},
              {"version", form.plugin_version},
              {"title", form.title},
              {"description", form.description},
              {"scope", form_scope_id(form.scope)},
              {"period", period_type_id(form.period)},
              {"many", form.many},
              {"expected", form.expected},
              {"deadline_days", form.deadline_days},
              {"fill_roles", form.fill_roles},
              {"summary", form.summary},
              {"check", form.has_check},
              {"rectifications", form.has_rectifications},
              {"print", {{"title", form.print.title}, {"omit", form.print.omit}, {"signatures", form.print.signatures}}}};
    j["trends"] = json::array();
    for (const auto& tr : form.trends) j["trends"].push_back({{"label", tr.label}, {"field", tr.field}, {"values", tr.values}});
    if (!form.evaluation.empty()) j["evaluation"] = {{"rule", form.evaluation}};
    j["approval"] = json::array();
    for (const auto& s : form.approval) j["approval"].push_back({{"level", org_type_id(s.level)}, {"label", s.label}});
    j["sections"] = json::array();
    for (const auto& s : form.sections)
        j["sections"].push_back({{"id", s.id}, {"title", s.title}, {"visible_if", s.has_visible_if}});
    j["fields"] = json::array();
    for (const auto& f : form.fields) j["fields"].push_back(field_to_json(f));
    return j;
}

}  // namespace dj::forms
