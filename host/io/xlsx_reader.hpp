#pragma once
// Reading the first sheet of an .xlsx the way a user's Excel shows it: an .xlsx is a zip of
// XML parts (workbook, shared strings, sheets, styles), read here with libzip and pugixml.
// Cells come back as text: shared and inline strings as written, numbers without a
// trailing ".0", and numbers formatted as dates (Excel's serial days) as YYYY-MM-DD.
//
// The file comes from a user or over the network: everything is bounded. A zip bomb (a small
// file that inflates to gigabytes), too many parts or too many rows are refused with a
// UserError in Chinese before more than the cap is inflated.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dj {

struct XlsxLimits {
    std::size_t max_file_bytes = 20u << 20;          // the .xlsx itself
    std::size_t max_entries = 2000;                  // parts in the zip
    std::size_t max_part_bytes = 64u << 20;          // one part, inflated
    std::size_t max_total_bytes = 128u << 20;        // all parts read, inflated
    std::size_t max_rows = 100000;
    std::size_t max_columns = 512;
};

struct XlsxRow {
    std::size_t row = 0;             // as numbered in the sheet (1-based)
    std::vector<std::string> cells;  // by column, A first; a missing cell is ""
};

struct XlsxSheet {
    std::string name;
    std::vector<XlsxRow> rows;  // rows with at least one cell, in sheet order
};

// Does it start like a zip (and so possibly an .xlsx) rather than a CSV?
bool looks_like_zip(std::string_view bytes);

// The workbook's first sheet. Throws UserError naming what is wrong (not an .xlsx, a
// damaged part, a bound exceeded).
XlsxSheet read_xlsx_first_sheet(std::string_view bytes, const XlsxLimits& limits = {});

// "A", "B", … "Z", "AA" for a 0-based column index.
std::string xlsx_column_name(std::size_t index);

// An Excel serial day number (1900 date system) as YYYY-MM-DD; "" when out of range.
std::string xlsx_serial_to_iso(double serial, bool date1904 = false);

}  // namespace dj
