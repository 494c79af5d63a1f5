#include "automation.hpp"

#include <imgui_internal.h>  // the current window's flags: is it a popup?

#include "core/errors.hpp"

namespace dj::ui {

Automation& automation() {
    static Automation a;
    return a;
}

void Automation::open(const std::string& path) {
    out_.open(path, std::ios::out | std::ios::trunc);
    if (!out_) throw UserError("无法写入自动化日志文件「" + path + "」");
    in_path_ = path + ".in";
}

std::vector<std::string> Automation::take_commands() {
    std::vector<std::string> out;
    if (!enabled()) return out;
    std::ifstream in(in_path_, std::ios::binary);
    if (!in) return out;
    in.seekg(in_offset_);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t used = 0;
    for (std::size_t nl; (nl = text.find('\n', used)) != std::string::npos; used = nl + 1) out.push_back(text.substr(used, nl - used));
    in_offset_ += static_cast<std::streamoff>(used);  // a line still being written waits for its newline
    return out;
}

void Automation::log(std::string_view kind, std::string_view detail) {
    if (!enabled()) return;
    out_ << kind;
    if (!detail.empty()) out_ << ' ' << detail;
    out_ << '\n';
    out_.flush();
}

void Automation::item(std::string_view id, bool text_field) {
    if (!enabled()) return;
    // A popup's first frame is laid out off-screen at a guessed place (it is hidden until its
    // size is known): a rectangle from then would send a click to the wrong spot.
    if (ImGui::IsWindowAppearing() && (ImGui::GetCurrentWindow()->Flags & ImGuiWindowFlags_Popup)) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    Rect r{static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x), static_cast<int>(b.y)};
    if (r.x1 <= r.x0 || r.y1 <= r.y0) return;  // not laid out yet (a tab bar's first frame)
    auto it = rects_.find(id);
    if (it == rects_.end() || !(it->second == r)) {
        rects_[std::string(id)] = r;
        out_ << "rect " << id << ' ' << r.x0 << ' ' << r.y0 << ' ' << r.x1 << ' ' << r.y1 << '\n';
        out_.flush();
    }
    if (text_field && ImGui::IsItemActive()) {
        focus_seen_ = true;
        if (focus_ != id) {
            focus_ = id;
            log("focus", id);
        }
    }
}

void Automation::end_frame() {
    if (!enabled()) return;
    if (!focus_seen_ && focus_ != "-" && !ImGui::IsAnyItemActive()) {
        focus_ = "-";
        log("focus", "-");
    }
    focus_seen_ = false;
}

}  // namespace dj::ui
