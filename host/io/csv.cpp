#include "io/csv.hpp"

#include "core/errors.hpp"

namespace dj {
namespace {

// Length of the line break at i: CRLF, LF, or a lone CR (old Mac Excel), else 0.
std::size_t break_len(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    return 0;
}

// The start of the offending text for an error message: up to the line end (or the field's
// comma), at most 20 code points, cut on a UTF-8 boundary so the message stays valid text.
std::string snippet(std::string_view s, std::size_t from, bool stop_at_comma) {
    std::size_t end = from, points = 0;
    while (end < s.size() && break_len(s, end) == 0 && !(stop_at_comma && s[end] == ',')) {
        if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && ++points > 20) {
            return std::string(s.substr(from, end - from)) + "…";
        }
        ++end;
    }
    return std::string(s.substr(from, end - from));
}

[[noreturn]] void stray_quote(std::size_t line, std::string_view s, std::size_t field_start) {
    throw UserError("CSV 第 " + std::to_string(line) + " 行：「" + snippet(s, field_start, true) +
                    "」中的引号位置不正确（含引号或逗号的内容应整个用英文双引号括起，"
                    "内容中的引号写成两个）");
}

[[noreturn]] void unterminated(std::size_t line, std::string_view s, std::size_t field_start) {
    throw UserError("CSV 第 " + std::to_string(line) + " 行：引号没有闭合：「" + snippet(s, field_start, false) +
                    "」（从这一行开始的带引号内容缺少结尾的引号）");
}

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> out;
    const std::size_t n = text.size();
    std::size_t i = 0, line = 1;

    while (i < n) {
        if (std::size_t b = break_len(text, i)) {  // blank line
            i += b;
            ++line;
            continue;
        }
        CsvRecord rec;
        rec.line = line;
        for (;;) {  // one field per iteration
            const std::size_t field_start = i;
            std::string cell;
            if (i < n && text[i] == '"') {
                const std::size_t quote_line = line;
                ++i;
                for (;;) {
                    if (i >= n) unterminated(quote_line, text, field_start);
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    // Line breaks inside quotes are data, kept verbatim, but still count as
                    // lines so that later records report where a user sees them in an editor.
                    if (std::size_t b = break_len(text, i)) {
                        cell.append(text.substr(i, b));
                        i += b;
                        ++line;
                        continue;
                    }
                    cell += text[i++];
                }
                if (i < n && text[i] != ',' && break_len(text, i) == 0) stray_quote(line, text, field_start);
            } else {
                while (i < n && text[i] != ',' && break_len(text, i) == 0) {
                    if (text[i] == '"') stray_quote(line, text, field_start);
                    ++i;
                }
                cell.assign(text.substr(field_start, i - field_start));
            }
            rec.cells.push_back(std::move(cell));
            if (i < n && text[i] == ',') {
                ++i;
                continue;
            }
            if (std::size_t b = break_len(text, i)) {
                i += b;
                ++line;
            }
            break;
        }
        out.push_back(std::move(rec));
    }
    return out;
}

std::string csv_line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k) out += ',';
        const std::string& c = cells[k];
        // A lone empty cell must be quoted, or the line would be blank and skipped on reading;
        // so must a first cell starting with a byte order mark, or a reader would take the
        // mark for the file's and drop it (found by fuzz/fuzz_roster).
        const bool quote = c.find_first_of(",\"\r\n") != std::string::npos || (cells.size() == 1 && c.empty()) ||
                           (k == 0 && c.starts_with("\xEF\xBB\xBF"));
        if (!quote) {
            out += c;
            continue;
        }
        out += '"';
        for (char ch : c) {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

}  // namespace dj
