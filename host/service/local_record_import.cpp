// FormPart: a unit's records of one form imported in bulk from an .xlsx, all or nothing.
// Each row goes through submit() exactly as a record filed in the GUI would (scope, period,
// deadline, validation, the form's functions), inside one outer transaction: every row is
// tried so that every bad one is reported, and nothing stays unless all of them passed.
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "io/record_sheet.hpp"
#include "io/xlsx_reader.hpp"
#include "model/period.hpp"
#include "service/local_forms.hpp"

namespace dj {

using nlohmann::json;

namespace {

std::string trim_cell(const std::string& s) {
    std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// A 期间 cell: 2020-12 / 2020Q4 / 2020H2 / 2020, as the period is labelled (2020年12月,
// 2020年第四季度 …), or a date in it (Excel turns a typed 2020-12 into the date 2020-12-01).
std::optional<Period> period_cell(const std::string& t, PeriodType type) {
    if (auto p = Period::parse(t); p && p->type() == type) return p;
    if (t.size() >= 4) {
        const std::string y = t.substr(0, 4);
        std::vector<std::string> ids;
        switch (type) {
            case PeriodType::Year: ids = {y}; break;
            case PeriodType::HalfYear: ids = {y + "H1", y + "H2"}; break;
            case PeriodType::Quarter: ids = {y + "Q1", y + "Q2", y + "Q3", y + "Q4"}; break;
            case PeriodType::Month:
                for (int m = 1; m <= 12; ++m) ids.push_back(y + (m < 10 ? "-0" : "-") + std::to_string(m));
                break;
        }
        for (const auto& id : ids)
            if (auto p = Period::parse(id); p && p->label_zh() == t) return p;
    }
    if (auto d = Date::parse(t)) return Period::containing(*d, type);
    return std::nullopt;
}

}  // namespace

ImportReport FormPart::import_records(const Actor& claimed, std::string_view form_id, std::string_view unit_code,
                                      std::string_view xlsx_bytes) {
    Actor who = ctx_.verified(claimed);
    auto binding = ctx_.form_or_throw(form_id);
    const auto& form = binding->def;
    auto node = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::FillForms, node.id);
    if (!looks_like_zip(xlsx_bytes)) throw UserError("请选择 Excel 工作簿（.xlsx）文件；可先下载模板填写");
    auto sheet = read_xlsx_first_sheet(xlsx_bytes);
    if (sheet.rows.empty()) throw UserError("工作表是空的：第 1 行应为列名（请使用下载的模板）");

    const json schema = forms::form_to_json(form);
    auto columns = record_columns(schema);
    std::map<std::string, const RecordColumn*> by_label;
    for (const auto& c : columns) by_label[c.label] = &c;
    std::map<std::string, std::string> refused;
    for (const auto& [label, why] : unimportable_fields(schema)) refused[label] = why;

    ImportReport report;
    report.encoding = "Excel 工作簿（.xlsx）";
    const auto& header = sheet.rows.front();
    std::vector<const RecordColumn*> at(header.cells.size(), nullptr);
    std::map<const RecordColumn*, std::size_t> where;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        std::string label = trim_cell(header.cells[i]);
        if (label.empty()) continue;
        std::string cell = xlsx_column_name(i) + " 列「" + label + "」";
        if (auto it = by_label.find(label); it != by_label.end()) {
            if (where.count(it->second)) report.problems.push_back({header.row, cell + "重复出现"});
            at[i] = it->second;
            where[it->second] = i;
        } else if (auto r = refused.find(label); r != refused.end()) {
            report.problems.push_back({header.row, cell + "不能从 Excel 导入：" + r->second});
        } else {
            report.problems.push_back({header.row, cell + "不是表单「" + form.title + "」的字段（请使用下载的模板）"});
        }
    }
    for (const auto& c : columns)
        if ((c.field_id.empty() || c.required) && !where.count(&c))
            report.problems.push_back({header.row, "缺少「" + c.label + "」列"});
    if (!report.problems.empty()) return report;

