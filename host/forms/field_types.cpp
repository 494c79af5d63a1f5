#include "forms/field_types.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "core/utf8.hpp"
#include "io/encoding.hpp"

namespace dj::forms {

using nlohmann::json;

namespace {

std::string quoted(const Field& f) { return "「" + f.label + "」"; }

std::string num_text(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

// --- Storage: the JSON a stored value has (before any plugin function may see it) ------

bool is_string(const json& v) { return v.is_string(); }
bool is_number(const json& v) { return v.is_number(); }
bool is_date(const json& v) { return v.is_string() && Date::parse(v.get<std::string>()).has_value(); }
bool is_bool(const json& v) { return v.is_boolean(); }
bool is_id(const json& v) { return v.is_number_integer(); }
bool is_list(const json& v) { return v.is_array(); }
bool is_object(const json& v) { return v.is_object(); }

// --- Validation -------------------------------------------------------------------------

// Host bounds for what a form leaves open. A form may narrow them (max_length, min, max,
// min_date, max_date) and, for lengths and numbers, widen them up to the ceilings below.
constexpr std::size_t kLineChars = 500;          // 文本 without max_length
constexpr std::size_t kMultilineChars = 20000;   // 多行文本 without max_length
constexpr std::size_t kTextCeiling = 100000;     // whatever a form declares
constexpr double kNumberBound = 1e12;            // |x| for a number field without min / max
constexpr int kEarliestYear = 1900;              // dates without min_date
constexpr int kYearsAhead = 10;                  // dates without max_date: up to today + 10 years

void check_text(const Field& f, const json& v, ValueCheck& c, std::size_t default_cap, bool multiline) {
    const std::string name = quoted(f);
    if (!v.is_string()) return c.problem(name + "应为文字");
    auto s = v.get<std::string>();
    if (!is_valid_utf8(s)) return c.problem(name + "含有无效字符（不是 UTF-8 文本）");
    auto len = utf8_length(s);
    auto max_len = std::min(f.max_length.value_or(default_cap), kTextCeiling);
    if (f.min_length && len < *f.min_length)
        c.problem(name + "至少 " + std::to_string(*f.min_length) + " 个字（现在 " + std::to_string(len) + " 个）");
    if (len > max_len) {
        c.problem(name + "最多 " + std::to_string(max_len) + " 个字（现在 " + std::to_string(len) + " 个）");
    } else if (auto why = text_characters_problem(s, multiline)) {
        c.problem(name + *why);
    } else if (f.pattern) {
        bool ok = false;
        try {
            ok = c.matches(s, *f.pattern);
        } catch (const UserError& e) {
            return c.problem(std::string("表单脚本出错：") + e.what());
        }
        if (!ok) c.problem(f.pattern_message.empty() ? name + "格式不正确" : f.pattern_message);
    }
}
void check_line(const Field& f, const json& v, ValueCheck& c) { check_text(f, v, c, kLineChars, false); }
void check_textarea(const Field& f, const json& v, ValueCheck& c) { check_text(f, v, c, kMultilineChars, true); }

void check_number(const Field& f, const json& v, ValueCheck& c) {
    const std::string name = quoted(f);
    const bool integer = f.type == FieldType::Integer;
    if (!v.is_number() ||
        (integer && !v.is_number_integer() && !(v.is_number_float() && std::floor(v.get<double>()) == v.get<double>())))
        return c.problem(name + (integer ? "应为整数" : "应为数字"));
    double d = v.get<double>();
    if (!std::isfinite(d)) return c.problem(name + "应为有限的数字");
    // 1.2e32 is a typo, not a count: without a declared bound the host's applies.
    const double lo = f.min.value_or(-kNumberBound), hi = f.max.value_or(kNumberBound);
    if (d < lo) c.problem(name + "不能小于 " + num_text(lo));
    if (d > hi) c.problem(name + "不能大于 " + num_text(hi));
}

void check_date(const Field& f, const json& v, ValueCheck& c) {
    const std::string name = quoted(f);
    std::optional<Date> d = v.is_string() ? Date::parse(v.get<std::string>()) : std::nullopt;
    if (!d) return c.problem(name + "应为日期，如 " + kDateFormsZh);
    // A date no form would mean (0001-01-01, 2999-12-31) is refused unless the form says otherwise.
    const Date today = c.context().today();
    const std::string earliest = f.min_date.value_or(Date::from_ymd(kEarliestYear, 1, 1).iso());
    const std::string latest =
        f.max_date.value_or(Date::from_ymd(today.year() + kYearsAhead, 12, 31).iso());
    if (auto lo = Date::parse(earliest); lo && *d < *lo) c.problem(name + "不能早于 " + earliest);
    if (auto hi = Date::parse(latest); hi && *d > *hi) c.problem(name + "不能晚于 " + latest);
    if (f.within_period)
        if (auto p = c.context().period(); p && !p->contains(*d))
            c.problem(name + "应在" + p->label_zh() + "内（" + p->start().iso() + " 至 " + p->end().iso() + "）");
}

void check_bool(const Field& f, const json& v, ValueCheck& c) {
    if (!v.is_boolean()) c.problem(quoted(f) + "应为“是”或“否”");
}

bool offered(const std::vector<Option>& opts, const json& x) {
    if (!x.is_string()) return false;
    for (const auto& o : opts)
        if (o.value == x.get<std::string>()) return true;
    return false;
}

void check_select(const Field&, const json& v, ValueCheck& c) {
    if (!offered(c.options(), v)) c.problem(c.bad_option(v));
}

void check_multiselect(const Field& f, const json& v, ValueCheck& c) {
    const std::string name = quoted(f);
    auto opts = c.options();
    if (!v.is_array()) return c.problem(name + "应为选项列表");
    std::set<std::string> seen;
    for (const auto& x : v) {
        if (!offered(opts, x)) c.problem(c.bad_option(x));
        else if (!seen.insert(x.get<std::string>()).second) c.problem(name + "的选项「" + excerpt(x.get<std::string>()) + "」重复");
    }
    c.count(v.size(), "项");
}

// On the field's scale (its plugin's scheme's, or its own options), best first.
void check_rating(const Field& f, const json& v, ValueCheck& c) {
    std::string scale;
    for (const auto& o : f.options) scale += (scale.empty() ? "" : "、") + o.value;
    if (!offered(f.options, v)) c.problem(quoted(f) + "应为 " + scale + " 之一");
}

void check_member(const Field& f, const json& v, ValueCheck& c) {
    if (!v.is_number_integer()) return c.problem(quoted(f) + "应为党员编号");
    if (auto why = c.context().check_member(v.get<std::int64_t>(), f.member_filter)) c.problem(quoted(f) + *why);
}

void check_members(const Field& f, const json& v, ValueCheck& c) {
    const std::string name = quoted(f);
    if (!v.is_array()) return c.problem(name + "应为党员编号列表");
    std::set<std::int64_t> seen;
    for (const auto& x : v) {
        if (!x.is_number_integer()) {
            c.problem(name + "应为党员编号列表");
            break;
        }
        if (!seen.insert(x.get<std::int64_t>()).second) c.problem(name + "中有重复的党员");
        else if (auto why = c.context().check_member(x.get<std::int64_t>(), f.member_filter)) c.problem(name + *why);
    }
    c.count(v.size(), "人");
}

void check_org(const Field& f, const json& v, ValueCheck& c) {
    if (!v.is_string()) return c.problem(quoted(f) + "应为组织编码");
    if (auto why = c.context().check_org(v.get<std::string>())) c.problem(quoted(f) + *why);
}

void check_one_attachment(const Field& f, const json& v, ValueCheck& c) {
    if (!v.is_object() || !v.contains("attachment") || !v["attachment"].is_number_integer())
        return c.problem(quoted(f) + "应为已上传的附件");
    if (auto why = c.context().check_attachment(v, f)) c.problem(quoted(f) + *why);
}

// `multiple`: a list of files (会议照片), each within the field's limits, none twice.
void check_attachment(const Field& f, const json& v, ValueCheck& c) {
    if (!f.multiple) return check_one_attachment(f, v, c);
    if (!v.is_array()) return c.problem(quoted(f) + "应为已上传的附件列表");
    std::set<std::int64_t> seen;
    for (const auto& x : v) {
        check_one_attachment(f, x, c);
        if (x.is_object() && x.contains("attachment") && x["attachment"].is_number_integer() &&
            !seen.insert(x["attachment"].get<std::int64_t>()).second)
            c.problem(quoted(f) + "中有重复的附件");
    }
    c.count(v.size(), "个文件");
}

void check_table(const Field&, const json& v, ValueCheck& c) { c.rows(v); }

// --- Export: a value as an office worker reads it -------------------------------------

std::string as_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
std::string shown_plain(const Field&, const json& v, ValueNames&) { return as_text(v); }
std::string shown_bool(const Field&, const json& v, ValueNames&) { return v.is_boolean() && v.get<bool>() ? "是" : "否"; }

std::string option_label(const Field& f, const json& x) {
    std::string s = as_text(x);
    for (const auto& o : f.options)
        if (o.value == s) return o.label;
    return s;
}
std::string shown_select(const Field& f, const json& v, ValueNames&) { return option_label(f, v); }
std::string shown_multiselect(const Field& f, const json& v, ValueNames&) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "、") + option_label(f, x);
    return out;
}
std::string shown_member(const Field&, const json& v, ValueNames& n) {
    return v.is_number_integer() ? n.member_name(v.get<std::int64_t>()) : v.dump();
}
std::string shown_members(const Field&, const json& v, ValueNames& n) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "、") + (x.is_number_integer() ? n.member_name(x.get<std::int64_t>()) : x.dump());
    return out;
}
std::string shown_attachment(const Field&, const json& v, ValueNames&) {
    if (!v.is_array()) return v.is_object() ? v.value("name", "附件") : "附件";
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "、") + (x.is_object() ? x.value("name", "附件") : "附件");
    return out;
}
std::string shown_table(const Field&, const json& v, ValueNames&) {
    return std::to_string(v.is_array() ? v.size() : 0) + " 行（见明细表）";
}

