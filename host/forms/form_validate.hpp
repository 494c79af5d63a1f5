#pragma once
// The one validation engine for submissions, used by the CLI, the GUI and the server. It
// reports every problem in one pass, each with the field and a Chinese message.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "forms/form_schema.hpp"

namespace dj::forms {

struct FieldProblem {
    std::string field;    // "amount", "rows[2].name", or "" for the form as a whole
    std::string message;  // names the field by its label
};

// Calls back into the form's Lua functions; implemented by the plugin runtime. Each may
// throw dj::UserError (a plugin fault), which becomes a problem on that field.
class FormHooks {
public:
    virtual ~FormHooks() = default;
    // `row` is the current row for a table column's function, else null.
    virtual nlohmann::json call_field(const std::string& field_path, Hook hook, const nlohmann::json& values,
                                      const nlohmann::json& row) = 0;
    virtual nlohmann::json call_section_visible(const std::string& section, const nlohmann::json& values) = 0;
    virtual nlohmann::json call_check(const nlohmann::json& values) = 0;
    virtual bool match_pattern(const std::string& text, const std::string& pattern) = 0;
};

// Lookups against the database that some values need. Each returns a Chinese problem
// (without the field label) or nullopt when the value is fine.
class FormContext {
public:
    virtual ~FormContext() = default;
    virtual std::optional<std::string> check_member(std::int64_t id, const nlohmann::json& filter) = 0;
    virtual std::optional<std::string> check_org(const std::string& code) = 0;
    virtual std::optional<std::string> check_attachment(const nlohmann::json& ref, const Field& field) = 0;
    virtual std::optional<Period> period() const = 0;
    // The filling unit's members on a day (its subtree), by id with their names: what a
    // `roster` field is picked from. nullopt: no roster here (a context without a database).
    virtual std::optional<std::vector<std::pair<std::int64_t, std::string>>> roster(Date) { return std::nullopt; }
    // The day plausible dates are measured from (a date more than ten years ahead is a typo).
    virtual Date today() const { return Date::today(); }
};

struct Validation {
    nlohmann::json values = nlohmann::json::object();  // cleaned: hidden fields dropped, computed filled
    std::vector<FieldProblem> problems;
    std::map<std::string, bool> visible;  // field id -> shown (for renderers)
    bool ok() const { return problems.empty(); }
};

Validation validate(const FormDef& form, const nlohmann::json& input, FormHooks& hooks, FormContext& ctx);

// A new draft: static defaults, default functions, computed values.
nlohmann::json initial_values(const FormDef& form, FormHooks& hooks);

// Whether a JSON value counts as "not filled in".
bool is_empty_value(const nlohmann::json& v);

}  // namespace dj::forms
