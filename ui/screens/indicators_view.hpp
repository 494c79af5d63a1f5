#pragma once
// One screen over indicators and the year's assessment, registered once in app.cpp. It only
// shows what the service computed: no rule of the assessment is evaluated here.
#include <cstddef>
#include <string>
#include <vector>

#include "export_control.hpp"
#include "model/period.hpp"
#include "view.hpp"

namespace dj::ui {

// 指标: every indicator of a period at the node and below, in tree order.
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

}  // namespace dj::ui
