#include "export/indicator_values.hpp"

#include "io/xlsx_writer.hpp"

namespace dj::exports {

std::string indicator_values_xlsx(const std::vector<IndicatorRow>& rows, const std::string& title) {
    Sheet sheet;
    sheet.name = "指标";
    sheet.title = title;
    sheet.header = {"组织", "层级", "指标", "实际值", "单位", "目标", "达标", "汇总", "合规检查发现的问题", "计算出错"};
    sheet.column_widths = {28, 6, 24, 9, 6, 9, 8, 6, 40, 30};
    auto joined = [](const std::vector<std::string>& parts) {
        std::string s;
        for (const auto& p : parts) s += (s.empty() ? "" : "；") + p;
        return s;
    };
    for (const auto& r : rows)
        sheet.rows.push_back({r.org_name, static_cast<double>(r.depth), r.name, r.value ? Cell(*r.value) : Cell(), r.unit,
                              r.target ? Cell(*r.target) : Cell(),
                              r.met ? Cell(std::string(*r.met ? "达标" : "未达标")) : Cell(),
                              r.rolled_up ? Cell(std::string("是")) : Cell(), joined(r.findings), r.error});
    return write_xlsx({sheet});
}

}  // namespace dj::exports
