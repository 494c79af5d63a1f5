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
        // Without a comparator, strings are compared by strcoll: each comparison costs
        // their length and runs no instruction the hook could count. Charge it up front.
        if (lua_isnoneornil(L, 2) && lua_type(L, 1) == LUA_TTABLE) {
            Int bytes = 0;
            const Int upto = n < (Int{1} << 24) ? n : (Int{1} << 24);
            for (Int i = 1; i <= upto; ++i) {
                if (lua_rawgeti(L, 1, i) == LUA_TSTRING) bytes += static_cast<Int>(lua_rawlen(L, -1));
                lua_pop(L, 1);
            }
            const Int per = bytes >> 5;
            charge(L, per > INT64_MAX / log2 ? INT64_MAX : per * log2);
        }
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

// Lua 5.4.4 bug (fixed in 5.4.5): closing a coroutine runs its pending __close
// handlers without counting C-stack depth, so a __close that closes another coroutine,
// whose __close closes another … overflows the C stack (a segmentation fault). The same
// reset runs when a coroutine.wrap function fails. Both go through this counted call:
// past kMaxCloseDepth nested closes/wraps the plugin gets an error instead.
constexpr int kMaxCloseDepth = 64;

int counted_call(lua_State* L, lua_CFunction original_or_null) {
    Runtime& rt = runtime_of(L);
    if (rt.close_depth >= kMaxCloseDepth)
        return luaL_error(L, "协程嵌套过深（coroutine.close / coroutine.wrap 超过 %d 层）",
                          kMaxCloseDepth);
    luaL_checkstack(L, 2, "协程嵌套过深");
    if (original_or_null != nullptr)
        lua_pushcfunction(L, original_or_null);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    ++rt.close_depth;
    const int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    --rt.close_depth;
    if (status != LUA_OK) return lua_error(L);  // the same error object, unchanged
    return lua_gettop(L);
}

int guarded_close(lua_State* L) {
    return counted_call(L, lua_tocfunction(L, lua_upvalueindex(1)));
}

int guarded_wrapped(lua_State* L) { return counted_call(L, nullptr); }

int guarded_wrap(lua_State* L) {
    const int results = call_original(L);  // the stock wrap: leaves its function on top
    if (results != 1) return results;
    lua_pushcclosure(L, guarded_wrapped, 1);
    return 1;
}

}  // namespace

void install_charged_functions(lua_State* L) {
    lua_getglobal(L, "coroutine");
    if (lua_istable(L, -1)) {
        wrap_field(L, -1, "close", guarded_close);
        wrap_field(L, -1, "wrap", guarded_wrap);
    }
    lua_pop(L, 1);
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
