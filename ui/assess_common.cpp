// What the indicator and assessment screens share: the glyphs of their results, numbers as
// text, the export row, and the value-against-target bar.
#include <algorithm>
#include <cmath>
#include <fstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "strings.hpp"
#include "views_assess.hpp"
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
void collect_glyphs(CodepointSet& set, const std::vector<RectificationItem>& v) {
    for (const auto& r : v) collect_glyphs(set, r);
}

// [SECTION] Numbers and files

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

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw UserError("无法写入文件「" + path + "」：目录不存在或没有写入权限");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw UserError("写入文件「" + path + "」失败（磁盘已满？）");
}

// [SECTION] Export row

void ExportControl::set_default(const std::string& path) {
    if (path == default_) return;
    // Keep what the user typed; follow the default only while they have not edited it.
    if (path_.empty() || path_ == default_) path_ = path;
    default_ = path;
    message_.clear();
}

bool ExportControl::draw(const char* button_text, const std::string& id) {
    const float em = ImGui::GetFontSize();
    float button_w = ImGui::CalcTextSize(button_text).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(std::max(em * 12, ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x));
    std::string field = "##" + id + ".path";
    input(field.c_str(), path_, ZH("保存到（.xlsx）"), 0, (id + ".path").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(running_);
    bool go = button(button_text);
    auto_item(id + ".go");
    ImGui::EndDisabled();
    if (running_) show_loading(ZH("正在导出…"));
    if (!message_.empty()) {
        glyph_atlas().add(message_);
        ImGui::PushTextWrapPos(0);
        text_colored(failed_ ? colors::kError : colors::kOk, message_);
        ImGui::PopTextWrapPos();
    }
    return go && !running_;
}

void ExportControl::start(Session& session, std::function<std::string(Service&)> make) {
    running_ = true;
    message_.clear();
    std::string path = expand_home(path_);
    session.call<FileWritten>(
        ZH("导出"),
        [path, make = std::move(make)](Service& s) {
            std::string bytes = make(s);
            write_bytes(path, bytes);
            return FileWritten{path, bytes.size()};
        },
        [this](FileWritten& f) {
            running_ = false;
            failed_ = false;
            message_ = format(ZH("已导出到 %s（%zu 字节）"), f.path.c_str(), f.bytes);
            auto_log("exported", f.path + " " + std::to_string(f.bytes));
        },
        [this](const Failure& f) {
            running_ = false;
            failed_ = true;
            message_ = f.message;
            auto_log("export_failed", f.message);
        },
        Lane::Long);
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
