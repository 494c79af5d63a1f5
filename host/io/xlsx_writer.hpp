#pragma once
// A thin RAII layer over libxlsxwriter: sheets of text and numbers with a bold header row,
// written to a temporary file and returned as bytes (so the service can hand them to a
// remote client as well as write them locally).
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace dj {

using Cell = std::variant<std::monostate, std::string, double>;

struct Sheet {
    std::string name;  // ≤ 31 characters as Excel requires; longer names are cut
    std::vector<std::string> header;
    std::vector<std::vector<Cell>> rows;
    std::vector<double> column_widths;  // optional, in characters
    std::string title;                  // optional merged title row above the header
};

std::string write_xlsx(const std::vector<Sheet>& sheets);

}  // namespace dj
