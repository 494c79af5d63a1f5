#include "lua/lua_costly.hpp"

#include <cstdint>

#include "lua/lua_module.hpp"
#include "lua/lua_runtime.hpp"

namespace dj::lua {

namespace {

using Int = lua_Integer;

Int span(Int from, Int to) {
    if (to < from) return 0;
    if (from < 0 && to > INT64_MAX + from) return INT64_MAX;  // would overflow
    return to - from + 1;
}

// Integer argument as the originals read it (1e15 is an integer too).
bool int_arg(lua_State* L, int idx, Int* out) {
    int ok = 0;
    const Int v = lua_tointegerx(L, idx, &ok);
    if (ok) *out = v;
    return ok != 0;
}

// #t as the original will compute it. Why not always luaL_len: a plain table's raw
// length has no side effects, so only a __len metamethod runs twice (here and there).
Int length_of(lua_State* L, int idx) {
    if (luaL_getmetafield(L, idx, "__len") != LUA_TNIL) {
        lua_pop(L, 1);
        return luaL_len(L, idx);
    }
    if (lua_type(L, idx) == LUA_TTABLE) return static_cast<Int>(lua_rawlen(L, idx));
    return 0;  // not a sequence at all: the original raises its own error
}

int charged_insert(lua_State* L) {
    if (lua_gettop(L) == 3) {
        const Int n = length_of(L, 1);
        Int pos = 0;
        if (int_arg(L, 2, &pos)) charge(L, span(pos, n));
    }
    return call_original(L);
}

int charged_remove(lua_State* L) {
    const Int n = length_of(L, 1);
    Int pos = n;
    int_arg(L, 2, &pos);
    charge(L, span(pos, n));
    return call_original(L);
}

int charged_move(lua_State* L) {
    Int f = 0, e = 0;
    if (int_arg(L, 2, &f) && int_arg(L, 3, &e)) charge(L, span(f, e));
    return call_original(L);
}

int charged_concat(lua_State* L) {
    Int i = 1, j = 0;
    int_arg(L, 3, &i);
    if (!int_arg(L, 4, &j)) j = length_of(L, 1);
    charge(L, span(i, j));
    return call_original(L);
}

int charged_unpack(lua_State* L) {
    Int i = 1, j = 0;
    int_arg(L, 2, &i);
    if (!int_arg(L, 3, &j)) j = length_of(L, 1);
    charge(L, span(i, j));
    return call_original(L);
}

int charged_sort(lua_State* L) {
    const Int n = length_of(L, 1);
    if (n > 1) {
        Int log2 = 1;
        for (Int m = n; m > 1; m >>= 1) ++log2;
        charge(L, n > INT64_MAX / log2 ? INT64_MAX : n * log2);
    }
    return call_original(L);
}

// string.rep("", n) would loop n times copying nothing: the allocator cannot stop that.
int guarded_rep(lua_State* L) {
    std::size_t l = 0, lsep = 0;
    luaL_checklstring(L, 1, &l);
    const Int n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > 0 && l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    return call_original(L);
}

// Start/end positions the way lstrlib and lutf8lib normalise them.
Int rel_start(Int pos, std::size_t len) {
    if (pos > 0) return pos;
    if (pos == 0) return 1;
    if (pos < -static_cast<Int>(len)) return 1;
    return static_cast<Int>(len) + pos + 1;
}

Int rel_end(Int pos, std::size_t len) {
    if (pos > static_cast<Int>(len)) return static_cast<Int>(len);
    if (pos >= 0) return pos;
    if (pos < -static_cast<Int>(len)) return 0;
    return static_cast<Int>(len) + pos + 1;
}

int charged_byte(lua_State* L) {
    std::size_t l = 0;
    luaL_checklstring(L, 1, &l);
    const Int i = rel_start(luaL_optinteger(L, 2, 1), l);
    const Int j = rel_end(luaL_optinteger(L, 3, i), l);
    charge(L, span(i, j));
    return call_original(L);
}

// lutf8lib's relative positions (negative counts from the end).
Int u_posrelat(Int pos, std::size_t len) {
    if (pos >= 0) return pos;
    if (0u - static_cast<std::size_t>(pos) > len) return 0;
    return static_cast<Int>(len) + pos + 1;
}

int charged_utf8_len(lua_State* L) {
    std::size_t l = 0;
    luaL_checklstring(L, 1, &l);
    const Int i = u_posrelat(luaL_optinteger(L, 2, 1), l);
    const Int j = u_posrelat(luaL_optinteger(L, 3, -1), l);
    charge(L, span(i, j) / 16 + 1);
    return call_original(L);
}

int charged_utf8_codepoint(lua_State* L) {
    std::size_t l = 0;
    luaL_checklstring(L, 1, &l);
    const Int i = u_posrelat(luaL_optinteger(L, 2, 1), l);
    const Int j = u_posrelat(luaL_optinteger(L, 3, i), l);
    charge(L, span(i, j) / 4 + 1);
    return call_original(L);
}

int charged_utf8_offset(lua_State* L) {
    std::size_t l = 0;
    luaL_checklstring(L, 1, &l);
    const Int n = luaL_checkinteger(L, 2);
    const std::size_t steps = n == INT64_MIN ? l : static_cast<std::size_t>(n < 0 ? -n : n);
    charge(L, static_cast<std::int64_t>((steps < l / 4 ? steps * 4 : l) / 16 + 1));
    return call_original(L);
}

}  // namespace

void install_charged_functions(lua_State* L) {
    lua_getglobal(L, "table");
    wrap_field(L, -1, "insert", charged_insert);
    wrap_field(L, -1, "remove", charged_remove);
    wrap_field(L, -1, "move", charged_move);
    wrap_field(L, -1, "concat", charged_concat);
    wrap_field(L, -1, "unpack", charged_unpack);
    wrap_field(L, -1, "sort", charged_sort);
    lua_pop(L, 1);
    lua_getglobal(L, "string");
    wrap_field(L, -1, "rep", guarded_rep);
    wrap_field(L, -1, "byte", charged_byte);
    lua_pop(L, 1);
    lua_getglobal(L, "utf8");
    wrap_field(L, -1, "len", charged_utf8_len);
    wrap_field(L, -1, "codepoint", charged_utf8_codepoint);
    wrap_field(L, -1, "offset", charged_utf8_offset);
    lua_pop(L, 1);
}

}  // namespace dj::lua
