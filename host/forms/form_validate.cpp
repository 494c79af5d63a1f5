#include "forms/form_validate.hpp"

#include <algorithm>
#include <set>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "forms/field_types.hpp"

namespace dj::forms {

using nlohmann::json;

namespace {

std::string quoted(const Field& f) { return "「" + f.label + "」"; }

bool truthy(const json& v) { return !(v.is_null() || (v.is_boolean() && !v.get<bool>())); }

// The JSON shape a field's value must have before any plugin function may see it, so a
// visible_if or compute never trips over "五百" where it expects a number.
bool well_typed(const Field& f, const json& v) {
    if (f.type == FieldType::Attachment && f.multiple) return v.is_array();  // several files
    return field_type(f.type).stored(v);
}

class Checker {
public:
    Checker(const FormDef& form, FormHooks& hooks, FormContext& ctx, Validation& out)
        : form_(form), hooks_(hooks), ctx_(ctx), out_(out) {}

    void problem(const std::string& path, std::string message) { out_.problems.push_back({path, std::move(message)}); }

    // Runs a hook; a plugin fault becomes a problem and yields nullopt.
    std::optional<json> hook(const std::string& path, Hook h, const json& values, const json& row) {
        try {
            return hooks_.call_field(path, h, values, row);
        } catch (const UserError& e) {
            problem(path, std::string("表单脚本出错：") + e.what());
            return std::nullopt;
        }
    }

    // Options currently valid for a select, after cascading and option functions.
    std::vector<Option> options_for(const Field& f, const std::string& path, const json& values, const json& row) {
        std::vector<Option> opts = f.options;
        if (f.has(Hook::Options)) {
            opts.clear();
            if (auto r = hook(path, Hook::Options, values, row); r && r->is_array())
                for (const auto& o : *r) {
                    if (o.is_string()) opts.push_back({o.get<std::string>(), o.get<std::string>(), std::nullopt});
                    else if (o.is_object() && o.contains("value") && o["value"].is_string())
                        opts.push_back({o["value"].get<std::string>(),
                                        o.value("label", o["value"].get<std::string>()), std::nullopt});
                }
        }
        if (f.cascade_from) {
            const json& scope = row.is_object() && row.contains(*f.cascade_from) ? row : values;
            std::string parent = scope.contains(*f.cascade_from) && scope[*f.cascade_from].is_string()
                                     ? scope[*f.cascade_from].get<std::string>()
                                     : "";
            std::vector<Option> kept;
            for (auto& o : opts)
                if (o.parent && *o.parent == parent) kept.push_back(o);
            opts = kept;
        }
        return opts;
    }

    // The field's type checks the value (field_types.cpp); this is what it may ask for.
    class OneValue : public ValueCheck {
    public:
        OneValue(Checker& c, const Field& f, const std::string& path, const json& values, const json& row)
            : c_(c), f_(f), path_(path), values_(values), row_(row) {}
        void problem(std::string message) override { c_.problem(path_, std::move(message)); }
        std::vector<Option> options() override { return c_.options_for(f_, path_, values_, row_); }
        std::string bad_option(const json& x) override {
            std::string shown = excerpt(x.is_string() ? x.get<std::string>() : x.dump());
            if (f_.cascade_from) {
                const Field* parent = c_.form_.field(*f_.cascade_from);
                return quoted(f_) + "的选项「" + shown + "」与" + (parent ? quoted(*parent) : std::string()) + "不匹配";
            }
            return quoted(f_) + "的选项「" + shown + "」无效";
        }
        void count(std::size_t n, const char* unit) override { c_.check_count(f_, path_, n, unit); }
        void rows(const json& v) override { c_.check_table(f_, path_, v, values_); }
        bool matches(const std::string& text, const std::string& pattern) override {
            return c_.hooks_.match_pattern(text, pattern);
        }
        FormContext& context() override { return c_.ctx_; }

    private:
        Checker& c_;
        const Field& f_;
        const std::string& path_;
        const json& values_;
        const json& row_;
    };

    void check_value(const Field& f, const std::string& path, const json& v, const json& values, const json& row) {
        OneValue check(*this, f, path, values, row);
        field_type(f.type).check(f, v, check);
    }

    void check_count(const Field& f, const std::string& path, std::size_t n, const char* unit) {
        if (f.min_length && n < *f.min_length)
            problem(path, quoted(f) + "至少 " + std::to_string(*f.min_length) + " " + unit);
        if (f.max_length && n > *f.max_length)
            problem(path, quoted(f) + "最多 " + std::to_string(*f.max_length) + " " + unit);
    }

