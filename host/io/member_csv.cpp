#include "io/member_csv.hpp"

#include <array>
#include <map>
#include <optional>

#include "core/errors.hpp"
#include "io/csv.hpp"
#include "io/encoding.hpp"
#include "io/xlsx_reader.hpp"

namespace dj {

namespace {

enum Col { Name, Gender, Birth, Join, Full, Status, Branch, Post, Level, Flags, kColCount };

struct ColumnSpec {
    Col col;
    std::array<std::string_view, 3> headers;  // accepted spellings; first is canonical
    bool required;
};

constexpr std::array<ColumnSpec, kColCount> kColumns = {{
    {Name, {"姓名", "党员姓名", ""}, true},
    {Gender, {"性别", "", ""}, true},
    {Birth, {"出生日期", "出生年月", ""}, false},
    {Join, {"入党日期", "入党时间", ""}, true},
    {Full, {"转正日期", "转正时间", ""}, false},
    {Status, {"党员状态", "状态", "人员类别"}, true},
    {Branch, {"所在支部", "支部编码", "所在党组织"}, true},
    {Post, {"职务", "", ""}, false},
    {Level, {"职级", "", ""}, false},
    {Flags, {"标记", "备注标记", ""}, false},
}};

std::string trim(std::string s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    s.erase(0, i);
    // The full-width space (U+3000) that Chinese input methods type.
    const std::string ideographic = "\xE3\x80\x80";
    while (s.rfind(ideographic, 0) == 0) s.erase(0, 3);
    while (s.size() >= 3 && s.compare(s.size() - 3, 3, ideographic) == 0) s.resize(s.size() - 3);
    return s;
}

}  // namespace

std::vector<std::string> split_member_flags(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        auto t = trim(cur);
        if (!t.empty()) out.push_back(t);
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        // Separators: 、 ； ， (3 bytes each in UTF-8) and ; , |
        if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "；") == 0 || text.compare(i, 3, "，") == 0) {
            flush();
            i += 3;
        } else if (text[i] == ';' || text[i] == '|' || text[i] == ',') {
            flush();
            ++i;
        } else {
            cur += text[i++];
        }
    }
    flush();
    return out;
}

namespace {

std::optional<Date> date_cell(const std::string& text, const char* what, std::vector<std::string>& problems) {
    if (text.empty()) return std::nullopt;
    auto d = Date::parse(text);
    if (!d) problems.push_back(std::string(what) + "「" + text + "」不是有效日期（应为 " + kDateFormsZh + "）");
    return d;
}

}  // namespace

std::vector<std::string> roster_header() {
    std::vector<std::string> h;
    for (const auto& c : kColumns) h.emplace_back(c.headers[0]);
    return h;
}

namespace {

// One record of the file: its line (CSV) or row (sheet) and its cells.
struct RosterRecord {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

// The roster's rows from the file's records, the first being the header. With
// `column_letters` (a sheet), problems name the cell's column as Excel shows it (C 列).
Roster roster_from_records(const std::vector<RosterRecord>& records, Roster roster, Date today, bool column_letters) {
    if (records.empty()) throw UserError("文件是空的：没有表头，也没有党员记录");

    std::array<int, kColCount> index;
    index.fill(-1);
    const auto& header = records.front().cells;
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto name = trim(header[i]);
        bool known = false;
        for (const auto& spec : kColumns)
            for (auto h : spec.headers)
                if (!h.empty() && name == h) {
                    if (index[spec.col] >= 0)
                        throw UserError("表头中「" + std::string(spec.headers[0]) + "」列出现了两次");
                    index[spec.col] = static_cast<int>(i);
                    known = true;
                }
        if (!known && !name.empty()) roster.ignored_columns.push_back(name);
    }
    std::string missing;
    for (const auto& spec : kColumns)
        if (spec.required && index[spec.col] < 0) missing += (missing.empty() ? "" : "、") + std::string(spec.headers[0]);
    if (!missing.empty())
        throw UserError("表头缺少必填列：" + missing + "（第 " + std::to_string(records.front().line) + " 行应为列名）");
    // How a problem names a column: its header, and in a sheet also its letter.
    auto what = [&](Col c) {
        std::string name(kColumns[c].headers[0]);
        if (column_letters) name += "（" + xlsx_column_name(static_cast<std::size_t>(index[c])) + " 列）";
        return name;
    };

    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& rec = records[r];
        auto cell = [&](Col c) -> std::string {
            int i = index[c];
            if (i < 0 || static_cast<std::size_t>(i) >= rec.cells.size()) return {};
            return trim(rec.cells[static_cast<std::size_t>(i)]);
        };
        bool all_empty = true;
        for (const auto& c : rec.cells) all_empty = all_empty && trim(c).empty();
        if (all_empty) continue;  // Excel leaves rows of bare commas at the end

        RosterRow row;
        row.line = rec.line;
        auto& m = row.member;
        m.name = cell(Name);
        m.gender = cell(Gender);
        m.birth_date = date_cell(cell(Birth), what(Birth).c_str(), row.problems);
        auto join = cell(Join);
        if (join.empty()) row.problems.push_back(what(Join) + "不能为空");
        else if (auto d = date_cell(join, what(Join).c_str(), row.problems)) m.join_date = *d;
        m.full_date = date_cell(cell(Full), what(Full).c_str(), row.problems);
        m.status = cell(Status);
        if (m.status == "正式党员") m.status = kStatusFull;
        if (m.status == "预备党员") m.status = kStatusProbationary;
        m.branch_code = cell(Branch);
        m.post = cell(Post);
        m.cadre_level = cell(Level);
        m.flags = split_member_flags(cell(Flags));
        if (row.problems.empty()) {
            auto more = validate_member(m, today);
            row.problems.insert(row.problems.end(), more.begin(), more.end());
        }
        roster.rows.push_back(std::move(row));
    }
    return roster;
}

}  // namespace

Roster read_roster(std::string_view file_bytes, Date today) {
    if (looks_like_zip(file_bytes)) return read_roster_xlsx(file_bytes, today);
    Roster roster;
    std::string text = decode_office_text(file_bytes, &roster.encoding);
    std::vector<RosterRecord> records;
    for (auto& rec : parse_csv(text)) records.push_back({rec.line, std::move(rec.cells)});
    return roster_from_records(records, std::move(roster), today, false);
}

Roster read_roster_xlsx(std::string_view file_bytes, Date today) {
    auto sheet = read_xlsx_first_sheet(file_bytes);
    Roster roster;
    roster.encoding = "Excel 工作簿（.xlsx）";
    std::vector<RosterRecord> records;
    for (auto& row : sheet.rows) records.push_back({row.row, std::move(row.cells)});
    return roster_from_records(records, std::move(roster), today, true);
}

}  // namespace dj
