#pragma once
// The host's own Lua library (host/lualib/dj/*.lua): modules every plugin may require as
// "dj.period", "dj.util", … instead of carrying its own copy. They are read as text, run
// inside the requiring plugin's sandbox under its limits, and handed out read-only, so a
// plugin can neither shadow them with its own dj/ files nor change them for its other modules.
#include <filesystem>
#include <string_view>

#include <lua.hpp>

#include "lua/source_provider.hpp"

namespace dj::lua {

// $DANGJIAN_LUALIB, else the source tree's host/lualib.
std::filesystem::path host_library_dir();

// True for a plugin-relative path the host library serves instead of the plugin ("dj/…").
bool is_host_library_path(std::string_view relpath);

// Reads host library files (relative to host_library_dir(), e.g. "dj/util.lua").
const SourceProvider& host_library_source();

// Replaces the table on top of the stack (and the tables inside it) with read-only views:
// reading, pairs() and calling work; assigning raises a Chinese error naming the module.
// Other values are left as they are. Raises only through the Lua API (memory).
void make_read_only(lua_State* L, const char* module_name);

}  // namespace dj::lua
