#pragma once
// 整改台账 as an .xlsx workbook: the items with what was done so far, the ledger offices keep
// in Excel.
#include <cstdint>
#include <string>
#include <vector>

#include "model/date.hpp"

namespace dj::exports {

struct RectificationRow {
    std::int64_t id = 0;
    std::string org_name;
    int year = 0;
    std::string title;
    std::string detail;
    std::string source_label;
    std::string owner;
    std::string deadline;  // ISO date
    std::string status_label;
    bool overdue = false;
    std::string evidence;
};

// One sheet 整改事项 titled 整改事项台账（DATE）, `today` being the date the ledger is as of.
std::string rectification_ledger_xlsx(const std::vector<RectificationRow>& rows, Date today);

}  // namespace dj::exports
