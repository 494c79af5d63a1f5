// 统计图表: draws what Service::dashboard computed — the same figures `dangjian dashboard`
// prints — with the chart module; no figure is derived here beyond sorting and picking. The
// answer comes on the Long lane (the county's assessment may compute the year's indicators
// first); what the charts draw is rebuilt only when the answer, the sort or the department
// picked changes, so a frame costs the drawing alone.
#include <algorithm>
#include <numeric>

#include "automation.hpp"
#include "dashboard_view.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

int year_of(const std::string& period) {
    auto p = Period::parse(period);
    return p ? p->year_number() : 0;
}

const char* bars_of_label(const Dashboard& d) { return d.bars_of == "department" ? ZH("部门") : ZH("党支部"); }

}  // namespace

void collect_glyphs(CodepointSet& set, const Dashboard& d) {
    set.add(d.unit_name);
    set.add(d.total.unit_name);
    for (const auto& c : d.completion) set.add(c.unit_name);
    for (const auto& t : d.trends) {
        set.add(t.label);
        set.add(t.form_title);
    }
    for (const auto& r : d.ratings) {
        set.add(r.form_title);
        for (const auto& l : r.labels) set.add(l);
    }
    set.add(d.scheme_title);
    for (const auto& a : d.areas) set.add(a.label);
    for (const auto& dep : d.departments) {
        set.add(dep.org_name);
        set.add(dep.rating);
    }
    set.add(d.assessment_note);
}

const char* DashboardView::title() const { return ZH("统计图表"); }

void DashboardView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    if (year_.empty()) {
        auto start = Period::parse(session_.start_period);
        year_ = std::to_string(start ? start->year_number() : session_.today().year());
    }
    const std::string code = node->code;
    const int year = year_of(year_);
    const std::string prefix = "dashboard|" + code + "|" + year_ + "|";
    Actor who = session_.actor();
    session_.load<Dashboard>(
        data_, session_.key(prefix), ZH("汇总统计图表"), [who, year, code](Service& s) { return s.dashboard(who, year, code); },
        Lane::Long, data_.key.rfind(prefix, 0) == 0);

    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text(ZH("统计年度"));
    ImGui::SameLine();
    period_combo("##year", year_, PeriodType::Year, session_.today(), em * 8, "dashboard.year");
    if (data_.loading && data_.value) {
        ImGui::SameLine();
        show_loading(ZH("正在重新汇总…"));
    }
    if (data_.failure) {
        show_failure(*data_.failure);
        ImGui::End();
        return;
    }
    if (!data_.value) {
        show_loading(format(ZH("正在汇总 %d 年的统计数据…（含全年考核，规模大时需要一些时间）"), year).c_str());
        ImGui::End();
        return;
    }
    const Dashboard& d = *data_.value;
    if (built_ != data_.stamp()) {
        built_ = data_.stamp();
        if (department_.empty() || std::none_of(d.departments.begin(), d.departments.end(),
                                                [&](const auto& x) { return x.org_code == department_; }))
            department_ = d.departments.empty() ? std::string() : d.departments.front().org_code;
        build(d);
        auto_log("dashboard_loaded", format("%s %d %zu %zu %zu %zu", d.unit_code.c_str(), d.year, d.completion.size(),
                                            d.trends.size(), d.ratings.size(), d.departments.size()));
        auto_log("dashboard_total", format("%zu %zu %.1f", d.total.expected, d.total.submitted, d.total.rate));
    }
    ImGui::BeginChild("##dashboard_body");
    draw_completion(d);
    draw_trends(d);
    draw_ratings(d);
    draw_areas(d);
    ImGui::EndChild();
    ImGui::End();
}

