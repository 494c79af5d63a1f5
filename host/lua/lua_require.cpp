#include "lua/lua_require.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <string>

#include "lua/host_library.hpp"
#include "lua/lua_call.hpp"
#include "lua/lua_module.hpp"
#include "lua/lua_runtime.hpp"

namespace dj::lua {

namespace {

constexpr const char* kCacheKey = "dj.modules";
int loading_sentinel;  // its address marks a module whose chunk is still running

enum class NameCheck { ok, traversal, invalid };

NameCheck check_name(const char* name, std::size_t len) {
    if (len == 0 || len > 200) return NameCheck::invalid;
    if (name[0] == '/' || std::strstr(name, "..") != nullptr ||
        std::strpbrk(name, "\\:~") != nullptr || std::memchr(name, '\0', len) != nullptr)
        return NameCheck::traversal;
    bool segment_start = true;
    for (std::size_t i = 0; i < len; ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (c == '.') {
            if (segment_start) return NameCheck::invalid;
            segment_start = true;
            continue;
        }
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!alpha && !(digit && !segment_start)) return NameCheck::invalid;
        segment_start = false;
    }
    return segment_start ? NameCheck::invalid : NameCheck::ok;
}

enum class Loaded { ok, missing, failed, binary, compile_error };

// Reads and compiles the module file. C++ objects live only inside this function and it
// calls no Lua API that can raise, so nothing is skipped by a longjmp.
Loaded load_module(lua_State* L, SandboxServices* services, const char* relpath,
                   char* error, std::size_t error_cap) {
    std::optional<std::string> source;
    try {
        source = services->read_source(relpath);
    } catch (const std::exception& e) {
        copy_text(error, error_cap, e.what(), std::strlen(e.what()));
        return Loaded::failed;
    }
    if (!source) return Loaded::missing;
    if (!source->empty() && (*source)[0] == LUA_SIGNATURE[0]) return Loaded::binary;
    char chunkname[300];
    std::snprintf(chunkname, sizeof chunkname, "@%s", relpath);
    const int status = luaL_loadbufferx(L, source->data(), source->size(), chunkname, "t");
    return status == LUA_OK ? Loaded::ok : Loaded::compile_error;
}

int sandbox_require(lua_State* L) {
    auto* services = static_cast<SandboxServices*>(lua_touserdata(L, lua_upvalueindex(1)));
    std::size_t len = 0;
    const char* name = luaL_checklstring(L, 1, &len);
    lua_settop(L, 1);
    const NameCheck check = check_name(name, len);
    if (check == NameCheck::traversal)
        forbid(L, "require 只能加载本插件自己的模块，拒绝路径、\"..\" 和绝对路径");
    if (check == NameCheck::invalid)
        return luaL_error(L, "模块名 \"%s\" 不合法：应形如 \"forms.visit\"", name);

    lua_getfield(L, LUA_REGISTRYINDEX, kCacheKey);  // 2: cache
    if (lua_getfield(L, 2, name) != LUA_TNIL) {
        if (lua_touserdata(L, -1) == &loading_sentinel)
            return luaL_error(L, "模块 %s 循环 require（它正在加载中）", name);
        return 1;
    }
    lua_pop(L, 1);

    char relpath[256];
    std::size_t n = 0;
    for (; n < len; ++n) relpath[n] = name[n] == '.' ? '/' : name[n];
    std::memcpy(relpath + n, ".lua", 5);

    char error[512] = "";
    switch (load_module(L, services, relpath, error, sizeof error)) {
    case Loaded::ok: break;
    case Loaded::missing: return luaL_error(L, "找不到模块 %s（%s）", name, relpath);
    case Loaded::failed: return luaL_error(L, "读取模块 %s 失败：%s", name, error);
    case Loaded::binary: forbid(L, "拒绝加载二进制代码块（只接受 Lua 源代码）");
    case Loaded::compile_error: {
        // Remember the text so the host reports this error as a syntax error.
        Runtime& rt = runtime_of(L);
        std::size_t mlen = 0;
        const char* msg = lua_tolstring(L, -1, &mlen);
        if (msg != nullptr) copy_text(rt.syntax_message, sizeof rt.syntax_message, msg, mlen);
        return lua_error(L);
    }
    }
    // 3: chunk. Mark as loading, run it with the module name, cache the result.
    lua_pushlightuserdata(L, &loading_sentinel);
    lua_setfield(L, 2, name);
    lua_pushcfunction(L, verify_error_location);  // 3: handler, 4: chunk
    lua_insert(L, 3);
    lua_pushvalue(L, 1);
    const int status = lua_pcall(L, 1, 1, 3);
    lua_remove(L, 3);
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_setfield(L, 2, name);  // a failed module may be required again
        return lua_error(L);
    }
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    if (is_host_library_path(relpath)) make_read_only(L, name);  // shared: nobody may change it
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

}  // namespace

void install_require(lua_State* L, SandboxServices* services) {
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kCacheKey);
    lua_pushlightuserdata(L, services);
    lua_pushcclosure(L, sandbox_require, 1);
    lua_setglobal(L, "require");
}

}  // namespace dj::lua
