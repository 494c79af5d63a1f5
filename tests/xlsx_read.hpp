#pragma once
// Reads an .xlsx back the way a user's Excel would show it: the sheet names and each row's
// cells as text (numbers as written, e.g. "49"). Uses the `unzip` program; tests that need
// it check have_unzip() first.
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace dj::test {

inline bool have_unzip() { return std::system("command -v unzip >/dev/null 2>&1") == 0; }

// One member of the zip as text ("" when absent).
inline std::string xlsx_part(const std::string& xlsx, const std::string& part) {
    std::string out = xlsx + "." + std::to_string(std::hash<std::string>{}(part)) + ".part";
    std::string cmd = "unzip -p '" + xlsx + "' '" + part + "' >'" + out + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return "";
    std::ifstream in(out, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string xml_text(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += std::string(to).size())
            s.replace(at, std::string(from).size(), to);
    return s;
}

inline std::vector<std::string> xlsx_sheet_names(const std::string& xlsx) {
    std::vector<std::string> names;
    std::string wb = xlsx_part(xlsx, "xl/workbook.xml");
    std::regex sheet("<sheet name=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(wb.begin(), wb.end(), sheet); it != std::sregex_iterator(); ++it)
        names.push_back(xml_text((*it)[1]));
    return names;
}

// Sheet `n` (1-based) as rows of cell texts; a missing cell is "". Rows as numbered in the
// sheet (a merged title row is row 1 when the sheet has one).
inline std::vector<std::vector<std::string>> xlsx_rows(const std::string& xlsx, int n = 1) {
    std::vector<std::string> strings;
    std::string ss = xlsx_part(xlsx, "xl/sharedStrings.xml");
    // [\\s\\S]: a shared string may hold line breaks, which `.` does not match.
    std::regex si("<si>([\\s\\S]*?)</si>"), t("<t[^>]*>([^<]*)</t>");
    for (auto it = std::sregex_iterator(ss.begin(), ss.end(), si); it != std::sregex_iterator(); ++it) {
        std::string body = (*it)[1], text;
        for (auto j = std::sregex_iterator(body.begin(), body.end(), t); j != std::sregex_iterator(); ++j) text += (*j)[1];
        strings.push_back(xml_text(text));
    }
    std::string sheet = xlsx_part(xlsx, "xl/worksheets/sheet" + std::to_string(n) + ".xml");
    std::regex row("<row r=\"(\\d+)\"[^>]*>([\\s\\S]*?)</row>"),
        cell("<c r=\"([A-Z]+)\\d+\"([^>]*?)(?:/>|>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>)");
    std::vector<std::vector<std::string>> rows;
    for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), row); it != std::sregex_iterator(); ++it) {
        std::size_t r = std::stoul((*it)[1]);
        if (rows.size() < r) rows.resize(r);
        std::string body = (*it)[2];
        for (auto c = std::sregex_iterator(body.begin(), body.end(), cell); c != std::sregex_iterator(); ++c) {
            std::size_t col = 0;
            for (char ch : std::string((*c)[1])) col = col * 26 + static_cast<std::size_t>(ch - 'A' + 1);
            std::string attrs = (*c)[2], v = (*c)[3];
            std::string text = attrs.find("t=\"s\"") != std::string::npos && !v.empty() ? strings.at(std::stoul(v)) : v;
            auto& cells = rows[r - 1];
            if (cells.size() < col) cells.resize(col);
            cells[col - 1] = text;
        }
    }
    return rows;
}

}  // namespace dj::test
