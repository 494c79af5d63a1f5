#pragma once
// Test hook (--automation-log FILE): the GUI writes, one line each, what a test driving the
// real window with synthetic input (xdotool) needs to know:
//   window X Y W H            the client area on the X screen
//   rect ID X0 Y0 X1 Y1       where a named widget is (window coordinates), when it changes
//   focus ID | focus -        which text field has keyboard focus
//   edit ID TEXT              a named text field's content after each change
//   screen NAME, selected CODE, form_error FIELD MESSAGE, saved member ID, idle, …
// Nothing is written when the hook is off, and it never changes what the GUI does.
//
// Commands in the other direction, for what synthetic input cannot do: lines appended to
// FILE.in are read once each at the start of a frame. `drop PATH` goes the way a file
// dropped on the window goes (GLFW's drop callback), since xdotool cannot drag and drop.
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace dj::ui {

class Automation {
public:
    void open(const std::string& path);
    bool enabled() const { return out_.is_open(); }

    void log(std::string_view kind, std::string_view detail = {});
    // After drawing a widget: records its rectangle; for a text field also whether it holds
    // the keyboard focus.
    void item(std::string_view id, bool text_field = false);
    // At the end of each frame.
    void end_frame();
    // Complete lines appended to FILE.in since the last call.
    std::vector<std::string> take_commands();

private:
    struct Rect {
        int x0, y0, x1, y1;
        bool operator==(const Rect&) const = default;
    };
    std::ofstream out_;
    std::string in_path_;
    std::streamoff in_offset_ = 0;
    std::map<std::string, Rect, std::less<>> rects_;
    std::string focus_ = "-";
    bool focus_seen_ = false;
};

Automation& automation();

// Shorthand used by views: automation().item(id) if the hook is on.
inline void auto_item(std::string_view id, bool text_field = false) {
    if (automation().enabled()) automation().item(id, text_field);
}
inline void auto_log(std::string_view kind, std::string_view detail = {}) {
    if (automation().enabled()) automation().log(kind, detail);
}

}  // namespace dj::ui
