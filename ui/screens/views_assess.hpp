#pragma once
// The screens over indicators and the year's assessment: 指标, 考核, 述职评议, 整改. Each is
// registered once in app.cpp and works on the node selected in the org tree. They only show
// what the service computed (values, targets, scores, explanations, results): no rule of
// the assessment is evaluated here.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evaluation_panel.hpp"
#include "export_control.hpp"
#include "model/period.hpp"
#include "view.hpp"

namespace dj::ui {

// Glyphs of the service's results (assess_glyphs.cpp).
void collect_glyphs(CodepointSet& set, const std::vector<IndicatorInfo>& v);
void collect_glyphs(CodepointSet& set, const std::vector<IndicatorValue>& v);
void collect_glyphs(CodepointSet& set, const std::vector<Reminder>& v);
void collect_glyphs(CodepointSet& set, const AssessmentResult& r);
void collect_glyphs(CodepointSet& set, const RectificationItem& r);

// "12", "12.5", "0.33": a value as people read it (no trailing zeros), or "—".
std::string number_text(const std::optional<double>& v, int decimals = 2);

// A value against its target as a horizontal bar drawn with the window's draw list: the
// bar for the value, a tick at the target, green when met, red when not, grey without a
// target. `lower`: lower is better (the target is a ceiling).
void target_bar(const std::optional<double>& value, const std::optional<double>& target,
                const std::optional<bool>& met, bool lower, float width);

// [SECTION] 指标: every indicator of a period at the node and below, in tree order.
struct IndicatorTable {
    std::vector<IndicatorInfo> defs;      // those that apply at the node
    std::vector<IndicatorValue> values;   // tree order, then indicator
};
void collect_glyphs(CodepointSet& set, const IndicatorTable& t);

class IndicatorsView : public View {
public:
    explicit IndicatorsView(Session& s) : View(s, "indicators", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    void draw_toolbar(const IndicatorTable* t);
    void draw_table(const IndicatorTable& t);
    void refilter(const IndicatorTable& t);
    const IndicatorInfo* def(const IndicatorTable& t, const std::string& id) const;

    Loaded<IndicatorTable> table_;
    PeriodType type_ = PeriodType::Year;
    std::string period_;
    std::string indicator_;  // empty: every indicator
    bool node_only_ = false;
    bool failed_only_ = false;
    std::string filter_key_;
    std::vector<std::size_t> rows_;  // indices into values, filtered
    std::string logged_;
    ExportControl export_;
};

// [SECTION] 考核: the year's ranking and, for the selected department, why it got its score.
struct AssessmentRun {
    AssessmentResult result;
    double seconds = 0;  // how long the service took
};
void collect_glyphs(CodepointSet& set, const AssessmentRun& r);

class AssessmentView : public View {
public:
    explicit AssessmentView(Session& s) : View(s, "assess", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_toolbar(const AssessmentResult* r);
    void draw_ranking(const AssessmentResult& r, float height);
    void draw_explanation(const AssessmentResult& r, const AssessmentRow& row);
    void generate(int year);

    Loaded<AssessmentRun> run_;
    std::string year_;
    std::string selected_;  // org code of the row shown below
    bool select_first_ = false;
    std::string logged_;
    ExportControl export_;
    bool generating_ = false;
    std::string generate_message_;
    bool generate_failed_ = false;
};

// [SECTION] 整改: items with filters, a new item from an inspection, progress and sign-off.
class RectificationView : public View {
public:
    explicit RectificationView(Session& s) : View(s, "rectify", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_filters();
    void draw_list(const std::vector<RectificationItem>& items, float height);
    void draw_detail(const RectificationItem& item);
    void draw_add(const OrgNode& node);
    void save(const RectificationItem& item);
    void add(const OrgNode& node);

    Loaded<std::vector<RectificationItem>> list_;
    std::string year_;    // "" for every year
    std::string status_;  // "" for every status, else open / in_progress / done / verified
    bool overdue_only_ = false;
    std::int64_t selected_ = 0;
    bool select_first_ = false;
    std::string logged_;
    // Update of the selected item
    std::string edit_for_;  // the item (id and last update) the fields below started from
    std::string u_status_, u_owner_, u_deadline_, u_evidence_, u_comment_;
    std::string update_error_;
    bool updating_ = false;
    // New item (督查检查)
    bool adding_open_ = false;
    std::string a_title_, a_detail_, a_owner_, a_deadline_, a_year_;
    std::string add_error_;
    ExportControl export_;
    bool adding_ = false;
};

// [SECTION] 述职评议: the year's reports under the node, each with its votes and result.
struct ReportRow {
    FormInfo form;
    SubmissionInfo submission;
    std::optional<std::string> result;
    std::size_t votes = 0;
};
struct ReportList {
    std::vector<ReportRow> rows;
    std::size_t forms = 0;  // report forms (with an evaluation rule) in the catalogue
};
void collect_glyphs(CodepointSet& set, const ReportList& l);
void collect_glyphs(CodepointSet& set, const std::map<std::int64_t, std::string>& names);

class EvaluationsView : public View {
public:
    explicit EvaluationsView(Session& s) : View(s, "evaluate", Kind::Screen), panel_(s) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_list(const ReportList& l, float height);
    void draw_report(const ReportRow& row);

    Loaded<ReportList> list_;
    // Names of the members a report's member fields name, for the report shown.
    Loaded<std::map<std::int64_t, std::string>> names_;
    std::string year_;
    std::int64_t selected_ = 0;
    bool select_first_ = false;
    std::string logged_;
    EvaluationPanel panel_;
};

}  // namespace dj::ui
