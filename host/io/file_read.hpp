#pragma once
// Reading a file a user names (form data, an attachment, a roster, a script): only a regular
// file, its size checked before a byte is read. `{"file": "/dev/zero"}` once grew to 2.1 GB
// before failing; a FIFO would block forever, a directory reads as nothing.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace dj::io {

// The whole file; UserError (naming the file and the limit) when it is missing, unreadable,
// not a regular file, or larger than `max_bytes`.
std::string read_regular_file(const std::filesystem::path& path, std::size_t max_bytes);

// "50 MB", "1 MB", "300 KB", "12 字节": a limit as a message states it.
std::string size_label(std::size_t bytes);

}  // namespace dj::io
