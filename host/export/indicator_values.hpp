#pragma once
// 指标 as an .xlsx workbook: one row per node and indicator, in the order given (tree order),
// with the depth as a column so the hierarchy survives sorting in Excel.
#include <optional>
#include <string>
#include <vector>

namespace dj::exports {

struct IndicatorRow {
    std::string org_name;
    int depth = 0;
    std::string name;
    std::optional<double> value;
    std::string unit;
    std::optional<double> target;
    std::optional<bool> met;
    bool rolled_up = false;
    std::vector<std::string> findings;
    std::string error;
};

std::string indicator_values_xlsx(const std::vector<IndicatorRow>& rows, const std::string& title);

}  // namespace dj::exports
