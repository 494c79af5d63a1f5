#pragma once
// Where a plugin's Lua files come from. The same callback serves a folder on disk and a
// script stored in the database, so require() and the loader never touch paths.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dj::lua {

// relpath is plugin-relative with '/' separators ("forms/visit.lua"). nullopt: no such
// file. May throw dj::UserError (unreadable, too large).
using SourceProvider = std::function<std::optional<std::string>(std::string_view relpath)>;

// True for a plain relative path: no "..", no empty or "." segment, no leading '/',
// no backslash, ':' or NUL.
bool is_safe_relpath(std::string_view relpath);

// Files under `root`. Refuses unsafe paths and anything whose real path (symlinks
// resolved) leaves root; files larger than max_bytes are an error.
SourceProvider folder_source(std::filesystem::path root, std::size_t max_bytes = 4u << 20);

// Files held in memory, e.g. a unit's script read from the database.
SourceProvider memory_source(std::map<std::string, std::string, std::less<>> files);

}  // namespace dj::lua
