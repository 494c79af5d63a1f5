#include "io/xlsx_reader.hpp"

#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "core/errors.hpp"

namespace dj {

namespace {

constexpr const char* kNotXlsx = "文件不是有效的 Excel 工作簿（.xlsx）：";

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};

// The archive, each part read through a bounded inflate: the sizes the zip's directory
// declares are the attacker's to choose, so the reader counts what actually comes out.
class Archive {
public:
    Archive(std::string_view bytes, const XlsxLimits& limits) : limits_(limits) {
        if (bytes.size() > limits.max_file_bytes)
            throw UserError("文件过大（" + std::to_string(bytes.size() >> 20) + " MB），Excel 导入最多 " +
                            std::to_string(limits.max_file_bytes >> 20) + " MB");
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (!src) throw UserError(std::string(kNotXlsx) + "无法读取");
        zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
        zip_error_fini(&error);
        if (!z) {
            zip_source_free(src);
            throw UserError(std::string(kNotXlsx) + "不是 zip 格式或已损坏");
        }
        zip_.reset(z);
        zip_int64_t n = zip_get_num_entries(z, 0);
        if (n < 0 || static_cast<std::size_t>(n) > limits.max_entries)
            throw UserError(std::string(kNotXlsx) + "包含 " + std::to_string(n) + " 个部件，超过上限 " +
                            std::to_string(limits.max_entries) + "，已拒绝（可能是恶意构造的压缩文件）");
    }

    // The part's bytes, or nullopt when the archive has no such part.
    std::optional<std::string> part(const std::string& name) {
        zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
        if (index < 0) return std::nullopt;
        zip_file_t* f = zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0);
        if (!f) throw UserError(std::string(kNotXlsx) + "部件「" + name + "」无法解压（已损坏或已加密）");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
        std::string out;
        char buf[65536];
        for (;;) {
            zip_int64_t got = zip_fread(f, buf, sizeof buf);
            if (got < 0) throw UserError(std::string(kNotXlsx) + "部件「" + name + "」已损坏");
            if (got == 0) break;
            out.append(buf, static_cast<std::size_t>(got));
            total_ += static_cast<std::size_t>(got);
            if (out.size() > limits_.max_part_bytes || total_ > limits_.max_total_bytes) {
                bool part = out.size() > limits_.max_part_bytes;
                throw UserError(std::string(part ? "文件中的部件「" + name + "」解压后超过 " : "文件解压后超过 ") +
                                std::to_string((part ? limits_.max_part_bytes : limits_.max_total_bytes) >> 20) +
                                " MB 的上限，已拒绝导入（可能是恶意构造的压缩文件“zip 炸弹”）");
            }
        }
        return out;
    }

private:
    const XlsxLimits& limits_;
    std::unique_ptr<zip_t, ZipCloser> zip_;
    std::size_t total_ = 0;
};

pugi::xml_document parse_xml(const std::string& text, const std::string& part) {
    pugi::xml_document doc;
    // No DOCTYPE processing exists in pugixml (no entity expansion): only the five XML
    // entities and character references are decoded.
    auto ok = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!ok) throw UserError(std::string(kNotXlsx) + "部件「" + part + "」不是有效的 XML（" + ok.description() + "）");
    return doc;
}

// Element names without their namespace prefix: some writers use "x:row".
std::string_view local_name(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
    for (auto c : n.children())
        if (local_name(c) == name) return c;
    return {};
}

// A string item's text: <t> directly, or the runs <r><t>; phonetic hints (<rPh>) are not text.
std::string string_item_text(const pugi::xml_node& si) {
    std::string out;
    for (auto c : si.children()) {
        auto name = local_name(c);
        if (name == "t") out += c.text().get();
        else if (name == "r")
            if (auto t = child(c, "t")) out += t.text().get();
    }
    return out;
}

// "C12" -> column index 2 (0-based); nullopt when malformed.
std::optional<std::size_t> column_of(std::string_view ref) {
    std::size_t col = 0, i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
        col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
        if (col > 1u << 20) return std::nullopt;
    }
    if (i == 0) return std::nullopt;
    return col - 1;
}

// Whether a number format shows a date: the built-in date formats, or a custom code with
// y/m/d outside quotes and brackets (but not a pure time like hh:mm).
bool is_date_format(int id, const std::string& code) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
    if (code.empty()) return false;
    bool quoted = false, bracket = false, has_day_or_year = false;
    for (char c : code) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '[') bracket = true;
        else if (!quoted && c == ']') bracket = false;
        else if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) has_day_or_year = true;
    }
    return has_day_or_year;
}

