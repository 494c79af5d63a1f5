// FormPart: a form's submissions as a spreadsheet or CSV, the way offices print them.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "forms/field_types.hpp"
#include "io/csv.hpp"
#include "io/xlsx_writer.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_forms.hpp"
#include "service/store_names.hpp"

namespace dj {

using nlohmann::json;

namespace {

// A value as an office worker reads it (option labels, member names, 是/否, the field
// type's own formatting); numbers stay numbers.
Cell cell_of(const forms::Field& f, const json& v, const store::MemberStore& members) {
    const auto& type = forms::field_type(f.type);
    if (type.numeric && v.is_number()) return v.get<double>();
    if (v.is_null()) return std::monostate{};
    StoreNames names(members);
    std::string s = type.shown(f, v, names);
    if (s.empty()) return std::monostate{};
    return s;
}

std::string text_of(const Cell& c) {
    if (const auto* s = std::get_if<std::string>(&c)) return *s;
    if (const auto* d = std::get_if<double>(&c)) {
        // A whole number reads as one (74883, not 74883.0), as the .xlsx shows it.
        if (std::abs(*d) < 1e15 && *d == std::floor(*d)) return std::to_string(static_cast<long long>(*d));
        return json(*d).dump();
    }
    return "";
}

}  // namespace

std::string FormPart::export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format) {
    if (format != "xlsx" && format != "csv" && format != "pdf")
        throw UserError("导出格式应为 xlsx、csv 或 pdf，而不是「" + std::string(format) + "」");
    auto binding = ctx_.form_or_throw(filter.form_id);
    const auto& form = binding->def;
    auto rows = list_submissions(who, filter);  // checks access
    // pdf: the records themselves, a 会议记录 page each, for the binder.
    if (format == "pdf")
        return records_pdf(rows, form.title + (filter.period ? "（" + Period::parse_or_throw(*filter.period).label_zh() + "）" : ""));

    Sheet main;
    main.name = form.title;
    main.title = form.title + (filter.period ? "（" + Period::parse_or_throw(*filter.period).label_zh() + "）" : "");
    main.header = {"编号", "单位", "期间", "状态", "填报人", "更新时间", "是否按时"};
    std::vector<const forms::Field*> columns;
    std::vector<Sheet> tables;
    for (const auto& f : form.fields) {
        main.header.push_back(f.label);
        columns.push_back(&f);
        if (forms::field_type(f.type).rows) {
            Sheet t;
            t.name = f.label;
            t.header = {"编号", "单位", "期间", "行号"};
            for (const auto& c : f.columns) t.header.push_back(c.label);
            tables.push_back(std::move(t));
        }
    }
    for (const auto& s : rows) {
        json values = json::parse(s.values_json, nullptr, false);
        std::vector<Cell> row = {static_cast<double>(s.id), s.unit_name, s.period, s.state_label, s.author,
                                 s.updated_at.substr(0, 10), s.on_time ? (*s.on_time ? "是" : "否") : Cell{}};
        std::size_t table_no = 0;
        for (const auto* f : columns) {
            json v = values.is_object() && values.contains(f->id) ? values[f->id] : json();
            row.push_back(cell_of(*f, v, ctx_.members));
            if (!forms::field_type(f->type).rows) continue;
            auto& sheet = tables[table_no++];
            if (!v.is_array()) continue;
            for (std::size_t i = 0; i < v.size(); ++i) {
                std::vector<Cell> trow = {static_cast<double>(s.id), s.unit_name, s.period, static_cast<double>(i + 1)};
                for (const auto& c : f->columns)
                    trow.push_back(cell_of(c, v[i].is_object() && v[i].contains(c.id) ? v[i][c.id] : json(), ctx_.members));
                sheet.rows.push_back(std::move(trow));
            }
        }
        main.rows.push_back(std::move(row));
    }
    if (format == "csv") {
        std::string out = "\xEF\xBB\xBF" + csv_line(main.header);  // BOM: Excel then reads UTF-8
        for (const auto& r : main.rows) {
            std::vector<std::string> cells;
            for (const auto& c : r) cells.push_back(text_of(c));
            out += csv_line(cells);
        }
        // A CSV is one file: the repeating tables the main rows point at ("2 行（见明细表）")
        // follow it, each under its own title and header, as the .xlsx has them on sheets.
        for (const auto& t : tables) {
            if (t.rows.empty()) continue;
            out += csv_line({}) + csv_line({"明细表：" + t.name}) + csv_line(t.header);
            for (const auto& r : t.rows) {
                std::vector<std::string> cells;
                for (const auto& c : r) cells.push_back(text_of(c));
                out += csv_line(cells);
            }
        }
        return out;
    }
    std::vector<Sheet> sheets{std::move(main)};
    for (auto& t : tables) sheets.push_back(std::move(t));
    return write_xlsx(sheets);
}

}  // namespace dj
