#include "widgets.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <imgui_stdlib.h>

#include "automation.hpp"
#include "core/local_time.hpp"
#include "strings.hpp"

namespace dj::ui {

GlyphAtlas& glyph_atlas() {
    static GlyphAtlas atlas;
    return atlas;
}

const char* label(const char* text) {
    const char* hash = std::strstr(text, "##");
    glyph_atlas().check(hash ? std::string_view(text, static_cast<std::size_t>(hash - text)) : std::string_view(text));
    return text;
}

void text(std::string_view s) {
    glyph_atlas().check(s);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
}

void text_colored(const ImVec4& color, std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text(s);
    ImGui::PopStyleColor();
}

void text_muted(std::string_view s) { text_colored(colors::kMuted, s); }

void text_wrapped(std::string_view s) {
    ImGui::PushTextWrapPos(0.0f);
    text(s);
    ImGui::PopTextWrapPos();
}

void text_error(std::string_view s) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
    text_wrapped(s);
    ImGui::PopStyleColor();
}

std::string vformat(const char* fmt, va_list args) {
    char buf[1024];
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(buf, sizeof buf, fmt, args);
    std::string out;
    if (n < 0) {
        out = fmt;
    } else if (static_cast<std::size_t>(n) < sizeof buf) {
        out.assign(buf, static_cast<std::size_t>(n));
    } else {
        out.resize(static_cast<std::size_t>(n) + 1);
        std::vsnprintf(out.data(), out.size(), fmt, copy);
        out.resize(static_cast<std::size_t>(n));
    }
    va_end(copy);
    return out;
}

std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string s = vformat(fmt, args);
    va_end(args);
    return s;
}

void textf(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string s = vformat(fmt, args);
    va_end(args);
    text(s);
}

void text_bold(std::string_view s) {
    // One font only. Drawing the text twice a pixel apart smeared the strokes of 汉字 at
    // normal sizes; emphasis is by colour instead.
    text_colored(colors::kAccent, s);
}

void heading(std::string_view s) {
    text_colored(colors::kAccent, s);
}

