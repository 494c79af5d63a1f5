#pragma once
// One screen over indicators and the year's assessment, registered once in app.cpp. It only
// shows what the service computed: no rule of the assessment is evaluated here.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluation_panel.hpp"
#include "view.hpp"

namespace dj::ui {

// 述职评议: the year's reports under the node, each with its votes and result.
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
    // Overviews of many units: for whoever approves or only reads, not for a 填报人.
    bool available() const override { return session_.can(Capability::ApproveForms) || !session_.can(Capability::FillForms); }
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
