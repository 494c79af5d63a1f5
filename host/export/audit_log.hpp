#pragma once
// 审计日志 as an .xlsx workbook, with the whole before and after of every entry (a screen
// cuts them).
#include <cstdint>
#include <string>
#include <vector>

namespace dj::exports {

struct AuditRow {
    std::int64_t id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string target;
    std::string before;  // JSON text or empty
    std::string after;
};

std::string audit_log_xlsx(const std::vector<AuditRow>& rows);

}  // namespace dj::exports
