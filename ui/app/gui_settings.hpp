#pragma once
// What the desktop app remembers for a person between runs, in
// $XDG_CONFIG_HOME/dangjian/gui.json (~/.config/dangjian/gui.json), per account login:
// the folders files were last opened from or saved to (the file dialog's 最近位置).
#include <string>
#include <vector>

namespace dj::ui {

// The account whose settings are read and written (set once at start).
void gui_settings_user(const std::string& login);
// Most recent first, at most 8, only folders that still exist.
std::vector<std::string> recent_dirs();
// Moves `dir` to the front of the list and saves it; a failure to save is not worth an error.
void remember_dir(const std::string& dir);

}  // namespace dj::ui