void DashboardView::build(const Dashboard& d) {
    // 报送完成率: worst first when sorted (what a 工委 acts on), else in tree order.
    std::vector<std::size_t> order(d.completion.size());
    std::iota(order.begin(), order.end(), 0);
    if (sort_by_rate_)
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return d.completion[a].rate < d.completion[b].rate; });
    completion_ = {};
    completion_.value_axis = ZH("报送完成率（%）");
    completion_.category_axis = bars_of_label(d);
    completion_.max = 100;
    completion_.unit = "%";
    completion_.series.push_back({ZH("完成率"), {}, 0});
    completion_codes_.clear();
    completion_rows_.clear();
    for (std::size_t i : order) {
        const auto& c = d.completion[i];
        completion_.rows.push_back(c.unit_name);
        completion_.series[0].values.push_back(c.rate);
        completion_codes_.push_back(c.unit_code);
    }
    for (const auto& c : d.completion)
        completion_rows_.push_back({chart::text_cell(c.unit_name), chart::number_cell(static_cast<double>(c.expected), 0),
                                    chart::number_cell(static_cast<double>(c.submitted), 0),
                                    chart::number_cell(static_cast<double>(c.on_time), 0), chart::number_cell(c.rate, 1, "%")});

    // Month by month.
    trends_ = {};
    trends_.value_axis = ZH("次数");
    trends_.category_axis = ZH("月份");
    for (std::size_t m = 0; m < d.months.size(); ++m) trends_.categories.push_back(format(ZH("%d月"), static_cast<int>(m + 1)));
    trend_headers_ = {ZH("月份")};
    for (const auto& t : d.trends) {
        chart::Series s{t.label, {}, 0};
        for (auto n : t.counts) s.values.push_back(static_cast<double>(n));
        trends_.series.push_back(std::move(s));
        trend_headers_.push_back(t.label);
    }
    trend_rows_.clear();
    for (std::size_t m = 0; m < d.months.size(); ++m) {
        std::vector<chart::Cell> row{chart::Cell{trends_.categories[m], static_cast<double>(m), true}};
        for (const auto& t : d.trends)
            row.push_back(chart::number_cell(m < t.counts.size() ? static_cast<double>(t.counts[m]) : 0, 0));
        trend_rows_.push_back(std::move(row));
    }

    // 述职评议: one pie per evaluation form, the scale's colours best first.
    pies_.clear();
    rating_rows_.clear();
    rating_headers_ = {ZH("述职评议")};
    if (!d.ratings.empty()) {
        for (const auto& l : d.ratings.front().labels) rating_headers_.push_back(l);
        rating_headers_.push_back(ZH("尚未评议"));
    }
    for (const auto& r : d.ratings) {
        chart::PieChart p;
        p.title = r.form_title;
        p.unit = ZH(" 份");
        for (std::size_t i = 0; i < r.labels.size(); ++i) {
            p.labels.push_back(r.labels[i]);
            p.values.push_back(static_cast<double>(r.counts[i]));
            p.colors.push_back(chart::rank_color(i));
        }
        pies_.push_back(std::move(p));
        std::vector<chart::Cell> row{chart::text_cell(r.form_title)};
        for (auto n : r.counts) row.push_back(chart::number_cell(static_cast<double>(n), 0));
        row.push_back(chart::number_cell(static_cast<double>(r.unrated), 0));
        rating_rows_.push_back(std::move(row));
    }
    build_areas(d);
}

void DashboardView::build_areas(const Dashboard& d) {
    areas_ = {};
    area_rows_.clear();
    const DashboardDepartmentScore* dep = nullptr;
    for (const auto& x : d.departments)
        if (x.org_code == department_) dep = &x;
    if (!dep) return;
    areas_.value_axis = ZH("得分");
    areas_.category_axis = ZH("考核板块");
    areas_.decimals = 2;
    areas_.series.push_back({dep->org_name, {}, chart::palette(0)});
    areas_.series.push_back({ZH("全县平均"), {}, chart::palette(1)});
    area_headers_ = {ZH("考核板块"), ZH("满分"), dep->org_name, ZH("全县平均"), ZH("高于（低于）平均")};
    for (std::size_t i = 0; i < d.areas.size(); ++i) {
        const auto& a = d.areas[i];
        const double earned = i < dep->earned.size() ? dep->earned[i] : 0;
        areas_.rows.push_back(a.label);
        areas_.row_max.push_back(a.weight);
        areas_.series[0].values.push_back(earned);
        areas_.series[1].values.push_back(a.average);
        area_rows_.push_back({chart::text_cell(a.label), chart::number_cell(a.weight, 2), chart::number_cell(earned, 2),
                              chart::number_cell(a.average, 2), chart::number_cell(earned - a.average, 2)});
    }
    auto_log("dashboard_department", department_);
}

