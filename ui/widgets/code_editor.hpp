#pragma once
// A source editor for units' Lua scripts: ImGui's multiline text field (std::string with
// the resize callback of imgui_stdlib) inside a scrolling child, with a line-number gutter
// and one line that can be marked as the error's.
#include <string>

#include <imgui.h>

namespace dj::ui {

struct CodeEditorState {
    int cursor_line = -1;   // 0-based, from the text field's callback
    int shown_line = -1;    // the cursor line last scrolled into view
    int scroll_to = 0;      // 1-based: bring this line into view once (an error's line)
};

// Returns true when the text changed. `error_line` is 1-based (0: none). With `auto_id`
// the field is named in the automation log like other text fields.
bool code_editor(const char* id, std::string& text, const ImVec2& size, int error_line, bool read_only,
                 CodeEditorState& state, const char* auto_id = nullptr);

}  // namespace dj::ui
