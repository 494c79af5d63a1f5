#include "export/rectification_ledger.hpp"

#include "io/xlsx_writer.hpp"

namespace dj::exports {

std::string rectification_ledger_xlsx(const std::vector<RectificationRow>& rows, Date today) {
    Sheet sheet;
    sheet.name = "整改事项";
    sheet.title = "整改事项台账（" + today.iso() + "）";
    sheet.header = {"编号", "责任单位", "年度", "问题", "具体情况", "来源", "责任人",
                    "整改期限", "状态", "是否逾期", "整改情况"};
    sheet.column_widths = {7, 24, 6, 36, 40, 10, 8, 11, 8, 8, 50};
    for (const auto& r : rows)
        sheet.rows.push_back({static_cast<double>(r.id), r.org_name, static_cast<double>(r.year), r.title, r.detail,
                              r.source_label, r.owner, r.deadline, r.status_label,
                              std::string(r.overdue ? "逾期" : "否"), r.evidence});
    return write_xlsx({sheet});
}

}  // namespace dj::exports
