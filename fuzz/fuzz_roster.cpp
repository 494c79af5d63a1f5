// A member roster (党员名册) CSV as offices export it from Excel, in whatever encoding:
// the encoding detection, the CSV parser and the row checks. A file that cannot be read
// is a UserError; anything else escaping is a finding. Every row is either a member or
// has problems, and names a line within the file.
#include <algorithm>
#include <string_view>

#include "core/errors.hpp"
#include "harness.hpp"
#include "io/csv.hpp"
#include "io/member_csv.hpp"

DJ_FUZZ_TARGET(roster) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::size_t lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) +
                              static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\r')) + 1;
    try {
        auto roster = dj::read_roster(bytes, dj::Date::from_ymd(2020, 12, 20));
        for (const auto& row : roster.rows) DJ_FUZZ_ASSERT(row.line >= 1 && row.line <= lines);
    } catch (const dj::UserError&) {
    }
    // The parser on its own, on the raw bytes as if they were UTF-8.
    try {
        for (const auto& rec : dj::parse_csv(bytes)) {
            DJ_FUZZ_ASSERT(rec.line >= 1 && rec.line <= lines);
            // What csv_line writes, parse_csv reads back cell for cell.
            auto back = dj::parse_csv(dj::csv_line(rec.cells));
            DJ_FUZZ_ASSERT(back.size() == 1);
            DJ_FUZZ_ASSERT(back[0].cells == rec.cells);
        }
    } catch (const dj::UserError&) {
    }
    return 0;
}
