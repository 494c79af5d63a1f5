#include "lua/lua_stdlib.hpp"

#include <cstring>
#include <string>

#include "lua/lua_costly.hpp"
#include "lua/lua_module.hpp"
#include "lua/lua_pattern.hpp"
#include "lua/lua_require.hpp"
#include "lua/lua_runtime.hpp"
#include "lua/sandbox.hpp"

namespace dj::lua {

namespace {

constexpr std::size_t kMaxPrintLine = 2000;

// Names a plugin might reach for and what to tell it instead of a bare nil.
struct Trap {
    const char* name;
    const char* message;
};

constexpr Trap kGlobalTraps[] = {
    {"io", "沙箱中没有 io 库：插件不能读写文件"},
    {"package", "沙箱中没有 package 库：请用 require 加载本插件自己的模块"},
    {"debug", "沙箱中没有 debug 库"},
    {"dofile", "沙箱不允许 dofile：请用 require 加载本插件自己的模块"},
    {"loadfile", "沙箱不允许 loadfile：请用 require 加载本插件自己的模块"},
    {nullptr, nullptr},
};

constexpr Trap kOsTraps[] = {
    {"exit", "沙箱不允许 os.exit（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"execute", "沙箱不允许 os.execute（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"remove", "沙箱不允许 os.remove（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"rename", "沙箱不允许 os.rename（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"getenv", "沙箱不允许 os.getenv（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"tmpname", "沙箱不允许 os.tmpname（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {"setlocale", "沙箱不允许 os.setlocale（插件只能用 os.time、os.date、os.clock、os.difftime）"},
    {nullptr, nullptr},
};

constexpr Trap kStringTraps[] = {
    {"dump", "沙箱不允许 string.dump（不接受二进制代码块）"},
    {nullptr, nullptr},
};

// __index of a guarded table: a trapped name dooms the call, anything else is nil.
int trap_index(lua_State* L) {
    const auto* traps = static_cast<const Trap*>(lua_touserdata(L, lua_upvalueindex(1)));
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char* key = lua_tostring(L, 2);
        for (const Trap* t = traps; t->name != nullptr; ++t)
            if (std::strcmp(key, t->name) == 0) forbid(L, t->message);
    }
    return 0;
}

// Gives the table at `idx` a protected metatable whose __index springs `traps`.
void set_traps(lua_State* L, int idx, const Trap* traps) {
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 2);
    lua_pushlightuserdata(L, const_cast<Trap*>(traps));
    lua_pushcclosure(L, trap_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, idx);
}

int sandbox_print(lua_State* L) {
    auto* services = static_cast<SandboxServices*>(lua_touserdata(L, lua_upvalueindex(1)));
    char line[kMaxPrintLine + 4];
    std::size_t used = 0;
    const int n = lua_gettop(L);
    for (int i = 1; i <= n; ++i) {
        std::size_t len = 0;
        const char* s = luaL_tolstring(L, i, &len);  // __tostring runs under the budget
        if (i > 1 && used < kMaxPrintLine) line[used++] = '\t';
        const std::size_t room = kMaxPrintLine - used;
        if (room > 0) {
            copy_text(line + used, room + 1, s, len < room ? len : room);
            used += std::strlen(line + used);
        }
        lua_pop(L, 1);
    }
    line[used] = '\0';
    services->log_line(std::string_view(line, used));
    return 0;
}

int guarded_load(lua_State* L) {
    if (lua_type(L, 1) == LUA_TFUNCTION) {
        // Read the pieces now (the reader is plugin code, counted as usual) so the text
        // passes the same size and goto checks as a string would.
        const std::size_t cap = runtime_of(L).limits.source_bytes;
        luaL_Buffer b;
        std::size_t total = 0;
        lua_settop(L, 4);
        luaL_buffinit(L, &b);
        for (;;) {
            lua_pushvalue(L, 1);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                break;
            }
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "reader function must return a string");
            const std::size_t n = lua_rawlen(L, -1);
            if (n == 0) {
                lua_pop(L, 1);
                break;
            }
            total += n;
            if (total > cap) return luaL_error(L, "源代码过大（上限 %d KB）", static_cast<int>(cap / 1024));
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        lua_replace(L, 1);
        if (lua_rawlen(L, 1) > 0 && lua_tostring(L, 1)[0] == LUA_SIGNATURE[0]) {
            luaL_pushfail(L);  // what stock load says of a binary chunk in mode "t"
            lua_pushliteral(L, "attempt to load a binary chunk (mode is 't')");
            return 2;
        }
    }
    if (lua_type(L, 1) == LUA_TSTRING) {
        std::size_t n0 = 0;
        const char* s0 = lua_tolstring(L, 1, &n0);
        char problem[256] = "";
        {  // no C++ object may outlive this block: the pushes below may longjmp
            const std::string text = source_problem(std::string_view(s0, n0), runtime_of(L).limits);
            copy_text(problem, sizeof problem, text.data(), text.size());
        }
        if (problem[0] != '\0') {
            luaL_pushfail(L);
            lua_pushstring(L, problem);
            return 2;  // as load reports any other compile error
        }
    }
    if (lua_type(L, 1) == LUA_TSTRING) {
        std::size_t n = 0;
        const char* s = lua_tolstring(L, 1, &n);
        if (n > 0 && s[0] == LUA_SIGNATURE[0])
            forbid(L, "拒绝加载二进制代码块（只接受 Lua 源代码）");
    }
    if (!lua_isnoneornil(L, 3)) {
        const char* mode = luaL_checkstring(L, 3);
        if (std::strchr(mode, 'b') != nullptr)
            forbid(L, "沙箱只接受文本代码块：load 的 mode 不能含 \"b\"");
    }
    // Force mode "t" without touching argument 4: an absent env means the plugin's
    // globals, an explicit nil means none, exactly as in stock load.
    if (lua_gettop(L) < 3) lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    return call_original(L);
}

