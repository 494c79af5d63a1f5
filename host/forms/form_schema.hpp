#pragma once
// A form as plugins and units' scripts declare it (design §6), in C++ terms. Parsed from the
// JSON image of the Lua table; Lua functions appear there as markers and are called back
// through FormHooks at validation time.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "model/org.hpp"
#include "model/period.hpp"

namespace dj::forms {

enum class FieldType {
    Text, Textarea, Integer, Number, Date, Bool, Select, MultiSelect,
    Member, Members, Org, Rating, Table, Attachment
};
std::string_view field_type_id(FieldType t);       // "text", "multiselect", …
std::string_view field_type_label(FieldType t);    // 文本, 多选, …
std::optional<FieldType> parse_field_type(std::string_view id);

// The Lua functions a field or form may carry. A declared function is called back by name.
enum class Hook { VisibleIf, Compute, Default, Constraint, Options };

struct Option {
    std::string value;
    std::string label;
    std::optional<std::string> parent;  // cascading: shown only when the parent field has this value
};

struct Field {
    std::string id;
    FieldType type = FieldType::Text;
    std::string label;
    std::string help;
    std::string section;  // empty: the form's main section
    bool required = false;
    std::string required_message;  // empty: the default "「label」为必填项"
    std::optional<double> min, max;             // numbers; for dates use min_date/max_date
    std::optional<std::string> min_date, max_date;
    std::optional<std::size_t> min_length, max_length;  // 字 for text; items for lists; rows for tables
    std::optional<std::string> pattern;         // a Lua pattern, matched by the plugin's sandbox
    std::string pattern_message;
    std::vector<Option> options;                // select / multiselect; rating: its scale, best first
    bool scale_from_scheme = false;             // rating without options: the plugin's scheme's scale
    std::optional<std::string> cascade_from;    // field id whose value filters `options`
    nlohmann::json default_value;               // static default (null when none)
    bool readonly = false;
    bool within_period = false;                 // dates: must fall in the submission's period
    nlohmann::json member_filter;               // member / members: e.g. {"flag": "生活困难"}
    std::optional<std::size_t> max_bytes;       // attachments
    std::vector<std::string> accept;            // attachments: file name endings, e.g. ".jpg"
    bool multiple = false;                      // attachments: a list of files (several photos)
    // Attendance taken from the roster (参会人员): `roster` on a member / members field names the
    // date field whose day's roster of the filling unit they are picked from and checked
    // against; `roster_count` (integer) and `roster_absent` (members) name such a members
    // field and are filled in by the host: how many are on its roster (应到), and who on it
    // was not picked (缺席). Both are read-only.
    std::optional<std::string> roster;
    std::optional<std::string> roster_count;
    std::optional<std::string> roster_absent;
    std::vector<Field> columns;                 // table: the sub-fields of each row
    std::map<Hook, bool> hooks;                 // which functions the field declares
    std::string constraint_message;

    bool has(Hook h) const {
        auto it = hooks.find(h);
        return it != hooks.end() && it->second;
    }
};

struct Section {
    std::string id;
    std::string title;
    bool has_visible_if = false;
};

enum class FormScope { Department, Organisation, Member };
std::string_view form_scope_id(FormScope s);  // department / organisation / member
// Whether a node of this type files a form of this scope.
bool scope_fits(FormScope scope, OrgType type);

struct ApprovalStep {
    OrgType level;      // who approves: the nearest ancestor of this type (or 机关工委)
    std::string label;  // e.g. 部门党组审核
};

// A monthly count a dashboard draws as a line (统计图表): the form's counted records whose select
// field holds one of `values`, per month. The plugin names it, so the host knows no meeting kinds.
struct FormTrend {
    std::string label;                // e.g. 三会一课
    std::string field;                // a select field of the form
    std::vector<std::string> values;  // the options that count
};

// print = { title = …, omit = { field ids }, signatures = { labels } }: how one record is
// printed (a 会议记录 page of a paper record book). Without it: the form's title, every field
// in order with its label, and 填报人 / 审核人 signature lines.
struct PrintLayout {
    std::string title;
    std::vector<std::string> omit;        // fields not printed (keys a plugin derives for counting)
    std::vector<std::string> signatures;  // 主持人, 记录人 …: a 签字 line each
};

struct FormDef {
    std::string id;          // unique across plugins: "<plugin>.<form>"
    std::string plugin_id;
    std::string plugin_version;
    std::string title;
    std::string description;
    FormScope scope = FormScope::Organisation;
    PeriodType period = PeriodType::Month;
    bool many = false;        // several submissions per node and period (e.g. visit records)
    int deadline_days = 10;   // after the period's end
    // Due every period at each unit it applies to (reminders, 本期应报, 应报 in 报送情况).
    // false: filled when something happens (a visit, a lead, a violation): never due, never
    // overdue; 报送情况 counts its records without an 应报 figure.
    bool expected = true;
    std::vector<std::string> fill_roles;  // role ids allowed to fill; empty: 填报人 and 单位管理员
    std::vector<ApprovalStep> approval;   // empty: no approval, submitted is final
    std::vector<Section> sections;
    std::vector<Field> fields;
    bool has_check = false;   // a cross-field check function
    std::string evaluation;   // 述职评议 rule: "", "average", "majority" or "function"
    // The fields that tell one record from another in lists (会议类型, 日期, 主题); empty: the
    // first few plain fields.
    std::vector<std::string> summary;
    // rectifications = function(f) … end: what a submitted record's values call for as
    // rectification items (e.g. one per finding of an inspection); the host files them.
    bool has_rectifications = false;
    // trends = { { label = …, field = …, values = { … } } }: only on monthly forms.
    std::vector<FormTrend> trends;
    PrintLayout print;

    const Field* field(std::string_view id) const;
    // Whether the unit itself is reminded of it: due every period and filled by the
    // unit's own accounts (a form only the 工委 fills is not the department's duty).
    bool due_at_unit() const;
};

// One problem of a form definition, with the field (or table column) it is about, so a
// checker can point at the field's own line; `field` is empty for the form itself.
struct FormProblem {
    std::string field;
    std::string message;  // as in the error's text: "字段 amount：未知属性「x」"
};

// What parse_form throws: every problem at once, each with its field.
class FormDefinitionError : public UserError {
public:
    FormDefinitionError(const std::string& what, std::vector<FormProblem> problems)
        : UserError(what), problems_(std::move(problems)) {}
    const std::vector<FormProblem>& problems() const { return problems_; }

private:
    std::vector<FormProblem> problems_;
};

// Reads a form from the JSON image of its Lua table. Function-valued keys appear as
// {"$fn": true}. Throws FormDefinitionError listing every problem ("表单 visit：字段 amount：…").
FormDef parse_form(const std::string& plugin_id, const std::string& plugin_version, const std::string& local_id,
                   const nlohmann::json& table);

// The form as JSON for `form show --json`, the GUI and the server (functions shown as
// booleans: "visible_if": true).
nlohmann::json form_to_json(const FormDef& form);

}  // namespace dj::forms
