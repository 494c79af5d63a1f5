#pragma once
// string.find / match / gmatch / gsub with Lua 5.4 semantics, re-implemented so every
// step of the backtracking matcher is charged to the call's instruction budget. The
// stock matcher is a C loop the count hook cannot interrupt, so a pattern such as
// ("a"):rep(40000):find(".-.-.-.-.-b") would otherwise run for hours.
#include <lua.hpp>

namespace dj::lua {

// Replaces the four functions in the string table at `string_table`.
void install_pattern_functions(lua_State* L, int string_table);

}  // namespace dj::lua
