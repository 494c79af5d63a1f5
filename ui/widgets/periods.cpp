#include "periods.hpp"

#include <imgui.h>

#include "automation.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {
// Period labels come from the host (Period::label_zh); their characters are registered
// with the UI literals so the first frame already has them.
[[maybe_unused]] const char* period_glyphs() { return ZH("年上下半第一二三四季度月"); }
}  // namespace

std::vector<Period> periods_around(Date today, PeriodType type) {
    Period current = Period::containing(today, type);
    int earlier = 0;
    switch (type) {
        case PeriodType::Month: earlier = 23; break;
        case PeriodType::Quarter: earlier = 11; break;
        case PeriodType::HalfYear: earlier = 5; break;
        case PeriodType::Year: earlier = 4; break;
    }
    std::vector<Period> out{current.next(), current};
    Period p = current;
    for (int i = 0; i < earlier; ++i) {
        p = p.prev();
        out.push_back(p);
    }
    return out;
}

std::string period_label(const std::string& period) {
    auto p = Period::parse(period);
    return p ? p->label_zh() : period;
}

PeriodType period_type_of(const std::string& id) { return parse_period_type(id).value_or(PeriodType::Month); }

bool period_combo(const char* id, std::string& value, PeriodType type, Date today, float width, const char* auto_id) {
    std::string shown = period_label(value);
    glyph_atlas().check(shown);
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(label(id), shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        Period current = Period::containing(today, type);
        for (const Period& p : periods_around(today, type)) {
            std::string item = p.label_zh();
            if (p == current) item += ZH("（本期）");
            item += "##" + p.str();
            bool sel = p.str() == value;
            if (selectable(item.c_str(), sel)) {
                changed = value != p.str();
                value = p.str();
            }
            if (auto_id) auto_item(std::string(auto_id) + ".opt." + p.str());
            if (sel) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    if (auto_id) auto_item(auto_id);
    return changed;
}

}  // namespace dj::ui