// --- Demo values: what the demo county's records hold --------------------------------

json demo_text(const Field& f, DemoSource& d) {
    if (f.pattern) {
        if (auto t = d.text_for_pattern(*f.pattern)) return *t;
        return nullptr;  // leave an optional field we cannot fill correctly empty
    }
    std::string t = f.label.size() > 12 ? d.phrase().substr(0, 30) : f.label + "（" + d.period().label_zh() + "）";
    if (f.max_length) {
        // max_length counts 字: keep whole UTF-8 characters
        std::size_t chars = 0, i = 0;
        while (i < t.size() && chars < *f.max_length) {
            auto b = static_cast<unsigned char>(t[i]);
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            ++chars;
        }
        t.resize(std::min(i, t.size()));
    }
    return t;
}

json demo_textarea(const Field&, DemoSource& d) { return d.phrase() + "。" + d.phrase() + "。"; }

json demo_number(const Field& f, DemoSource& d) {
    // Counts on a form mostly narrow down (应到 ≥ 实到 ≥ 发言): a later number is not above
    // an earlier one.
    const bool integer = f.type == FieldType::Integer;
    auto lo = f.min.value_or(0), hi = f.max.value_or(std::max(lo + 30, 60.0));
    auto& last = d.last_number();
    double top = std::min(hi, lo + (integer ? 40 : 500));
    if (last && *last >= lo && integer) top = std::min(top, *last);
    int v = d.between(static_cast<int>(lo), static_cast<int>(std::max(lo, top)));
    if (last && *last >= v && d.chance(d.by_standing({0.9, 0.75, 0.6, 0.45}))) v = static_cast<int>(std::min(top, *last));
    last = v;
    if (integer) return v;
    return static_cast<double>(v);
}

