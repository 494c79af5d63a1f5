#pragma once
// 打开文件 / 打开所在文件夹 after an export: hands the path to the desktop (xdg-open), without
// waiting for it. Without xdg-open (a bare server, a minimal desktop) says so in Chinese.
#include <string>

namespace dj::ui {

// Empty when the desktop was asked to open `path`; otherwise why it could not be.
std::string open_with_desktop(const std::string& path);

}  // namespace dj::ui
