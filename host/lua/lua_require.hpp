#pragma once
// require(name) for plugins: only the plugin's own files, through the source provider.
// "forms.visit" loads "forms/visit.lua" once and caches what it returns.
#include <lua.hpp>

#include "lua/lua_stdlib.hpp"

namespace dj::lua {

// Sets the global `require`. Runs in protected mode.
void install_require(lua_State* L, SandboxServices* services);

}  // namespace dj::lua