json demo_date(const Field& f, DemoSource& d) {
    // Dates follow each other (受理 ≤ 时限 ≤ 办结); those not bound to the period may run past it.
    auto& last = d.last_date();
    int from = d.period().start().days(), to = std::max(from, d.last_day().days());
    if (last && last->days() > from) from = std::min(last->days(), to);
    if (!f.within_period && last) to = std::max(to, last->days() + 60), from = last->days();
    Date day = Date::from_days(d.between(from, std::max(from, to)));
    last = day;
    return day.iso();
}

json demo_bool(const Field&, DemoSource& d) { return d.all_good() || d.chance(0.7); }

json demo_rating(const Field& f, DemoSource& d) {
    // Among the top three of the field's scale (best first), by the unit's standing.
    if (f.options.empty()) return nullptr;
    int v = std::clamp(d.standing() + (d.chance(0.3) ? d.between(-1, 1) : 0), 0, 2);
    return f.options[std::min(static_cast<std::size_t>(v), f.options.size() - 1)].value;
}

json demo_choice(const Field& f, DemoSource& d) {
    const json& so_far = d.so_far();
    std::vector<std::string> choices;
    for (const auto& o : f.options) {
        if (o.parent && (!f.cascade_from || !so_far.contains(*f.cascade_from) || so_far[*f.cascade_from] != *o.parent))
            continue;
        choices.push_back(o.value);
    }
    if (choices.empty()) return nullptr;
    if (f.type == FieldType::Select) return choices[static_cast<std::size_t>(d.between(0, static_cast<int>(choices.size()) - 1))];
    // min_length / max_length count items of a list
    int want = std::max<int>(static_cast<int>(f.min_length.value_or(1)), d.between(1, 3));
    want = std::min<int>(want, static_cast<int>(std::min(choices.size(), f.max_length.value_or(choices.size()))));
    std::shuffle(choices.begin(), choices.end(), std::mt19937(static_cast<unsigned>(d.between(0, 1 << 30))));
    json many = json::array();
    for (int i = 0; i < want; ++i) many.push_back(choices[static_cast<std::size_t>(i)]);
    return many;
}