    void check_table(const Field& f, const std::string& path, const json& rows, const json& values) {
        if (!rows.is_array()) return problem(path, quoted(f) + "应为若干行");
        if (f.min_length && rows.size() < *f.min_length)
            problem(path, quoted(f) + "至少填写 " + std::to_string(*f.min_length) + " 行");
        std::size_t cap = f.max_length.value_or(1000);
        if (rows.size() > cap) return problem(path, quoted(f) + "最多 " + std::to_string(cap) + " 行");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& row = rows[i];
            std::string row_path = path + "[" + std::to_string(i + 1) + "]";
            std::string row_name = quoted(f) + "第 " + std::to_string(i + 1) + " 行";
            if (!row.is_object()) {
                problem(row_path, row_name + "应为一行数据");
                continue;
            }
            for (auto it = row.begin(); it != row.end(); ++it) {
                bool known = false;
                for (const auto& c : f.columns) known = known || c.id == it.key();
                if (!known) problem(row_path, row_name + "有未知列「" + excerpt(it.key()) + "」");
            }
            for (const auto& c : f.columns) {
                Field col = c;
                col.label = f.label + "第 " + std::to_string(i + 1) + " 行的" + c.label;
                std::string col_path = row_path + "." + c.id;
                if (c.has(Hook::VisibleIf)) {
                    auto r = hook(path + "." + c.id, Hook::VisibleIf, values, row);
                    if (r && !truthy(*r)) continue;
                }
                const json v = row.contains(c.id) ? row[c.id] : json();
                check_field(col, col_path, v, values, row, path + "." + c.id);
            }
        }
    }

    // The roster a `roster` field is picked from: the day in its date field (nullopt when
    // that is not a date yet, or there is no roster in this context). Asked once per day.
    const std::vector<std::pair<std::int64_t, std::string>>* roster_for(const Field& f, const json& values) {
        if (!f.roster || !values.contains(*f.roster) || !values[*f.roster].is_string()) return nullptr;
        auto day = Date::parse(values[*f.roster].get<std::string>());
        if (!day) return nullptr;
        auto it = rosters_.find(day->iso());
        if (it == rosters_.end()) it = rosters_.emplace(day->iso(), ctx_.roster(*day)).first;
        return it->second ? &*it->second : nullptr;
    }

    // Whoever a roster field names must be on that day's roster of the unit.
    void check_on_roster(const Field& f, const std::string& path, const json& v, const json& values) {
        const auto* roster = roster_for(f, values);
        if (!roster) return;
        const std::string day = values[*f.roster].get<std::string>();
        auto on_roster = [&](std::int64_t id) {
            for (const auto& [rid, name] : *roster)
                if (rid == id) return true;
            return false;
        };
        auto check = [&](const json& x) {
            if (x.is_number_integer() && !on_roster(x.get<std::int64_t>()))
                problem(path, quoted(f) + "中的党员编号 " + x.dump() + " 在 " + day + " 不在本组织党员名册中");
        };
        if (v.is_array())
            for (const auto& x : v) check(x);
        else
            check(v);
    }

    // 应到 and 缺席 from the roster of the members field they name (see Field::roster_count).
    void fill_from_roster(json& values) {
        for (const auto& f : form_.fields) {
            const std::optional<std::string>& of = f.roster_count ? f.roster_count : f.roster_absent;
            if (!of) continue;
            values.erase(f.id);
            const Field* picked = form_.field(*of);
            if (!picked || !values.contains(picked->id) || !values[picked->id].is_array()) continue;
            const auto* roster = roster_for(*picked, values);
            if (!roster) continue;
            if (f.roster_count) {
                values[f.id] = roster->size();
                continue;
            }
            json absent = json::array();
            const json& chosen = values[picked->id];
            for (const auto& [id, name] : *roster)
                if (std::find(chosen.begin(), chosen.end(), json(id)) == chosen.end()) absent.push_back(id);
            values[f.id] = absent;
        }
    }

    // Required, then type and range, then the field's own constraint.
    void check_field(const Field& f, const std::string& path, const json& v, const json& values, const json& row,
                     const std::string& hook_path) {
        if (is_empty_value(v)) {
            if (f.required) problem(path, f.required_message.empty() ? quoted(f) + "为必填项" : f.required_message);
            return;
        }
        auto before = out_.problems.size();
        check_value(f, path, v, values, row);
        if (out_.problems.size() == before && f.roster) check_on_roster(f, path, v, values);
        if (out_.problems.size() == before && f.has(Hook::Constraint)) {
            auto r = hook(hook_path, Hook::Constraint, values, row);
            if (!r) return;
            if (r->is_string()) problem(path, r->get<std::string>());
            else if (!truthy(*r))
                problem(path, f.constraint_message.empty() ? quoted(f) + "不符合要求" : f.constraint_message);
        }
    }

    const FormDef& form_;
    FormHooks& hooks_;
    FormContext& ctx_;
    Validation& out_;
    std::map<std::string, std::optional<std::vector<std::pair<std::int64_t, std::string>>>> rosters_;
};

void add_check_result(const json& r, Validation& out) {
    if (r.is_null() || (r.is_boolean() && r.get<bool>())) return;
    if (r.is_string()) {
        out.problems.push_back({"", r.get<std::string>()});
    } else if (r.is_object() && r.contains("message")) {
        out.problems.push_back({r.value("field", ""), r["message"].is_string() ? r["message"].get<std::string>() : r["message"].dump()});
    } else if (r.is_array()) {
        for (const auto& x : r) add_check_result(x, out);
    } else if (r.is_boolean()) {
        out.problems.push_back({"", "表单校验未通过"});
    }
}

}  // namespace

