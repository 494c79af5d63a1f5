#pragma once
// A form's records as a spreadsheet to fill (导入模板) and read back (批量导入): one row per
// record, a 期间 column, a 党员 column for member-scoped forms, then one column per field
// that fits in a cell, headed by the field's label. The template and the import read the
// same list of columns, so a filled template always imports.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dj {

inline constexpr const char* kPeriodColumn = "期间";
inline constexpr const char* kMemberColumn = "党员";

struct RecordColumn {
    std::string field_id;  // empty for 期间 / 党员
    std::string label;     // the header
    std::string type;      // field type id (text, date, select …), or period / member
    bool required = false;
    std::vector<std::pair<std::string, std::string>> options;  // value, label
    std::string hint;      // how to fill it, for the template's 填写说明 sheet
};

// The columns of a form (its schema as form_to_json writes it). Tables, attachments and
// computed or read-only fields are left out: they do not fit in one cell or are not typed.
std::vector<RecordColumn> record_columns(const nlohmann::json& schema);

// The fields a header may not name because they cannot be imported, by label -> why.
std::vector<std::pair<std::string, std::string>> unimportable_fields(const nlohmann::json& schema);

// The .xlsx template: sheet 1 holds the header, sheet 2 (填写说明) one line per column.
std::string form_template_xlsx(const nlohmann::json& schema);
// The member roster's template: the CSV import's header, and its 填写说明.
std::string member_template_xlsx();

// What converting a cell needs from the database: a member or an organisation by what a
// person types (a name or a code); nullopt with `why` set when there is none or several.
struct CellLookup {
    std::function<std::optional<std::int64_t>(const std::string& text, std::string& why)> member;
    std::function<std::optional<std::string>(const std::string& text, std::string& why)> org;
};

// A cell's text as the value a submission stores for the column's field (nullopt: left
// empty). A cell that cannot be one sets `problem` (in Chinese, naming the column).
std::optional<nlohmann::json> record_cell_value(const RecordColumn& column, const std::string& text,
                                                const CellLookup& lookup, std::string& problem);

}  // namespace dj
