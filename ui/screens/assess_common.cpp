// What the indicator and assessment screens share: the glyphs of their results, numbers as
// text, the export row, and the value-against-target bar.
#include <algorithm>
#include <cmath>
#include <fstream>

#include "assess_common.hpp"
#include "automation.hpp"
#include "core/errors.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

// [SECTION] Glyphs of results

void collect_glyphs(CodepointSet& set, const std::vector<IndicatorInfo>& v) {
    for (const auto& i : v) {
        set.add(i.name);
        set.add(i.unit);
        set.add(i.description);
    }
}
void collect_glyphs(CodepointSet& set, const std::vector<IndicatorValue>& v) {
    // Names and units repeat on every row: add() is cheap for what it has seen.
    for (const auto& r : v) {
        set.add(r.name);
        set.add(r.unit);
        set.add(r.org_name);
        for (const auto& f : r.findings) set.add(f);
        set.add(r.error);
    }
}
void collect_glyphs(CodepointSet& set, const std::vector<Reminder>& v) {
    for (const auto& r : v) {
        set.add(r.org_name);
        set.add(r.text);
    }
}
void collect_glyphs(CodepointSet& set, const AssessmentResult& r) {
    set.add(r.title);
    for (const auto& [name, points] : r.thresholds) set.add(name);
    for (const auto& row : r.rows) {
        set.add(row.org_name);
        set.add(row.kind);
        set.add(row.rating);
        set.add(row.veto);
        for (const auto& a : row.areas) set.add(a.label);
        for (const auto& l : row.lines) {
            set.add(l.area_label);
            set.add(l.label);
            set.add(l.unit);
            set.add(l.note);
        }
    }
}
void collect_glyphs(CodepointSet& set, const RectificationItem& r) {
    set.add(r.org_name);
    set.add(r.source_label);
    set.add(r.title);
    set.add(r.detail);
    set.add(r.owner);
    set.add(r.status_label);
    set.add(r.evidence);
    set.add(r.created_by);
}

// [SECTION] Numbers

std::string number_text(const std::optional<double>& v, int decimals) {
    if (!v) return ZH("—");
    if (!std::isfinite(*v)) return ZH("—");
    std::string s = format("%.*f", decimals, *v);
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string score_text(const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) return ZH("—");
    std::string s = format("%.2f", *v);
    return s == "-0.00" ? "0.00" : s;
}

// [SECTION] Value against target

void target_bar(const std::optional<double>& value, const std::optional<double>& target, const std::optional<bool>& met,
                bool lower, float width) {
    const float h = ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_h = h * 0.7f, y0 = p.y + (h - bar_h) * 0.5f, y1 = y0 + bar_h;
    dl->AddRectFilled(ImVec2(p.x, y0), ImVec2(p.x + width, y1), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    if (value && std::isfinite(*value)) {
        // The scale leaves room past the larger of value and target, so both are visible.
        double v = std::max(0.0, *value);
        double t = target && std::isfinite(*target) ? std::max(0.0, *target) : 0.0;
        double full = std::max({v, t, lower ? 1.0 : 1e-9}) * 1.15;
        ImVec4 colour = !met ? colors::kMuted : *met ? colors::kOk : colors::kError;
        colour.w = 0.75f;
        float x = p.x + static_cast<float>(v / full) * width;
        if (v > 0) dl->AddRectFilled(ImVec2(p.x, y0), ImVec2(std::max(x, p.x + 2.0f), y1), ImGui::GetColorU32(colour), 2.0f);
        if (target) {
            float tx = p.x + static_cast<float>(t / full) * width;
            dl->AddLine(ImVec2(tx, p.y), ImVec2(tx, p.y + h), ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
        }
    }
    dl->AddRect(ImVec2(p.x, y0), ImVec2(p.x + width, y1), ImGui::GetColorU32(ImGuiCol_Border), 2.0f);
}

}  // namespace dj::ui