bool is_empty_value(const json& v) {
    return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty()) ||
           (v.is_object() && v.empty());
}

json initial_values(const FormDef& form, FormHooks& hooks) {
    json values = json::object();
    for (const auto& f : form.fields) {
        if (!f.default_value.is_null()) values[f.id] = f.default_value;
        else if (f.has(Hook::Default)) {
            try {
                auto v = hooks.call_field(f.id, Hook::Default, values, json());
                if (!v.is_null()) values[f.id] = v;
            } catch (const UserError&) {
                // A faulty default leaves the field empty; validation will report the fault.
            }
        }
    }
    for (const auto& f : form.fields)
        if (f.has(Hook::Compute)) {
            try {
                values[f.id] = hooks.call_field(f.id, Hook::Compute, values, json());
            } catch (const UserError&) {
            }
        }
    return values;
}

Validation validate(const FormDef& form, const json& input, FormHooks& hooks, FormContext& ctx) {
    Validation out;
    Checker c(form, hooks, ctx, out);
    if (!input.is_object()) {
        out.problems.push_back({"", "提交内容应为 JSON 对象 { \"字段\": 值, … }"});
        return out;
    }
    for (auto it = input.begin(); it != input.end(); ++it)
        if (!form.field(it.key())) out.problems.push_back({excerpt(it.key(), 40), "表单「" + form.title + "」没有字段「" + excerpt(it.key()) + "」"});

    json values = json::object();
    std::map<std::string, json> ill_typed;  // reported as type errors, hidden from functions
    for (const auto& f : form.fields) {
        if (f.readonly && !f.has(Hook::Compute)) {
            if (!f.default_value.is_null()) values[f.id] = f.default_value;
            continue;  // a read-only value is never taken from input
        }
        if (!input.contains(f.id) || input[f.id].is_null()) continue;
        if (!well_typed(f, input[f.id])) ill_typed[f.id] = input[f.id];
        // A date is kept in one form (2020年12月18日 typed, 2020-12-18 stored): functions
        // (f.date:sub(1, 7)), queries and exports read ISO dates only.
        else if (f.type == FieldType::Date) values[f.id] = Date::parse(input[f.id].get<std::string>())->iso();
        else values[f.id] = input[f.id];
        // The same for a table's date columns.
        if (f.type == FieldType::Table && values.contains(f.id))
            for (auto& row : values[f.id]) {
                if (!row.is_object()) continue;
                for (const auto& col : f.columns)
                    if (col.type == FieldType::Date && row.contains(col.id) && row[col.id].is_string())
                        if (auto d = Date::parse(row[col.id].get<std::string>())) row[col.id] = d->iso();
            }
    }
    // The host's own computed values first (应到, 缺席 from the roster): the plugin's
    // compute functions may use them (到会率).
    c.fill_from_roster(values);
    // Computed values, in declaration order, so one may use the ones before it.
    for (const auto& f : form.fields)
        if (f.has(Hook::Compute)) {
            if (auto v = c.hook(f.id, Hook::Compute, values, json())) {
                if (v->is_null()) values.erase(f.id);
                else values[f.id] = *v;
            }
        }
    // Relevance: hidden sections and fields are neither required nor kept (as XLSForm does).
    std::map<std::string, bool> section_shown;
    for (const auto& s : form.sections) {
        bool shown = true;
        if (s.has_visible_if) {
            try {
                shown = truthy(hooks.call_section_visible(s.id, values));
            } catch (const UserError& e) {
                c.problem("", std::string("表单脚本出错：") + e.what());
            }
        }
        section_shown[s.id] = shown;
    }
    for (const auto& f : form.fields) {
        bool shown = f.section.empty() || section_shown[f.section];
        if (shown && f.has(Hook::VisibleIf))
            if (auto r = c.hook(f.id, Hook::VisibleIf, values, json())) shown = truthy(*r);
        out.visible[f.id] = shown;
        if (!shown) values.erase(f.id);
    }
    for (const auto& f : form.fields) {
        if (!out.visible[f.id]) continue;
        auto bad = ill_typed.find(f.id);
        const json v = values.contains(f.id) ? values[f.id] : bad != ill_typed.end() ? bad->second : json();
        c.check_field(f, f.id, v, values, json(), f.id);
    }
    // The cross-field check sees well-typed values only.
    if (out.problems.empty() && form.has_check) {
        try {
            add_check_result(hooks.call_check(values), out);
        } catch (const UserError& e) {
            out.problems.push_back({"", std::string("表单脚本出错：") + e.what()});
        }
    }
    out.values = std::move(values);
    return out;
}

}  // namespace dj::forms
