#pragma once
// One screen over indicators and the year's assessment, registered once in app.cpp. It only
// shows what the service computed: no rule of the assessment is evaluated here.
#include <string>
#include <string_view>

#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// 考核: the year's ranking and, for the selected department, why it got its score.
struct AssessmentRun {
    AssessmentResult result;
    double seconds = 0;  // how long the service took
};
void collect_glyphs(CodepointSet& set, const AssessmentRun& r);

class AssessmentView : public View {
public:
    explicit AssessmentView(Session& s) : View(s, "assess", Kind::Screen) {}
    const char* title() const override;
    // Overviews of many units: for whoever approves or only reads, not for a 填报人.
    bool available() const override { return session_.can(Capability::ApproveForms) || !session_.can(Capability::FillForms); }
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

}  // namespace dj::ui
