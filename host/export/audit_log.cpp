#include "export/audit_log.hpp"

#include "io/xlsx_writer.hpp"

namespace dj::exports {

std::string audit_log_xlsx(const std::vector<AuditRow>& rows) {
    Sheet sheet;
    sheet.name = "审计日志";
    sheet.header = {"编号", "时间", "操作人", "操作", "对象", "变更前", "变更后"};
    sheet.column_widths = {8, 20, 12, 18, 24, 50, 50};
    for (const auto& e : rows)
        sheet.rows.push_back({static_cast<double>(e.id), e.at, e.actor, e.action, e.target, e.before, e.after});
    return write_xlsx({sheet});
}

}  // namespace dj::exports
