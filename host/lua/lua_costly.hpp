#pragma once
// Standard C functions whose loops the count hook cannot see are wrapped so they charge
// their work to the budget first (table moves, unpack, sort, byte ranges, utf8 scans),
// and string.rep of an empty string no longer loops n times doing nothing.
#include <lua.hpp>

namespace dj::lua {

// Expects the global tables string, table and utf8 to exist.
void install_charged_functions(lua_State* L);

}  // namespace dj::lua