void DashboardView::draw_completion(const Dashboard& d) {
    separator_text(format(ZH("报送完成率（按%s）"), bars_of_label(d)));
    text(format(ZH("%s %d 年合计：应报 %zu 份，已报 %zu 份（按时 %zu 份），完成率 %.1f%%"), d.unit_name.c_str(), d.year,
                d.total.expected, d.total.submitted, d.total.on_time, d.total.rate));
    tooltip(ZH("各表单本年度应报与已报（含退回后重报、已审核）之和，与「报送情况」逐表统计的数字一致"));
    if (d.completion.empty()) {
        text_muted(ZH("本年度没有应报的表单。"));
        return;
    }
    if (checkbox(ZH("按完成率从低到高排列"), &sort_by_rate_)) build(d);
    auto_item("dashboard.sort");
    if (d.completion.size() > 18) {
        ImGui::SameLine();
        text_muted(format(ZH("共 %zu 个单位，滚动查看；指向条形查看数值"), d.completion.size()));
    }
    const int clicked = chart::bar_chart("completion", completion_);
    // A department's bar picks it for the comparison by area below.
    if (clicked >= 0 && d.bars_of == "department") {
        const std::string& picked = completion_codes_[static_cast<std::size_t>(clicked)];
        for (const auto& x : d.departments)
            if (x.org_code == picked) {
                department_ = picked;
                build_areas(d);
            }
    }
    auto_item("dashboard.completion");
    chart::number_table("##completion_table",
                        {bars_of_label(d), ZH("应报（份）"), ZH("已报（份）"), ZH("按时（份）"), ZH("完成率")}, completion_rows_, 6);
    ImGui::Spacing();
}

void DashboardView::draw_trends(const Dashboard& d) {
    std::string names;
    for (const auto& t : d.trends) names += (names.empty() ? "" : ZH("、")) + t.label;
    separator_text(names.empty() ? std::string(ZH("每月开展次数")) : names + ZH(" 每月开展次数"));
    if (d.trends.empty()) {
        text_muted(ZH("本组织启用的插件没有声明按月统计的内容（如组织生活插件的三会一课、主题党日）。"));
        return;
    }
    chart::line_chart("trends", trends_);
    auto_item("dashboard.trends");
    chart::number_table("##trend_table", trend_headers_, trend_rows_, 12);
    ImGui::Spacing();
}

void DashboardView::draw_ratings(const Dashboard& d) {
    if (scroll_to_ratings_) {
        ImGui::SetScrollHereY(0.0f);
        scroll_to_ratings_ = false;
    }
    separator_text(ZH("述职评议结果分布"));
    if (d.ratings.empty()) {
        text_muted(ZH("本组织启用的插件中没有述职评议表单。"));
        return;
    }
    const float em = ImGui::GetFontSize();
    for (std::size_t i = 0; i < pies_.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, em * 3);
        chart::pie_chart(("ratings" + std::to_string(i)).c_str(), pies_[i]);
    }
    auto_item("dashboard.ratings");
    chart::number_table("##rating_table", rating_headers_, rating_rows_, 4);
    ImGui::Spacing();
}

void DashboardView::draw_areas(const Dashboard& d) {
    separator_text(d.scheme_title.empty() ? std::string(ZH("考核得分（按板块）"))
                                          : d.scheme_title + ZH(" · 按板块与全县平均比较"));
    if (!d.assessment_note.empty()) text_muted(d.assessment_note);
    if (d.areas.empty() || d.departments.empty()) return;
    const float em = ImGui::GetFontSize();
    const DashboardDepartmentScore* dep = nullptr;
    for (const auto& x : d.departments)
        if (x.org_code == department_) dep = &x;
    if (d.departments.size() > 1) {
        // Type-to-filter: a county has a hundred departments or more.
        ImGui::AlignTextToFramePadding();
        text(ZH("单位"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 16);
        if (ImGui::BeginCombo(label("##department"), dep ? dep->org_name.c_str() : "")) {
            glyph_atlas().check(dep ? dep->org_name : std::string());
            input(ZH("##department_filter"), department_filter_, ZH("输入名称筛选"));
            ImGuiListClipper clipper;
            std::vector<const DashboardDepartmentScore*> shown;
            for (const auto& x : d.departments)
                if (matches_filter(x.org_name, department_filter_)) shown.push_back(&x);
            clipper.Begin(static_cast<int>(shown.size()));
            while (clipper.Step())
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    const auto* x = shown[static_cast<std::size_t>(i)];
                    ImGui::PushID(x->org_code.c_str());
                    if (selectable(x->org_name.c_str(), x->org_code == department_)) {
                        department_ = x->org_code;
                        build_areas(d);
                    }
                    ImGui::PopID();
                }
            ImGui::EndCombo();
        }
        auto_item("dashboard.department");
        ImGui::SameLine();
        text_muted(d.bars_of == "department" ? ZH("（也可点击上方完成率图中的部门）") : ZH(""));
    }
    if (!dep) return;
    text(format(ZH("%s：得分 %.2f（%s），全县 %zu 个部门平均 %.2f"), dep->org_name.c_str(), dep->score, dep->rating.c_str(),
                d.county_departments, d.county_average_score));
    chart::bar_chart("areas", areas_);
    auto_item("dashboard.areas");
    chart::number_table("##area_table", area_headers_, area_rows_, 10);
}

}  // namespace dj::ui
