#include "lua/lua_module.hpp"

#include <cstring>
#include <exception>

#include "lua/lua_runtime.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

namespace {

enum class Failure { none, error, forbidden };

int dispatch(lua_State* L) {
    const lua_CFunction fn = lua_tocfunction(L, lua_upvalueindex(2));
    // One time mechanism for Lua and host alike: a host callback is part of the call,
    // its time counts against the deadline, and once the call is doomed every callback
    // raises again (a plugin that catches the stop with pcall gets nothing more done).
    charge(L, 1);
    char message[1024];
    Failure failure = Failure::none;
    int results = 0;
    // Only trivially destructible objects live in this frame: fn may longjmp through it.
    try {
        results = fn(L);
    } catch (const Forbidden& e) {
        copy_text(message, sizeof message, e.what(), std::strlen(e.what()));
        failure = Failure::forbidden;
    } catch (const std::exception& e) {
        const bool user = dynamic_cast<const dj::UserError*>(&e) != nullptr;
        const char* prefix = user ? "" : "宿主内部错误：";
        const std::size_t plen = std::strlen(prefix);
        std::memcpy(message, prefix, plen);
        copy_text(message + plen, sizeof message - plen, e.what(), std::strlen(e.what()));
        failure = Failure::error;
    } catch (...) {
        std::strcpy(message, "宿主内部错误");
        failure = Failure::error;
    }
    if (failure == Failure::forbidden) forbid(L, message);
    // A nested call that was stopped (or host work past the deadline) dooms this call
    // too: raise the doom itself, not a catchable copy of its text.
    charge(L, 0);
    if (failure == Failure::error) {
        luaL_where(L, 1);
        lua_pushstring(L, message);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return results;
}

}  // namespace

void register_module(lua_State* L, const char* name, const luaL_Reg* funcs, void* context) {
    luaL_checkstack(L, 4, "register_module");
    if (name != nullptr)
        lua_newtable(L);
    else
        lua_pushglobaltable(L);
    for (const luaL_Reg* r = funcs; r->name != nullptr; ++r) {
        lua_pushlightuserdata(L, context);
        lua_pushcfunction(L, r->func);
        lua_pushcclosure(L, dispatch, 2);
        lua_setfield(L, -2, r->name);
    }
    if (name != nullptr)
        lua_setglobal(L, name);
    else
        lua_pop(L, 1);
}

void* module_context(lua_State* L) { return lua_touserdata(L, lua_upvalueindex(1)); }

void wrap_field(lua_State* L, int table, const char* name, lua_CFunction guard) {
    table = lua_absindex(L, table);
    lua_getfield(L, table, name);
    lua_pushcclosure(L, guard, 1);
    lua_setfield(L, table, name);
}

int call_original(lua_State* L) {
    // The standard functions wrapped here use no upvalues of their own, so running
    // them on the guard's frame is the same as calling them directly.
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

}  // namespace dj::lua
