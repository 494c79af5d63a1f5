#include "lua/host_library.hpp"

#include <cstdlib>

namespace dj::lua {

std::filesystem::path host_library_dir() {
    if (const char* env = std::getenv("DANGJIAN_LUALIB"); env && *env) return env;
    return std::filesystem::path(DJ_SOURCE_DIR) / "host" / "lualib";
}

bool is_host_library_path(std::string_view relpath) { return relpath.starts_with("dj/"); }

const SourceProvider& host_library_source() {
    static const SourceProvider source = folder_source(host_library_dir(), 256u << 10);
    return source;
}

namespace {

// Upvalue 1: the module name, for the message.
int refuse_write(lua_State* L) {
    const char* key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    return luaL_error(L, "宿主库 %s 是只读的，不能修改或添加字段 %s（请在本插件的模块里定义自己的函数）",
                      lua_tostring(L, lua_upvalueindex(1)), key);
}

// pairs(view): iterates the hidden table without ever handing it out. Upvalue 1: the table.
int view_next(lua_State* L) {
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 2);
    if (lua_next(L, -2) != 0) return 2;
    lua_pushnil(L);
    return 1;
}

int view_pairs(lua_State* L) {
    lua_getmetatable(L, 1);  // the real metatable: __metatable hides it only from Lua code
    lua_getfield(L, -1, "__index");
    lua_pushcclosure(L, view_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void freeze(lua_State* L, const char* module_name, int depth) {
    const int table = lua_gettop(L);
    if (depth < 8) {
        lua_pushnil(L);
        while (lua_next(L, table) != 0) {
            if (lua_istable(L, -1)) {
                freeze(L, module_name, depth + 1);
                lua_pushvalue(L, -2);  // key
                lua_insert(L, -2);
                lua_rawset(L, table);  // replacing an existing key's value keeps next() valid
            } else {
                lua_pop(L, 1);
            }
        }
    }
    // A userdata, not a table: rawset() and setmetatable() cannot reach past it.
    lua_newuserdatauv(L, 0, 0);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, table);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, module_name);
    lua_pushcclosure(L, refuse_write, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, view_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushstring(L, module_name);
    lua_setfield(L, -2, "__name");
    lua_pushliteral(L, "只读");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, table);
}

}  // namespace

void make_read_only(lua_State* L, const char* module_name) {
    if (lua_istable(L, -1)) freeze(L, module_name, 0);
}

}  // namespace dj::lua
