#pragma once
// 统计图表: the dashboard's figures for a node's subtree and a year, computed from what the
// other parts already compute (completeness, 述职评议 results, the assessment), so a chart
// never disagrees with the screen that lists the same thing.
// One part of LocalService: the operation checks access once, on entry.
#include <string_view>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class FormPart;
class ReviewPart;
class AssessmentPart;

class DashboardPart {
public:
    DashboardPart(ServiceContext& ctx, FormPart& forms, ReviewPart& review, AssessmentPart& assessment)
        : ctx_(ctx), forms_(forms), review_(review), assessment_(assessment) {}

    Dashboard dashboard(const Actor& who, int year, std::string_view unit_code);

private:
    void completion(const Actor& who, const OrgNode& node, Dashboard& out);
    void trends(const OrgNode& node, Dashboard& out);
    void ratings(const OrgNode& node, Dashboard& out);
    void assessment(const OrgNode& node, Dashboard& out);

    ServiceContext& ctx_;
    FormPart& forms_;
    ReviewPart& review_;
    AssessmentPart& assessment_;
};

}  // namespace dj
