#pragma once
// RFC 4180 CSV as Excel writes it: quoted fields, doubled quotes, line breaks inside quotes,
// CRLF or LF line ends. Input must already be UTF-8 (see encoding.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dj {

struct CsvRecord {
    std::size_t line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> cells;
};

// Blank lines (no characters at all) are skipped. A UTF-8 BOM at the start is skipped.
// Throws UserError naming the line for an unterminated quote or a stray quote inside an
// unquoted field.
std::vector<CsvRecord> parse_csv(std::string_view utf8_text);

// One CSV line (with trailing "\r\n"), quoting cells that need it.
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace dj
