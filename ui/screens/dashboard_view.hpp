#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "chart.hpp"
#include "view.hpp"

namespace dj::ui {

void collect_glyphs(CodepointSet& set, const Dashboard& d);

// 统计图表: the selected node's dashboard for a year (Service::dashboard): 报送完成率 by
// department (工委) or branch (a department), the month-by-month lines the plugins declare
// (三会一课, 主题党日), the 述职评议 results as pies, and one department's score by area against
// the county average. Each chart has its numbers in a table below. What the charts draw is
// built once per answer (and per sort or department choice), not every frame.
class DashboardView : public View {
public:
    explicit DashboardView(Session& s) : View(s, "dashboard", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ReadForms); }
    void draw() override;
    bool busy() const override { return data_.loading; }
    // "dashboard_lower": scrolled to the 述职评议 and assessment charts.
    void prepare_screenshot(std::string_view variant) override {
        if (variant == "dashboard_lower") scroll_to_ratings_ = true;
    }

private:
    void build(const Dashboard& d);  // the charts and tables below, from one answer
    void build_areas(const Dashboard& d);
    void draw_completion(const Dashboard& d);
    void draw_trends(const Dashboard& d);
    void draw_ratings(const Dashboard& d);
    void draw_areas(const Dashboard& d);

    Loaded<Dashboard> data_;
    std::string year_;
    std::string built_;  // the answer's stamp the charts below were built from
    bool sort_by_rate_ = true;
    std::string department_;  // org code whose areas are compared with the county's

    chart::BarChart completion_;
    std::vector<std::vector<chart::Cell>> completion_rows_;
    std::vector<std::string> completion_codes_;  // bar order -> org code
    chart::LineChart trends_;
    std::vector<std::vector<chart::Cell>> trend_rows_;
    std::vector<std::string> trend_headers_;
    std::vector<chart::PieChart> pies_;
    std::vector<std::vector<chart::Cell>> rating_rows_;
    std::vector<std::string> rating_headers_;
    chart::BarChart areas_;
    std::vector<std::vector<chart::Cell>> area_rows_;
    std::vector<std::string> area_headers_;
    std::string department_filter_;
    bool scroll_to_ratings_ = false;
};

}  // namespace dj::ui
