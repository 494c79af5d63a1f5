#pragma once
// What an assessment produces: each department's score, its lines (why), ranks and rating.
// Plain values shared by the scoring (below) and the service (above).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dj {

// What an assessment line is (AssessmentLine::kind, and the JSON's "kind").
namespace line_kind {
inline constexpr std::string_view kIndicator = "indicator";
inline constexpr std::string_view kEvaluation = "evaluation";
inline constexpr std::string_view kDeduction = "deduction";
inline constexpr std::string_view kVeto = "veto";
}  // namespace line_kind

struct AssessmentLine {
    std::string area_id;
    std::string area_label;
    std::string kind;  // a line_kind: indicator / evaluation / deduction / veto
    std::string ref;   // indicator id or evaluation form id
    std::string label;
    std::optional<double> value;
    std::optional<double> target;
    std::string unit;
    double weight = 0;  // points possible after scaling
    double earned = 0;
    double lost = 0;
    std::string note;   // why: 未达标、未启用、无评议结果、触发一票否决 …
    bool missed = false;        // an indicator measured against its target and found short (未达标)
    bool has_findings = false;  // a compliance rule that found something
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
    std::vector<std::string> rectify_ratings;  // the scheme's ratings that call for rectification
    std::vector<std::pair<std::string, double>> thresholds;
    std::vector<AssessmentRow> rows;  // ranked, best first
};

}  // namespace dj
