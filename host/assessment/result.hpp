#pragma once
// What an assessment produces: each department's score, its lines (why), ranks and rating.
// Plain values shared by the scoring (below) and the service (above).
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dj {

struct AssessmentLine {
    std::string area_id;
    std::string area_label;
    std::string kind;  // indicator / evaluation / deduction / veto
    std::string ref;   // indicator id or evaluation form id
    std::string label;
    std::optional<double> value;
    std::optional<double> target;
    std::string unit;
    double weight = 0;  // points possible after scaling
    double earned = 0;
    double lost = 0;
    std::string note;   // why: 未达标、未启用、无评议结果、触发一票否决 …
};

struct AssessmentArea {
    std::string id;
    std::string label;
    double weight = 0;
    double earned = 0;
};

struct AssessmentRow {
    int rank = 0;
    int rank_in_kind = 0;
    std::string org_code;
    std::string org_name;
    std::string kind;
    double score = 0;
    std::string rating;
    std::string veto;  // the veto that fired, empty if none
    std::vector<AssessmentArea> areas;
    std::vector<AssessmentLine> lines;
};

struct AssessmentResult {
    int year = 0;
    std::string scheme_id;
    std::string title;
    std::vector<std::pair<std::string, double>> thresholds;
    std::vector<AssessmentRow> rows;  // ranked, best first
};

}  // namespace dj