int guarded_collectgarbage(lua_State* L) {
    const char* opt = luaL_optstring(L, 1, "collect");
    if (std::strcmp(opt, "count") != 0) forbid(L, "沙箱只允许 collectgarbage(\"count\")");
    const int kb = lua_gc(L, LUA_GCCOUNT);
    const int rest = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, static_cast<lua_Number>(kb) + static_cast<lua_Number>(rest) / 1024.0);
    return 1;
}

// Why: an error raised by the budget hook calls the plugin's message handler while
// Lua still has hooks switched off (we are inside the hook), so a looping handler could
// never be stopped. Once the call is doomed the handler is skipped.
int guarded_handler(lua_State* L) {
    if (runtime_of(L).doom.active) return 1;  // keep the error object as it is
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

int guarded_xpcall(lua_State* L) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    return call_original(L);  // stock xpcall, continuation included
}

// Finalizers run with hooks off, so a loop in one could never be stopped.
int guarded_setmetatable(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        const bool has_gc = lua_rawget(L, 2) != LUA_TNIL;
        lua_pop(L, 1);
        if (has_gc) forbid(L, "沙箱不允许 __gc 元方法（终结器不受预算约束）");
    }
    return call_original(L);
}

void open_base(lua_State* L, SandboxServices* services) {
    luaL_requiref(L, "_G", luaopen_base, 1);
    const int g = lua_gettop(L);
    for (const char* name : {"dofile", "loadfile", "warn"}) {
        lua_pushnil(L);
        lua_setfield(L, g, name);
    }
    wrap_field(L, g, "load", guarded_load);
    wrap_field(L, g, "setmetatable", guarded_setmetatable);
    wrap_field(L, g, "xpcall", guarded_xpcall);
    lua_pushcfunction(L, guarded_collectgarbage);
    lua_setfield(L, g, "collectgarbage");
    lua_pushlightuserdata(L, services);
    lua_pushcclosure(L, sandbox_print, 1);
    lua_setfield(L, g, "print");
    lua_pop(L, 1);
}

void open_os(lua_State* L) {
    luaL_requiref(L, "os", luaopen_os, 0);  // the full library, kept out of reach
    lua_createtable(L, 0, 4);
    for (const char* name : {"time", "date", "clock", "difftime"}) {
        lua_getfield(L, -2, name);
        lua_setfield(L, -2, name);
    }
    set_traps(L, -1, kOsTraps);
    lua_pushvalue(L, -1);
    lua_setglobal(L, "os");
    // Error messages name functions through the loaded table: make it the safe one.
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "os");
    lua_pop(L, 3);
}

void open_string(lua_State* L) {
    luaL_requiref(L, "string", luaopen_string, 1);
    const int s = lua_gettop(L);
    lua_pushnil(L);
    lua_setfield(L, s, "dump");
    install_pattern_functions(L, s);
    set_traps(L, s, kStringTraps);
    // getmetatable("") must not hand out the table behind every string's methods.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
}

}  // namespace

void open_sandbox_libraries(lua_State* L, SandboxServices* services) {
    open_base(L, services);
    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 4);
    open_string(L);
    open_os(L);
    install_charged_functions(L);
    install_require(L, services);
    lua_pushglobaltable(L);
    set_traps(L, -1, kGlobalTraps);
    lua_pop(L, 1);
}

}  // namespace dj::lua
