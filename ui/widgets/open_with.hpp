#pragma once
// 打开文件 / 打开所在文件夹 after an export: hands the path to the desktop (xdg-open), without
// waiting for it. Without xdg-open (a bare server, a minimal desktop) says so in Chinese.
#include <string>

namespace dj::ui {

// Empty when the desktop was asked to open `path`; otherwise why it could not be.
std::string open_with_desktop(const std::string& path);

// The 打开文件 and 打开所在文件夹 buttons under a file just written (automation ids ID.open_file and
// ID.open_folder). When the desktop cannot open it, `message` says why and `failed` is set.
void draw_open_buttons(const std::string& path, const std::string& id, std::string& message, bool& failed);

}  // namespace dj::ui
