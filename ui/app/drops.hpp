#pragma once
// Files dropped on the window (GLFW's drop callback, or the automation log's `drop PATH`
// command in tests): held until a place that expects a file this frame takes them — an
// open file dialog, the import windows, an attachment field. What no one takes by the end
// of the frame is reported once, so a drop never vanishes silently.
#include <optional>
#include <string>
#include <vector>

namespace dj::ui {

void push_dropped(const std::vector<std::string>& paths);
// The first file waiting, taken by the caller.
std::optional<std::string> take_dropped();
bool has_dropped();
// At the end of a frame: what was dropped and not taken (and forgets it).
std::vector<std::string> unclaimed_drops();

}  // namespace dj::ui
