#pragma once
// A form's schema as the renderer needs it, read from the service's JSON (FormInfo::
// schema_json, the shape of host/forms/form_schema.cpp form_to_json). The GUI never
// evaluates a form's rules itself: visibility, computed values and every message come
// from the service (preview_form); this is only what to draw.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dj::ui {

struct OptionSpec {
    std::string value, label;
    std::optional<std::string> parent;  // cascading: shown when the parent field has this value
};

struct FieldSpec {
    std::string id;
    std::string type;        // as the schema says ("number"): which widget edits it
    std::string type_label;  // 数字
    std::string label, help, section;
    bool required = false;
    bool readonly = false;
    bool computed = false;    // a compute function: shown, never typed
    bool visible_if = false;  // a visibility function: the service decides
    nlohmann::json min, max;  // numbers, or ISO dates for date fields
    std::optional<std::size_t> min_length, max_length;
    std::vector<OptionSpec> options;
    std::string cascade_from;
    nlohmann::json default_value;
    bool within_period = false;
    std::string filter_flag;  // member / members: only members with this flag
    std::optional<std::size_t> max_bytes;
    std::vector<std::string> accept;
    bool multiple = false;      // attachment: a list of files (several photos)
    std::string roster;         // member(s): picked from the unit's roster on this date field's day
    std::string roster_count;   // integer filled in by the service: the roster's size (应到)
    std::string roster_absent;  // members filled in by the service: the roster minus those picked (缺席)
    std::vector<FieldSpec> columns;  // table

    bool editable() const { return !readonly && !computed; }
    bool is(std::string_view type_id) const { return type == type_id; }
};

struct SectionSpec {
    std::string id, title;
    bool visible_if = false;
};

struct FormSpec {
    std::string id, title, description, plugin, version;
    std::string scope;   // department / organisation / member
    std::string period;  // year / half / quarter / month
    bool many = false;
    int deadline_days = 0;
    std::vector<std::string> approval;  // step labels, in order
    std::string evaluation;  // 述职评议 rule (average / majority / function); empty: not a report to rate
    std::vector<SectionSpec> sections;
    std::vector<FieldSpec> fields;
    std::vector<std::string> summary;  // the fields that tell records apart (the plugin's, or the first few)

    // Throws nothing: a malformed schema gives an empty form with the title it had.
    static FormSpec parse(const std::string& schema_json);
    const FieldSpec* field(const std::string& id) const;
    const SectionSpec* section(const std::string& id) const;
};

// "items[2].name" → {"items", 2, "name"}; a plain id → {id, 0, ""}.
struct FieldPath {
    std::string field;
    std::size_t row = 0;  // 1-based, as the service numbers rows; 0: the field itself
    std::string column;
};
FieldPath parse_field_path(const std::string& path);
std::string cell_path(const std::string& field, std::size_t row, const std::string& column);

// A value as text for read-only display (numbers without trailing zeros, lists joined by 、).
std::string value_text(const nlohmann::json& v);

// One line that tells a record apart in lists: its summary fields' values, joined by " · "
// (members and attachments are left out: ids say nothing to a reader).
std::string record_summary(const FormSpec& form, const std::string& values_json);

}  // namespace dj::ui
