#include "lua/plugin_registry.hpp"

#include <cstdio>
#include <cstring>

#include "lua/lua_runtime.hpp"

namespace dj::lua {

namespace {

constexpr const char* kClosedMessage = "只能在插件加载时注册";

const RegistrationKind& kind_at(lua_State* L, int upvalue) {
    return kRegistrationKinds[lua_tointeger(L, lua_upvalueindex(upvalue))];
}

}  // namespace

namespace {

std::string index_key(std::string_view kind, std::string_view id) {
    std::string key(kind);
    key += '\0';
    key += id;
    return key;
}

}  // namespace

const Registration* Registry::find(std::string_view kind, std::string_view id) const {
    const auto it = index_.find(index_key(kind, id));
    return it == index_.end() ? nullptr : &items_[it->second];
}

void Registry::install(lua_State* L) {
    for (std::size_t i = 0; i < std::size(kRegistrationKinds); ++i) {
        lua_pushlightuserdata(L, this);
        lua_pushinteger(L, static_cast<lua_Integer>(i));
        lua_pushcclosure(L, entry, 2);
        lua_setglobal(L, kRegistrationKinds[i].name);
    }
}

// form "id" → a function waiting for the table (the curried call).
int Registry::entry(lua_State* L) {
    auto* self = static_cast<Registry*>(lua_touserdata(L, lua_upvalueindex(1)));
    const RegistrationKind& kind = kind_at(L, 2);
    if (self->mode_ == Mode::closed) forbid(L, kClosedMessage);
    charge(L, 1);  // a host callback: part of the call's budget and deadline
    if (lua_type(L, 1) == LUA_TTABLE)
        return luaL_error(L, "%s 需要先写 id：%s \"id\" { … }", kind.name, kind.name);
    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_error(L, "%s 的 id 必须是字符串：%s \"id\" { … }", kind.name, kind.name);
    std::size_t id_len = 0;
    const char* id = lua_tolstring(L, 1, &id_len);
    if (std::strlen(id) != id_len || !is_valid_id(id))
        return luaL_error(L, "%s id \"%s\" 不合法：只能用小写字母、数字和下划线，并以字母开头",
                          kind.label, id);
    lua_Debug ar;
    char file[256] = "";
    int line = 0;
    if (lua_getstack(L, 1, &ar) != 0 && lua_getinfo(L, "Sl", &ar) != 0) {
        copy_source_name(ar, file, sizeof file);
        line = ar.currentline;
    }
    lua_pushlightuserdata(L, self);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_pushstring(L, file);
    lua_pushinteger(L, line);
    lua_pushcclosure(L, body, 5);
    return 1;
}

// … { table }: records the registration and returns the table.
int Registry::body(lua_State* L) {
    auto* self = static_cast<Registry*>(lua_touserdata(L, lua_upvalueindex(1)));
    const RegistrationKind& kind = kind_at(L, 2);
    const char* id = lua_tostring(L, lua_upvalueindex(3));
    const char* file = lua_tostring(L, lua_upvalueindex(4));
    const int line = static_cast<int>(lua_tointeger(L, lua_upvalueindex(5)));
    if (self->mode_ == Mode::closed) forbid(L, kClosedMessage);
    charge(L, 1);
    if (lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L, "%s \"%s\" 后面应是一个表：%s \"%s\" { … }", kind.name, id,
                          kind.name, id);
    if (const Registration* old = self->find(kind.name, id)) {
        char message[512];
        std::snprintf(message, sizeof message, "重复的%s id \"%s\"（已在 %s:%d 注册）",
                      kind.label, id, old->file.c_str(), old->line);
        if (self->mode_ != Mode::lint) return luaL_error(L, "%s", message);
        bool stored = true;
        try {
            if (self->problems_.size() < kMaxProblems)
                self->problems_.push_back({file, line, message, false});
            else if (self->problems_.size() == kMaxProblems)
                self->problems_.push_back({file, line, "重复的 id 过多，其余的不再列出", false});
        } catch (...) {
            stored = false;
        }
        if (!stored) return luaL_error(L, "内存不足");
        lua_settop(L, 1);
        return 1;
    }
    lua_pushvalue(L, 1);
    const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    bool stored = true;
    try {
        self->index_.emplace(index_key(kind.name, id), self->items_.size());
        try {
            self->items_.push_back({kind.name, id, file, line, ref});
        } catch (...) {
            self->index_.erase(index_key(kind.name, id));
            throw;
        }
    } catch (...) {
        stored = false;
    }
    if (!stored) {
        luaL_unref(L, LUA_REGISTRYINDEX, ref);
        return luaL_error(L, "内存不足");
    }
    lua_settop(L, 1);
    return 1;
}

}  // namespace dj::lua
