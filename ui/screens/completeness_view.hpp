#pragma once
// One screen over plugins and forms, registered once in app.cpp; it works on the node
// selected in the org tree.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// 报送情况: expected / submitted / on time / approved, rolled up, and the export.
struct FormCatalog {
    std::vector<FormInfo> forms;  // every form of the plugins in scope, grouped by work area
    std::map<std::string, std::string> area_names;  // plugin id -> its name (the work area)
    std::set<std::string> when_it_happens;  // forms with `expected = false`: no 应报 figure
};
void collect_glyphs(CodepointSet& set, const FormCatalog& c);

// A period reopened for one organisation's late reports.
struct ReopenDone {
    std::string unit_name;
    std::string until;
};
void collect_glyphs(CodepointSet& set, const ReopenDone& r);

class CompletenessView : public View {
public:
    explicit CompletenessView(Session& s) : View(s, "completeness", Kind::Screen) {}
    const char* title() const override;
    // Overviews of many units: for whoever approves or only reads, not for a 填报人.
    bool available() const override { return session_.can(Capability::ApproveForms) || !session_.can(Capability::FillForms); }
    void draw() override;
    bool busy() const override;

private:
    void draw_table(const FormInfo& form, const std::vector<CompletenessRow>& rows);
    void draw_export(const FormInfo& f);
    // 重新开放: after the deadline, an administrator lets one organisation report late.
    bool can_reopen(const FormInfo& f) const;
    void draw_reopen(const FormInfo& f);

    Loaded<FormCatalog> catalog_;
    Loaded<std::vector<CompletenessRow>> rows_;
    std::string form_id_, period_;
    std::string rows_logged_;  // the rows last reported to the automation log
    bool only_expected_ = true;
    bool only_missing_ = false;  // 只看未报: organisations whose own report has not come in
    std::string missing_logged_;  // the rows last counted for the automation log
    std::string form_filter_;    // type-to-filter in the form picker
    int sort_column_ = -1;       // -1: tree order
    bool sort_descending_ = false;
    ExportControl export_;
    std::string reopen_code_, reopen_name_;  // the row being reopened; empty: none
    std::string reopen_until_, reopen_reason_, reopen_error_, reopen_message_;
    bool reopening_ = false;
};

}  // namespace dj::ui
