#pragma once
// Text and input helpers. Every string the GUI draws goes through one of these (or through
// label() for an ImGui widget's own label), so the glyph checker sees it (glyphs.hpp).
#include <cstdarg>
#include <string>
#include <string_view>

#include <imgui.h>

#include "glyphs.hpp"
#include "model/date.hpp"

namespace dj::ui {

GlyphAtlas& glyph_atlas();

// Colours shared by all views.
namespace colors {
inline const ImVec4 kError{0.80f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kWarn{0.78f, 0.45f, 0.00f, 1.0f};
inline const ImVec4 kOk{0.10f, 0.55f, 0.20f, 1.0f};
inline const ImVec4 kMuted{0.45f, 0.45f, 0.48f, 1.0f};
inline const ImVec4 kAccent{0.78f, 0.06f, 0.12f, 1.0f};  // 党徽红
}  // namespace colors

// A widget label as ImGui takes it ("可见文字##id" / "可见文字###id"): checks the visible part.
const char* label(const char* text);

void text(std::string_view s);
void text_colored(const ImVec4& color, std::string_view s);
void text_muted(std::string_view s);
void text_wrapped(std::string_view s);
void text_error(std::string_view s);  // red, wrapped
void textf(const char* fmt, ...) IM_FMTARGS(1);
std::string format(const char* fmt, ...) IM_FMTARGS(1);
std::string vformat(const char* fmt, va_list args);
void text_bold(std::string_view s);   // emphasis (one font only: by colour, not a fake bold)
void heading(std::string_view s);     // a section title in the accent colour
void tooltip(std::string_view s);     // when the last item is hovered
void separator_text(std::string_view s);

bool button(const char* text, const ImVec2& size = ImVec2(0, 0));
bool small_button(const char* text);
bool selectable(const char* text, bool selected, ImGuiSelectableFlags flags = 0, const ImVec2& size = ImVec2(0, 0));
bool menu_item(const char* text, const char* shortcut = nullptr, bool selected = false, bool enabled = true);
bool checkbox(const char* text, bool* value);
bool radio(const char* text, bool active);
// A text field bound to a std::string. `auto_id`, if given, names it for the automation log.
bool input(const char* text, std::string& value, const char* hint = nullptr, ImGuiInputTextFlags flags = 0,
           const char* auto_id = nullptr);
bool input_multiline(const char* text, std::string& value, const ImVec2& size, ImGuiInputTextFlags flags = 0);
// Type-to-filter: every space-separated word of `filter` occurs in `text` (ASCII letters
// without regard to case). An empty filter matches everything.
bool matches_filter(std::string_view text, std::string_view filter);
// A combo box over string options; returns true when the choice changed.
bool combo(const char* text, std::string& value, const char* const* options, int count, const char* auto_id = nullptr);

// The table's header row, without ImGui's English right-click menu.
void table_headers();
// One cell of a table row.
void cell(std::string_view s);
void cellf(const char* fmt, ...) IM_FMTARGS(1);

// An animated busy indicator (drawn, not text).
void spinner(float radius = 0);
// A label/value row in a two-column key-value table.
void kv_row(std::string_view key, std::string_view value);

// The user's home folder ($HOME, else "."), and "~/x" expanded against it: export paths.
std::string home_dir();
std::string expand_home(const std::string& path);

// A stored UTC time (2020-12-20T08:15:30.123Z) as the user's local time to the minute
// (2020-12-20 16:15); text that is not such a time comes back unchanged.
std::string local_time(const std::string& utc_iso);

// ISO date, or `empty` (default "—") when unset. `empty` must be a ZH(…) literal.
std::string date_text(const std::optional<Date>& d, const char* empty = nullptr);

}  // namespace dj::ui

namespace dj::ui {
// Colours and sizes: 0 light, 1 dark; sizes scaled by the monitor's content scale.
int current_theme();
void set_theme(int theme);
// 设置 › 调试: the status bar's frame time (a developer's measure, off for users).
bool show_frame_time();
void set_show_frame_time(bool on);
void apply_style(float content_scale);
}  // namespace dj::ui

namespace dj::ui {
// A form row's label at the left (a red * when required); the next widget follows on the
// same line at `field_x` with width `field_w`.
void form_label(const char* text, bool required, float field_x, float field_w);
}  // namespace dj::ui
