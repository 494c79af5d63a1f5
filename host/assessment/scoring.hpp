#pragma once
// Turns a department's indicator values and 述职评议 result into its score under a scheme:
// each line says what was measured, against what, and the points earned and lost, so
// "why did we get 一般?" has an answer. Pure: no database, no Lua.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assessment/scheme.hpp"
#include "assessment/result.hpp"

namespace dj::assessment {

struct IndicatorFact {
    std::string name;
    std::string unit;
    bool higher = true;
    std::optional<double> value;
    std::optional<double> target;
    std::optional<bool> met;
    std::vector<std::string> findings;
    std::string error;
    bool known = true;  // false: no such indicator is loaded
    bool enabled = true;  // false: its plugin is off at the department
};

struct DepartmentFacts {
    std::string code;
    std::string name;
    std::string kind;
    nlohmann::json settings;  // the scheme plugin's effective settings there
    std::function<IndicatorFact(const std::string& indicator_id)> indicator;
    std::function<std::optional<std::string>(const std::string& form_id)> evaluation;  // result, if rated
};

AssessmentRow score_department(const Scheme& scheme, const DepartmentFacts& facts);

// Ratings and ranks (equal scores share a rank: 1, 2, 2, 4), overall and within each kind.
void rank(std::vector<AssessmentRow>& rows);

}  // namespace dj::assessment