void tooltip(std::string_view s) {
    if (!ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    text(s);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void separator_text(std::string_view s) {
    ImGui::Spacing();
    heading(s);
    ImGui::Separator();
}

bool button(const char* t, const ImVec2& size) { return ImGui::Button(label(t), size); }
bool small_button(const char* t) { return ImGui::SmallButton(label(t)); }

bool selectable(const char* t, bool selected, ImGuiSelectableFlags flags, const ImVec2& size) {
    return ImGui::Selectable(label(t), selected, flags, size);
}

bool menu_item(const char* t, const char* shortcut, bool selected, bool enabled) {
    if (shortcut) glyph_atlas().check(shortcut);
    return ImGui::MenuItem(label(t), shortcut, selected, enabled);
}

bool checkbox(const char* t, bool* value) { return ImGui::Checkbox(label(t), value); }
bool radio(const char* t, bool active) { return ImGui::RadioButton(label(t), active); }

bool input(const char* t, std::string& value, const char* hint, ImGuiInputTextFlags flags, const char* auto_id) {
    bool changed = hint ? ImGui::InputTextWithHint(label(t), label(hint), &value, flags)
                        : ImGui::InputText(label(t), &value, flags);
    if (auto_id) {
        auto_item(auto_id, true);
        if (changed) auto_log("edit", std::string(auto_id) + " " + value);
    }
    // What the field shows must be in the atlas too (typed characters are registered before
    // the frame; pasted or loaded text is caught here).
    glyph_atlas().check(value);
    return changed;
}

bool input_multiline(const char* t, std::string& value, const ImVec2& size, ImGuiInputTextFlags flags) {
    bool changed = ImGui::InputTextMultiline(label(t), &value, size, flags);
    glyph_atlas().check(value);
    return changed;
}

bool combo(const char* t, std::string& value, const char* const* options, int count, const char* auto_id) {
    glyph_atlas().check(value);
    bool changed = false;
    if (ImGui::BeginCombo(label(t), value.c_str())) {
        for (int i = 0; i < count; ++i) {
            bool sel = value == options[i];
            if (selectable(options[i], sel)) {
                changed = value != options[i];
                value = options[i];
            }
            if (sel) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    if (auto_id) auto_item(auto_id);
    return changed;
}

void table_headers() {
    ImGuiIO& io = ImGui::GetIO();
    bool released = io.MouseReleased[1];
    io.MouseReleased[1] = false;  // the header's context menu would be in English
    int columns = ImGui::TableGetColumnCount();
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < columns; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::PushID(c);
        ImGui::TableHeader(label(name));
        ImGui::PopID();
    }
    io.MouseReleased[1] = released;
}

void cell(std::string_view s) {
    ImGui::TableNextColumn();
    text(s);
}

void cellf(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::string s = vformat(fmt, args);
    va_end(args);
    cell(s);
}

void spinner(float radius) {
    if (radius <= 0) radius = ImGui::GetFontSize() * 0.4f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float size = radius * 2.0f + 2.0f;
    ImGui::Dummy(ImVec2(size, ImGui::GetFontSize()));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 c(pos.x + radius + 1.0f, pos.y + ImGui::GetFontSize() * 0.5f);
    float t = static_cast<float>(ImGui::GetTime());
    const int segments = 24;
    float start = t * 6.0f;
    dl->PathClear();
    for (int i = 0; i <= segments; ++i) {
        float a = start + (static_cast<float>(i) / segments) * 4.2f;
        dl->PathLineTo(ImVec2(c.x + std::cos(a) * radius, c.y + std::sin(a) * radius));
    }
    dl->PathStroke(ImGui::GetColorU32(colors::kAccent), 0, radius * 0.35f);
}

void kv_row(std::string_view key, std::string_view value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_muted(key);
    ImGui::TableNextColumn();
    text_wrapped(value);
}

std::string home_dir() {
    const char* h = std::getenv("HOME");
    return h && *h ? std::string(h) : std::string(".");
}

std::string expand_home(const std::string& path) {
    if (path == "~" || path.rfind("~/", 0) == 0) return home_dir() + path.substr(1);
    return path;
}

bool matches_filter(std::string_view text, std::string_view filter) {
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    const std::string hay = lower(text);
    std::string f = lower(filter);
    std::size_t at = 0;
    while (at < f.size()) {
        std::size_t end = f.find(' ', at);
        if (end == std::string::npos) end = f.size();
        if (end > at && hay.find(f.substr(at, end - at)) == std::string::npos) return false;
        at = end + 1;
    }
    return true;
}

namespace {
bool g_show_frame_time = false;
}  // namespace
bool show_frame_time() { return g_show_frame_time; }
void set_show_frame_time(bool on) { g_show_frame_time = on; }

// The CLI prints the same text (core/local_time).
std::string local_time(const std::string& utc_iso) { return local_minute(utc_iso); }

std::string date_text(const std::optional<Date>& d, const char* empty) {
    if (d) return d->iso();
    return empty ? std::string(empty) : std::string(ZH("—"));
}

}  // namespace dj::ui

namespace dj::ui {

namespace {
int g_theme = 0;
float g_style_scale = 1.0f;
}  // namespace

int current_theme() { return g_theme; }

void set_theme(int theme) {
    g_theme = theme;
    apply_style(g_style_scale);
}

void apply_style(float content_scale) {
    g_style_scale = content_scale;
    ImGuiStyle style;
    if (g_theme == 1)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.WindowBorderSize = 1.0f;
    style.FrameBorderSize = g_theme == 0 ? 1.0f : 0.0f;  // fields stand out on a light background
    style.FramePadding = ImVec2(6, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(6, 3);
    ImVec4* c = style.Colors;
    const ImVec4 red = colors::kAccent;
    if (g_theme == 0) {
        c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
        c[ImGuiCol_TitleBgActive] = ImVec4(red.x, red.y, red.z, 0.90f);
        c[ImGuiCol_TitleBg] = ImVec4(red.x, red.y, red.z, 0.75f);
        c[ImGuiCol_Text] = ImVec4(0.10f, 0.10f, 0.12f, 1.0f);
    } else {
        c[ImGuiCol_TitleBgActive] = ImVec4(0.55f, 0.05f, 0.08f, 1.0f);
        c[ImGuiCol_TitleBg] = ImVec4(0.40f, 0.04f, 0.06f, 1.0f);
    }
    c[ImGuiCol_Header] = ImVec4(red.x, red.y, red.z, 0.18f);
    c[ImGuiCol_HeaderHovered] = ImVec4(red.x, red.y, red.z, 0.30f);
    c[ImGuiCol_HeaderActive] = ImVec4(red.x, red.y, red.z, 0.45f);
    c[ImGuiCol_Button] = ImVec4(red.x, red.y, red.z, 0.12f);
    c[ImGuiCol_ButtonHovered] = ImVec4(red.x, red.y, red.z, 0.30f);
    c[ImGuiCol_ButtonActive] = ImVec4(red.x, red.y, red.z, 0.50f);
    c[ImGuiCol_CheckMark] = red;
    c[ImGuiCol_SliderGrab] = ImVec4(red.x, red.y, red.z, 0.70f);
    c[ImGuiCol_SliderGrabActive] = red;
    style.ScaleAllSizes(content_scale);
    ImGui::GetStyle() = style;
}

}  // namespace dj::ui

namespace dj::ui {

void form_label(const char* text_label, bool required, float field_x, float field_w) {
    ImGui::AlignTextToFramePadding();
    text(text_label);
    if (required) {
        ImGui::SameLine(0, 2);
        text_colored(colors::kError, "*");
    }
    ImGui::SameLine(field_x);
    ImGui::SetNextItemWidth(field_w);
}

}  // namespace dj::ui