json demo_member(const Field& f, DemoSource& d) {
    const auto* pool = d.members(f.member_filter);
    if (!pool || pool->empty()) return nullptr;
    auto pick = [&] { return (*pool)[static_cast<std::size_t>(d.between(0, static_cast<int>(pool->size()) - 1))]; };
    if (f.type == FieldType::Member) return pick();
    json ids = json::array();
    int want = std::max<int>(static_cast<int>(f.min_length.value_or(1)), d.between(2, 6));
    if (f.max_length) want = std::min<int>(want, static_cast<int>(*f.max_length));
    for (int i = 0; i < std::min<int>(static_cast<int>(pool->size()), want); ++i) {
        auto id = pick();
        if (std::find(ids.begin(), ids.end(), json(id)) == ids.end()) ids.push_back(id);
    }
    return ids;
}

json demo_org(const Field&, DemoSource& d) { return d.node_code(); }

json demo_table(const Field& f, DemoSource& d) {
    json rows = json::array();
    int n = std::max<int>(static_cast<int>(f.min_length.value_or(1)), d.between(1, 3));
    if (f.max_length) n = std::min<int>(n, static_cast<int>(*f.max_length));
    for (int i = 0; i < n; ++i) rows.push_back(d.row(f.columns));
    return rows;
}

json demo_none(const Field&, DemoSource&) { return nullptr; }  // evidence files are not invented

using T = FieldType;
// clang-format off
const std::vector<FieldTypeSpec> kTypes = {
    //  type           id             label        dated  choice scale  member rows   file   list   numeric stored     check             shown              demo
    {T::Text,        "text",        "文本",       false, false, false, false, false, false, false, false, is_string, check_line,       shown_plain,       demo_text},
    {T::Textarea,    "textarea",    "多行文本",   false, false, false, false, false, false, false, false, is_string, check_textarea,   shown_plain,       demo_textarea},
    {T::Integer,     "integer",     "整数",       false, false, false, false, false, false, false, true,  is_number, check_number,     shown_plain,       demo_number},
    {T::Number,      "number",      "数字",       false, false, false, false, false, false, false, true,  is_number, check_number,     shown_plain,       demo_number},
    {T::Date,        "date",        "日期",       true,  false, false, false, false, false, false, false, is_date,   check_date,       shown_plain,       demo_date},
    {T::Bool,        "bool",        "是/否",      false, false, false, false, false, false, false, false, is_bool,   check_bool,       shown_bool,        demo_bool},
    {T::Select,      "select",      "单选",       false, true,  false, false, false, false, false, false, is_string, check_select,     shown_select,      demo_choice},
    {T::MultiSelect, "multiselect", "多选",       false, true,  false, false, false, false, true,  false, is_list,   check_multiselect, shown_multiselect, demo_choice},
    {T::Member,      "member",      "党员",       false, false, false, true,  false, false, false, false, is_id,     check_member,     shown_member,      demo_member},
    {T::Members,     "members",     "党员名单",   false, false, false, true,  false, false, true,  false, is_list,   check_members,    shown_members,     demo_member},
    {T::Org,         "org",         "党组织",     false, false, false, false, false, false, false, false, is_string, check_org,        shown_plain,       demo_org},
    {T::Rating,      "rating",      "评定等次",   false, false, true,  false, false, false, false, false, is_string, check_rating,     shown_plain,       demo_rating},
    {T::Table,       "table",       "明细表",     false, false, false, false, true,  false, false, false, is_list,   check_table,      shown_table,       demo_table},
    {T::Attachment,  "attachment",  "附件",       false, false, false, false, false, true,  false, false, is_object, check_attachment, shown_attachment,  demo_none},
};
// clang-format on

}  // namespace

const std::vector<FieldTypeSpec>& field_types() { return kTypes; }

const FieldTypeSpec& field_type(FieldType t) {
    for (const auto& s : kTypes)
        if (s.type == t) return s;
    throw std::logic_error("field type missing from the table");
}

const FieldTypeSpec* find_field_type(std::string_view id) {
    for (const auto& s : kTypes)
        if (s.id == id) return &s;
    return nullptr;
}

}  // namespace dj::forms
