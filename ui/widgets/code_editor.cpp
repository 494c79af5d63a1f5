#include "code_editor.hpp"

#include <algorithm>
#include <string_view>

#include <imgui_stdlib.h>

#include "automation.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

int cursor_callback(ImGuiInputTextCallbackData* data) {
    auto* state = static_cast<CodeEditorState*>(data->UserData);
    int line = 0;
    for (int i = 0; i < data->CursorPos && i < data->BufTextLen; ++i)
        if (data->Buf[i] == '\n') ++line;
    state->cursor_line = line;
    return 0;
}

}  // namespace

bool code_editor(const char* id, std::string& text, const ImVec2& size, int error_line, bool read_only,
                 CodeEditorState& state, const char* auto_id) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lh = ImGui::GetFontSize();  // InputTextMultiline lays lines out one font size apart
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    const std::string digits = std::to_string(std::max(lines, 99));
    const float gutter = ImGui::CalcTextSize(digits.c_str()).x + style.FramePadding.x * 3;

    ImGui::PushID(id);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, style.Colors[ImGuiCol_FrameBg]);
    ImGui::BeginChild("##code", size, true, ImGuiWindowFlags_NoMove);
    ImGui::PopStyleColor();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();  // content top-left (scrolled)
    const float scroll = ImGui::GetScrollY();
    const float view_h = ImGui::GetWindowHeight();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 100.0f);

    // Gutter and the error line's band, drawn under the (transparent) text field.
    int first = std::max(0, static_cast<int>((scroll - style.FramePadding.y) / lh) - 1);
    int last = std::min(lines, static_cast<int>((scroll + view_h) / lh) + 1);
    dl->AddRectFilled(ImVec2(origin.x - style.WindowPadding.x, origin.y + scroll - style.WindowPadding.y),
                      ImVec2(origin.x + gutter - style.FramePadding.x, origin.y + scroll + view_h),
                      ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
    for (int i = first; i < last; ++i) {
        float y = origin.y + style.FramePadding.y + static_cast<float>(i) * lh;
        bool bad = i + 1 == error_line;
        if (bad)
            dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + gutter + width, y + lh),
                              ImGui::GetColorU32(ImVec4(colors::kError.x, colors::kError.y, colors::kError.z, 0.18f)));
        std::string n = std::to_string(i + 1);
        float w = ImGui::CalcTextSize(n.c_str()).x;
        dl->AddText(ImVec2(origin.x + gutter - style.FramePadding.x * 2 - w, y),
                    bad ? ImGui::GetColorU32(colors::kError) : ImGui::GetColorU32(ImGuiCol_TextDisabled), n.c_str());
    }

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + gutter);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackAlways;
    if (read_only) flags |= ImGuiInputTextFlags_ReadOnly;
    // Tall enough never to scroll inside: the child scrolls, so the gutter stays in step.
    ImVec2 field(width - gutter, static_cast<float>(lines + 2) * lh + style.FramePadding.y * 2);
    bool changed = ImGui::InputTextMultiline("##text", &text, field, flags, cursor_callback, &state);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    glyph_atlas().check(text);
    if (auto_id) {
        auto_item(auto_id, true);
        if (changed) auto_log("edit", std::string(auto_id) + " " + std::to_string(text.size()) + " bytes");
    }
    // Keep the cursor's line in view as it moves (typing past the bottom, arrow keys).
    if (ImGui::IsItemActive() && state.cursor_line >= 0 && state.cursor_line != state.shown_line) {
        float top = style.FramePadding.y + static_cast<float>(state.cursor_line) * lh;
        float visible = view_h - style.WindowPadding.y * 2;
        if (top < scroll)
            ImGui::SetScrollY(top);
        else if (top + lh * 2 > scroll + visible)
            ImGui::SetScrollY(top + lh * 2 - visible);
        state.shown_line = state.cursor_line;
    }
    if (state.scroll_to > 0) {
        ImGui::SetScrollY(std::max(0.0f, style.FramePadding.y + static_cast<float>(state.scroll_to - 1) * lh - view_h / 3));
        state.scroll_to = 0;
    }
    ImGui::EndChild();
    ImGui::PopID();
    return changed;
}

}  // namespace dj::ui
