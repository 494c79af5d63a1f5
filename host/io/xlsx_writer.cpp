#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "io/encoding.hpp"

namespace dj {

namespace {
struct WorkbookCloser {
    void operator()(lxw_workbook* wb) const {
        if (wb) workbook_close(wb);
    }
};

// Excel forbids []:*?/\ in sheet names and allows 31 characters.
std::string sheet_name(const std::string& name) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < name.size() && chars < 31;) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::string ch = name.substr(i, len);
        if (ch.size() == 1 && std::string("[]:*?/\\").find(ch[0]) != std::string::npos) ch = "_";
        out += ch;
        i += len;
        ++chars;
    }
    return out.empty() ? "Sheet" : out;
}
}  // namespace

std::string write_xlsx(const std::vector<Sheet>& sheets) {
    char path[] = "/tmp/dangjian-xlsx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the spreadsheet");
    close(fd);
    struct Remove {
        const char* p;
        ~Remove() { std::filesystem::remove(p); }
    } remove_later{path};
    {
        std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(path));
        if (!wb) throw std::runtime_error("libxlsxwriter could not start a workbook");
        lxw_format* bold = workbook_add_format(wb.get());
        format_set_bold(bold);
        format_set_border(bold, LXW_BORDER_THIN);
        format_set_bg_color(bold, 0xDDEBF7);
        format_set_text_wrap(bold);
        lxw_format* cell = workbook_add_format(wb.get());
        format_set_border(cell, LXW_BORDER_THIN);
        format_set_text_wrap(cell);
        lxw_format* title = workbook_add_format(wb.get());
        format_set_bold(title);
        format_set_font_size(title, 14);
        format_set_align(title, LXW_ALIGN_CENTER);
        for (const auto& s : sheets) {
            lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheet_name(s.name).c_str());
            lxw_row_t r = 0;
            if (!s.title.empty() && !s.header.empty()) {
                worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(s.header.size() - 1), s.title.c_str(), title);
                r = 1;
            }
            for (std::size_t c = 0; c < s.header.size(); ++c) {
                worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), s.header[c].c_str(), bold);
                double width = c < s.column_widths.size() ? s.column_widths[c]
                                                           : std::max<double>(8, 2.2 * static_cast<double>(utf8_length(s.header[c])));
                worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
            }
            worksheet_freeze_panes(ws, r + 1, 0);
            for (const auto& row : s.rows) {
                ++r;
                for (std::size_t c = 0; c < row.size(); ++c) {
                    auto col = static_cast<lxw_col_t>(c);
                    if (const auto* t = std::get_if<std::string>(&row[c])) worksheet_write_string(ws, r, col, t->c_str(), cell);
                    else if (const auto* d = std::get_if<double>(&row[c])) worksheet_write_number(ws, r, col, *d, cell);
                    else worksheet_write_blank(ws, r, col, cell);
                }
            }
        }
        lxw_workbook* raw = wb.release();
        if (workbook_close(raw) != LXW_NO_ERROR) throw std::runtime_error("libxlsxwriter failed to write the workbook");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace dj
