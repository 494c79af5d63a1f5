#pragma once
// Host modules cross into Lua the lite-xl way: one luaL_Reg table per module, each
// function a C closure whose first upvalue is the module's context pointer. Every
// function is called through a dispatcher that turns C++ exceptions into Lua errors
// (they must never unwind through Lua's C frames) and checks the call's budget and
// deadline before and after the function: host time is part of the call.
#include <lua.hpp>

#include "core/errors.hpp"

namespace dj::lua {

// Thrown by a host function to refuse an act on policy grounds: the call is doomed and
// reported as ErrorKind::forbidden, even if the plugin catches the Lua error.
class Forbidden : public dj::UserError {
public:
    using dj::UserError::UserError;
};

// Sets global `name` to a table of `funcs`, or, with name == nullptr, sets each
// function as a global. Runs in protected mode (Sandbox::host / host_protected).
void register_module(lua_State* L, const char* name, const luaL_Reg* funcs, void* context);

// The context pointer given to register_module, inside one of its functions.
void* module_context(lua_State* L);
template <class T>
T& module_context_as(lua_State* L) {
    return *static_cast<T*>(module_context(L));
}

// Wraps field `name` of the table at `table` so that `guard` runs instead, with the
// original C function as its first upvalue (call_original runs it on the same frame).
void wrap_field(lua_State* L, int table, const char* name, lua_CFunction guard);
int call_original(lua_State* L);

}  // namespace dj::lua
