#pragma once
// Every form field type in one table, after ImHex's content registry: its id and label, what
// its declaration may say, the JSON a stored value has, how a value is validated, how an
// export shows it, how the query API reads it and the value the demo county fills in. A new
// type is one entry in field_types.cpp plus one widget in ui/form_fields.cpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "forms/form_validate.hpp"

namespace dj::forms {

// What the validator offers a type's check (form_validate.cpp): the problems it records are
// on the field being checked.
class ValueCheck {
public:
    virtual ~ValueCheck() = default;
    virtual void problem(std::string message) = 0;
    virtual std::vector<Option> options() = 0;                  // after cascading and option functions
    virtual std::string bad_option(const nlohmann::json& x) = 0;  // "「时机」的选项「x」无效" …
    virtual void count(std::size_t n, const char* unit) = 0;     // min_length / max_length of a list
    virtual void rows(const nlohmann::json& v) = 0;               // a table, row by row, column by column
    virtual bool matches(const std::string& text, const std::string& pattern) = 0;  // may throw UserError
    virtual FormContext& context() = 0;
};

// What an export offers a type's formatting (service/local_export.cpp).
class ValueNames {
public:
    virtual ~ValueNames() = default;
    virtual std::string member_name(std::int64_t id) = 0;
};

// What the demo county's generator offers a type's value (demo/demo_submissions.cpp).
class DemoSource {
public:
    virtual ~DemoSource() = default;
    virtual int between(int lo, int hi) = 0;
    virtual bool chance(double p) = 0;
    virtual std::string phrase() = 0;  // a sentence like those branch secretaries write
    virtual std::optional<std::string> text_for_pattern(const std::string& pattern) = 0;
    virtual const Period& period() const = 0;
    virtual Date last_day() const = 0;  // the last day the record may be filed on
    virtual int standing() const = 0;   // the unit's record keeping: 0 good … 3 poor
    virtual double by_standing(std::array<double, 4> p) const = 0;
    virtual bool all_good() const = 0;  // the record meets every item of its checklist
    virtual std::string node_code() const = 0;
    // Members the field may name (its filter applied); nullptr or empty when none.
    virtual const std::vector<std::int64_t>* members(const nlohmann::json& filter) const = 0;
    virtual const nlohmann::json& so_far() const = 0;  // values filled before this field (cascading)
    virtual std::optional<double>& last_number() = 0;  // counts narrow down along a form
    virtual std::optional<Date>& last_date() = 0;      // dates follow each other
    virtual nlohmann::json row(const std::vector<Field>& columns) = 0;  // one table row, filled alike
};

struct FieldTypeSpec {
    FieldType type;
    std::string_view id;     // as declared: "multiselect"
    std::string_view label;  // 多选

    // Declaration: what the field's table may say besides the common properties.
    bool dated = false;       // min / max are dates; within_period applies
    bool choice = false;      // options (or an options function) are required
    bool scale = false;       // options are a rating scale (the plugin's scheme's by default)
    bool member_ref = false;  // names members: filter applies, q's in_form reads it
    bool rows = false;        // a table: columns
    bool file = false;        // an uploaded file: accept, max_bytes (10 MB by default)

    // Storage and query: the value is a list (filters mean "contains"), a number (q:sum …,
    // exported as a number).
    bool list = false;
    bool numeric = false;
    bool (*stored)(const nlohmann::json& v);  // the JSON shape a stored value has

    void (*check)(const Field& f, const nlohmann::json& v, ValueCheck& c);
    std::string (*shown)(const Field& f, const nlohmann::json& v, ValueNames& names);  // "" for nothing
    nlohmann::json (*demo)(const Field& f, DemoSource& d);  // null: leave it empty
};

const std::vector<FieldTypeSpec>& field_types();
const FieldTypeSpec& field_type(FieldType t);
const FieldTypeSpec* find_field_type(std::string_view id);

}  // namespace dj::forms