    // Members by name (or number) in the unit's subtree; organisations by code or name.
    auto members = ctx_.members.current(node.id, true, ctx_.today);
    std::multimap<std::string, std::int64_t> member_by_name;
    for (const auto& m : members) member_by_name.emplace(m.name, m.id);
    auto scope = ctx_.orgs.subtree(who.org_id, ctx_.today);
    CellLookup lookup;
    lookup.member = [&](const std::string& text, std::string& why) -> std::optional<std::int64_t> {
        auto [lo, hi] = member_by_name.equal_range(text);
        if (lo != hi && std::next(lo) == hi) return lo->second;
        if (lo != hi) {
            why = "的党员「" + text + "」在「" + node.name + "」有重名，请改填党员编号";
            return std::nullopt;
        }
        if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 16) {
            auto id = std::stoll(text);
            for (const auto& m : members)
                if (m.id == id) return id;
        }
        why = "的党员「" + text + "」不在「" + node.name + "」的名册上";
        return std::nullopt;
    };
    lookup.org = [&](const std::string& text, std::string& why) -> std::optional<std::string> {
        std::optional<std::string> found;
        for (const auto& n : scope) {
            if (n.code == text) return n.code;
            if (n.name == text) {
                if (found) {
                    why = "的组织「" + text + "」有重名，请改填组织编码";
                    return std::nullopt;
                }
                found = n.code;
            }
        }
        if (!found) why = "的组织「" + text + "」不存在或不在您的管辖范围内";
        return found;
    };

    db::Transaction tx(ctx_.db);
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
        const auto& row = sheet.rows[r];
        bool blank = true;
        for (const auto& c : row.cells) blank = blank && trim_cell(c).empty();
        if (blank) continue;
        ++report.rows;
        std::vector<std::string> problems;
        SubmitRequest req;
        req.form_id = form.id;
        req.unit_code = node.code;
        json values = json::object();
        std::map<std::string, std::string> column_of_field;
        for (std::size_t i = 0; i < at.size(); ++i) {
            if (!at[i]) continue;
            const auto& col = *at[i];
            std::string text = i < row.cells.size() ? row.cells[i] : "";
            std::string letter = xlsx_column_name(i) + " 列";
            if (col.type == "period") {
                std::string t = trim_cell(text);
                if (auto p = period_cell(t, form.period)) req.period = p->str();
                else if (t.empty()) problems.push_back(letter + "「期间」不能为空");
                else
                    problems.push_back(letter + "「期间」的「" + t + "」不是" + std::string(period_type_label(form.period)) +
                                       "期间（如 " + Period::containing(ctx_.today, form.period).str() + "）");
                continue;
            }
            std::string problem;
            auto v = record_cell_value(col, text, lookup, problem);
            if (!problem.empty()) problems.push_back(letter + problem);
            else if (col.field_id.empty() && v) req.member_id = v->get<std::int64_t>();
            else if (col.field_id.empty()) problems.push_back(letter + "「" + col.label + "」不能为空");
            else if (v) values[col.field_id] = *v;
            if (!col.field_id.empty()) column_of_field[col.field_id] = letter;
        }
        if (problems.empty()) {
            req.values_json = values.dump();
            try {
                submit(who, req);  // a savepoint inside `tx`: a refused row leaves nothing behind
                ++report.imported;
            } catch (const ValidationFailed& e) {
                for (const auto& issue : e.issues()) {
                    auto it = column_of_field.find(issue.field);
                    problems.push_back((it != column_of_field.end() ? it->second + "：" : "") + issue.message);
                }
            } catch (const UserError& e) {
                problems.push_back(e.what());
            }
        }
        for (auto& p : problems) report.problems.push_back({row.row, std::move(p)});
    }
    if (report.rows == 0) throw UserError("工作表只有表头，没有记录（从第 2 行起每行填写一条记录）");
    if (!report.problems.empty()) {
        report.imported = 0;
        return report;  // `tx` rolls back every row submitted above
    }
    tx.commit();
    return report;
}

}  // namespace dj
