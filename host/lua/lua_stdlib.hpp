#pragma once
// The sandbox's standard library: an allow list opened library by library (never
// luaL_openlibs), with the dangerous corners removed or guarded.
#include <optional>
#include <string>
#include <string_view>

#include <lua.hpp>

namespace dj::lua {

// What the sandbox's own Lua functions need from the C++ side.
class SandboxServices {
public:
    virtual void log_line(std::string_view line) noexcept = 0;  // print()
    // require(): plugin-relative file, nullopt if absent; may throw dj::UserError.
    virtual std::optional<std::string> read_source(std::string_view relpath) = 0;

protected:
    ~SandboxServices() = default;
};

// Opens base (without dofile/loadfile/warn; load text-only; collectgarbage "count"
// only; print to the services' log; setmetatable refusing __gc), coroutine, table,
// string (without dump; budgeted patterns; string metatable protected), math, utf8,
// os (time, date, clock, difftime only) and require. Runs in protected mode.
void open_sandbox_libraries(lua_State* L, SandboxServices* services);

}  // namespace dj::lua
