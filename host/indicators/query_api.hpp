#pragma once
// The query object `q` and the `dates` helpers as Lua sees them. The methods are one
// luaL_Reg table (the lite-xl way) kept in the sandbox's registry, shared by every q: a q
// is a plain table of fields whose metatable points at them. The QueryRun a method works
// on is set in the registry only for the duration of a call, so a q kept by the plugin
// and used later finds nothing to ask and says so.
#include <string_view>

#include <nlohmann/json.hpp>

#include "indicators/query_run.hpp"
#include "lua/plugin.hpp"

namespace dj::indicators {

// Installs the methods and `dates` into a plugin's sandbox (once; later calls do nothing).
void install_query_api(lua::Plugin& plugin);

// Calls the function at `field` ("compute", "check", "target") of a registration with a
// fresh q built from `fields` and bound to `run`. Returns its first result as JSON.
// Throws lua::PluginError.
nlohmann::json call_with_query(lua::Plugin& plugin, const lua::Registration& reg, std::string_view field,
                               QueryRun& run, const nlohmann::json& fields);

}  // namespace dj::indicators
