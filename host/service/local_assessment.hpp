#pragma once
// The year's assessment, its workbook and the rectification items it gives rise to.
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {
class ReviewPart;

class AssessmentPart {
public:
    AssessmentPart(ServiceContext& ctx, ReviewPart& review) : ctx_(ctx), review_(review) {}

    AssessmentResult assess(const Actor& who, int year, std::string_view unit_code);
    std::string export_assessment(const Actor& who, int year, std::string_view unit_code);
    std::vector<RectificationItem> generate_rectifications(const Actor& who, int year, std::string_view unit_code);
    // assess() without the access check, for figures the host derives beyond the actor's
    // scope (the dashboard's county averages): the caller decides what leaves it.
    AssessmentResult assess_unchecked(int year, const OrgNode& node);

private:
    ServiceContext& ctx_;
    ReviewPart& review_;
};

}  // namespace dj
