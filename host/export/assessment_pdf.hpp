#pragma once
// The 年度党建考核结果汇总表 as a printed table: one row per department in rank order, its
// score by assessment area, total and 等次; A4 landscape, the header on every page.
#include <string>
#include <vector>

namespace dj::exports {

struct AssessmentPrintRow {
    int rank = 0;
    std::string unit;
    std::string kind;               // 类别 (行政机关 …)
    std::vector<double> areas;      // in the order of AssessmentPrint::areas
    double score = 0;
    std::string rating;             // 好 / 较好 / 一般 / 差
    std::string veto;               // 一票否决 reason, or empty
};

struct AssessmentPrint {
    std::string title;        // 2020年度党建考核结果汇总表
    std::string particulars;  // scope, scheme, date
    std::vector<std::string> areas;
    std::vector<AssessmentPrintRow> rows;
    std::string note;  // the 等次 thresholds, under the table
};

std::string assessment_pdf(const AssessmentPrint& a);

}  // namespace dj::exports
