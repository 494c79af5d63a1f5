#pragma once
// Where a person's files go: the XDG user folders (文档, 桌面) as the desktop names them, and
// file names made from Chinese titles that any file system accepts, never overwriting an
// earlier export by accident.
#include <optional>
#include <string>
#include <vector>

namespace dj {

// $HOME (or the password database's home), without a trailing slash.
std::string user_home();

// An XDG user folder from ~/.config/user-dirs.dirs (XDG_DOCUMENTS_DIR, XDG_DESKTOP_DIR …),
// when it names a folder that exists; nullopt otherwise.
std::optional<std::string> xdg_user_dir(const std::string& key);

// 文档: the XDG documents folder, else ~/文档, ~/Documents, else the home folder itself.
std::string documents_dir();
// 桌面: the XDG desktop folder, else ~/桌面 or ~/Desktop; nullopt when there is none.
std::optional<std::string> desktop_dir();

// A file name from parts joined by "-" (三会一课记录-县委办公室-2020年12月.xlsx): characters no
// file system or Windows share accepts (/ \ : * ? " < > | and control characters) become
// "_", leading dots and spaces go, and the name is cut (at a character) to fit 200 bytes.
std::string safe_file_name(const std::vector<std::string>& parts, const std::string& extension);

// `dir/name`, or `dir/stem(2).ext`, `(3)` … when that file already exists.
std::string unique_path(const std::string& dir, const std::string& name);

}  // namespace dj
