// FormPart: submitted records printed as pages of a paper record book (会议记录). Which
// fields, under which labels, in which order, and who signs come from the form (its fields
// and its `print` declaration); the host knows no field id.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "core/local_time.hpp"
#include "export/record_pdf.hpp"
#include "forms/field_types.hpp"
#include "forms/workflow.hpp"
#include "model/period.hpp"
#include "service/local_forms.hpp"
#include "service/store_names.hpp"

namespace dj {

using nlohmann::json;

namespace {

std::string action_text(const std::string& id) {
    for (auto a : {forms::Action::Save, forms::Action::Submit, forms::Action::Approve, forms::Action::Return,
                   forms::Action::Withdraw})
        if (forms::action_id(a) == id) return std::string(forms::action_label(a));
    return id;
}

// Stored times are UTC: printed in local time to the minute, as on a paper form (the time
// zone of the machine that prints: the county's, desktop or server).
std::string minute(const std::string& utc_iso) { return local_minute(utc_iso); }

bool section_conditional(const forms::FormDef& form, const std::string& section) {
    for (const auto& s : form.sections)
        if (s.id == section) return s.has_visible_if;
    return false;
}

}  // namespace

exports::RecordPrint FormPart::record_print(const SubmissionInfo& s) {
    auto binding = ctx_.form_or_throw(s.form_id);
    const auto& form = binding->def;
    StoreNames names(ctx_.members);
    json values = json::parse(s.values_json, nullptr, false);
    if (!values.is_object()) values = json::object();

    exports::RecordPrint r;
    r.title = form.print.title.empty() ? form.title : form.print.title;
    auto period = Period::parse(s.period);
    r.particulars = "单位：" + s.unit_name + "    期间：" + (period ? period->label_zh() : s.period) + "    编号：" +
                    std::to_string(s.id) + "    状态：" + s.state_label;
    if (r.title != form.title) r.particulars = form.title + "    " + r.particulars;
    for (const auto& f : form.fields) {
        if (std::find(form.print.omit.begin(), form.print.omit.end(), f.id) != form.print.omit.end()) continue;
        const json v = values.contains(f.id) ? values[f.id] : json();
        // A field that was not shown when the record was filled (its condition, or its
        // section's, was false) is left out rather than printed blank.
        if (v.is_null() && (f.has(forms::Hook::VisibleIf) || section_conditional(form, f.section))) continue;
        const auto& type = forms::field_type(f.type);
        exports::RecordEntry e;
        e.label = f.label;
        if (type.rows) {
            for (const auto& c : f.columns) e.columns.push_back(c.label);
            if (v.is_array())
                for (const auto& row : v) {
                    std::vector<std::string> cells;
                    for (const auto& c : f.columns) {
                        json cv = row.is_object() && row.contains(c.id) ? row[c.id] : json();
                        cells.push_back(cv.is_null() ? "" : forms::field_type(c.type).shown(c, cv, names));
                    }
                    e.rows.push_back(std::move(cells));
                }
        } else {
            e.value = v.is_null() ? "" : type.shown(f, v, names);
            e.wide = f.type == forms::FieldType::Textarea || type.list;
        }
        r.entries.push_back(std::move(e));
    }
    r.signatures = form.print.signatures.empty() ? std::vector<std::string>{"填报人", "审核人"} : form.print.signatures;
    for (const auto& step : s.history) {
        std::string who = step.actor;
        if (auto a = ctx_.users.by_login(step.actor); a && !a->display_name.empty()) who = a->display_name;
        r.trail.push_back(minute(step.at) + "  " + who + "  " + action_text(step.action) +
                          (step.comment.empty() ? "" : "：" + step.comment));
    }
    return r;
}

std::string FormPart::print_submission(const Actor& who, std::int64_t submission_id) {
    auto s = submission(who, submission_id);  // checks access
    auto r = record_print(s);
    return exports::records_pdf({r}, r.title + "（编号 " + std::to_string(s.id) + "）");
}

std::string FormPart::records_pdf(const std::vector<SubmissionInfo>& rows, const std::string& title) {
    std::vector<exports::RecordPrint> records;
    records.reserve(rows.size());
    for (const auto& s : rows) records.push_back(record_print(s));
    if (records.empty()) throw UserError("没有符合条件的报送记录，无法打印");
    return exports::records_pdf(records, title);
}

}  // namespace dj
