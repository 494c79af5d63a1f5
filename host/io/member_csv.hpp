#pragma once
// Reading a member roster (党员名册) exported from Excel. Only the file's own shape is
// checked here; the database checks (branch exists, duplicates, scope) are the service's.
#include <string>
#include <string_view>
#include <vector>

#include "model/member.hpp"

namespace dj {

struct RosterRow {
    std::size_t line = 0;
    MemberInput member;
    std::vector<std::string> problems;  // empty when the row is well-formed
};

struct Roster {
    std::string encoding;
    std::vector<std::string> ignored_columns;
    std::vector<RosterRow> rows;
};

// Columns by their Chinese headers, in any order: 姓名, 性别, 出生日期, 入党日期, 转正日期,
// 党员状态 (or 状态), 所在支部 (a code or a unique name), 职务, 职级, 标记 (several separated by
// 、；; or |). Unknown columns such as 序号 are ignored and listed. Throws UserError when the
// file cannot be read at all (encoding, no header, a required column missing). An .xlsx
// (recognised by its zip signature) is read as read_roster_xlsx reads it.
Roster read_roster(std::string_view file_bytes, Date today);

// The same columns and checks from the first sheet of an .xlsx; a row's `line` is its row
// number in the sheet and problems name the column by header and letter (出生日期（C 列）).
Roster read_roster_xlsx(std::string_view file_bytes, Date today);

// Splits a 标记 cell: several flags separated by 、 ； ， ; , or |.
std::vector<std::string> split_member_flags(const std::string& text);

// The header line of a roster, for a template users can fill.
std::vector<std::string> roster_header();

}  // namespace dj