std::string number_text(const std::string& raw) {
    char* end = nullptr;
    double v = std::strtod(raw.c_str(), &end);
    if (end == raw.c_str() || *end != '\0' || !std::isfinite(v)) return raw;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

// The style indexes (cellXfs order) whose number format is a date.
std::set<std::size_t> date_styles(Archive& zip) {
    std::set<std::size_t> out;
    auto text = zip.part("xl/styles.xml");
    if (!text) return out;
    auto doc = parse_xml(*text, "xl/styles.xml");
    auto sheet = child(doc, "styleSheet");
    std::map<int, std::string> custom;
    for (auto f : child(sheet, "numFmts").children())
        custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
    std::size_t i = 0;
    for (auto xf : child(sheet, "cellXfs").children()) {
        if (local_name(xf) != "xf") continue;
        int id = xf.attribute("numFmtId").as_int();
        auto it = custom.find(id);
        if (is_date_format(id, it == custom.end() ? std::string() : it->second)) out.insert(i);
        ++i;
    }
    return out;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

std::string xlsx_column_name(std::size_t index) {
    std::string out;
    ++index;
    while (index > 0) {
        out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
        index = (index - 1) / 26;
    }
    return out;
}

std::string xlsx_serial_to_iso(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return "";
    long days = static_cast<long>(std::floor(serial));
    // Days since 1970-01-01 of the serial's day. The 1900 system counts a 1900-02-29 that
    // never was (serial 60), as Lotus 1-2-3 did.
    long z;
    if (date1904) z = days - 24107;         // 1904-01-01 is serial 0
    else if (days >= 61) z = days - 25569;  // 1899-12-30 is serial 0 from 1900-03-01 on
    else z = days - 25568;
    // civil_from_days (H. Hinnant)
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    return buf;
}

XlsxSheet read_xlsx_first_sheet(std::string_view bytes, const XlsxLimits& limits) {
    if (!looks_like_zip(bytes)) throw UserError(std::string(kNotXlsx) + "文件开头不是 zip 标记（是否为 .xls 或 CSV？）");
    Archive zip(bytes, limits);

    auto workbook_text = zip.part("xl/workbook.xml");
    if (!workbook_text) throw UserError(std::string(kNotXlsx) + "缺少 xl/workbook.xml");
    auto workbook = parse_xml(*workbook_text, "xl/workbook.xml");
    auto wb = child(workbook, "workbook");
    bool date1904 = child(wb, "workbookPr").attribute("date1904").as_bool();
    XlsxSheet sheet;
    std::string rel_id;
    if (auto first = child(child(wb, "sheets"), "sheet")) {
        sheet.name = first.attribute("name").as_string();
        for (auto a : first.attributes())
            if (std::string_view(a.name()).ends_with(":id")) rel_id = a.value();
    }
    // The sheet's part through the workbook's relationships; sheet1.xml when they say nothing.
    std::string sheet_part = "xl/worksheets/sheet1.xml";
    if (auto rels_text = zip.part("xl/_rels/workbook.xml.rels"); rels_text && !rel_id.empty()) {
        auto rels = parse_xml(*rels_text, "xl/_rels/workbook.xml.rels");
        for (auto r : child(rels, "Relationships").children())
            if (rel_id == r.attribute("Id").as_string()) {
                std::string target = r.attribute("Target").as_string();
                if (target.rfind("/", 0) == 0) sheet_part = target.substr(1);
                else sheet_part = "xl/" + target;
            }
    }

    std::vector<std::string> shared;
    if (auto ss = zip.part("xl/sharedStrings.xml")) {
        auto doc = parse_xml(*ss, "xl/sharedStrings.xml");
        for (auto si : child(doc, "sst").children())
            if (local_name(si) == "si") shared.push_back(string_item_text(si));
    }
    auto dates = date_styles(zip);

    auto sheet_text = zip.part(sheet_part);
    if (!sheet_text) throw UserError(std::string(kNotXlsx) + "缺少工作表部件「" + sheet_part + "」");
    auto doc = parse_xml(*sheet_text, sheet_part);
    auto data = child(child(doc, "worksheet"), "sheetData");
    std::size_t next_row = 1;
    for (auto r : data.children()) {
        if (local_name(r) != "row") continue;
        XlsxRow row;
        row.row = r.attribute("r").as_ullong(next_row);
        next_row = row.row + 1;
        std::size_t next_col = 0;
        for (auto c : r.children()) {
            if (local_name(c) != "c") continue;
            std::size_t col = next_col;
            if (auto ref = c.attribute("r")) {
                auto parsed = column_of(ref.value());
                if (!parsed) throw UserError(std::string(kNotXlsx) + "单元格引用「" + ref.value() + "」无效");
                col = *parsed;
            }
            next_col = col + 1;
            if (col >= limits.max_columns)
                throw UserError("第 " + std::to_string(row.row) + " 行超过 " + std::to_string(limits.max_columns) +
                                " 列，已拒绝导入");
            std::string type = c.attribute("t").as_string();
            std::string raw = child(c, "v").text().get();
            std::string text;
            if (type == "s") {
                char* end = nullptr;
                unsigned long i = std::strtoul(raw.c_str(), &end, 10);
                if (raw.empty() || *end != '\0' || i >= shared.size())
                    throw UserError(std::string(kNotXlsx) + "单元格 " + xlsx_column_name(col) + std::to_string(row.row) +
                                    " 引用了不存在的共享文字");
                text = shared[i];
            } else if (type == "inlineStr") {
                text = string_item_text(child(c, "is"));
            } else if (type == "str" || type == "e") {
                text = raw;
            } else if (type == "b") {
                text = raw == "1" ? "是" : "否";
            } else if (!raw.empty()) {
                text = number_text(raw);
                if (dates.count(c.attribute("s").as_ullong(0)))
                    if (auto iso = xlsx_serial_to_iso(std::strtod(raw.c_str(), nullptr), date1904); !iso.empty()) text = iso;
            }
            if (text.empty()) continue;
            if (row.cells.size() <= col) row.cells.resize(col + 1);
            row.cells[col] = std::move(text);
        }
        if (row.cells.empty()) continue;
        if (sheet.rows.size() >= limits.max_rows)
            throw UserError("工作表超过 " + std::to_string(limits.max_rows) + " 行，已拒绝导入；请分批导入");
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

}  // namespace dj
