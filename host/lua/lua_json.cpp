#include "lua/lua_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "lua/lua_runtime.hpp"

namespace dj::lua {

using nlohmann::json;

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + static_cast<std::size_t>(len) > n) return false;
        for (int k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const std::uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

namespace {

// Length of the well-formed UTF-8 sequence at s[i] (0 if it is not one); its code point in *cp.
std::size_t utf8_sequence(const unsigned char* s, std::size_t n, std::size_t i, std::uint32_t* cp) {
    const unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    std::size_t len;
    std::uint32_t v;
    if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; }
    else return 0;
    if (i + len > n) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    const std::uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

}  // namespace

std::string printable_text(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n;) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8_sequence(s, n, i, &cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
            continue;
        }
        if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += '\t';  // harmless on a terminal, escaped by any JSON writer
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            char esc[8];
            std::snprintf(esc, sizeof esc, cp < 0x100 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(cp));
            out += esc;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

namespace {

// Estimated heap of a JSON value, what the host holds once it is built.
constexpr std::size_t kValueBytes = 16;
constexpr std::size_t kEntryBytes = 64;   // an object member: map node and key string
constexpr std::size_t kStringBytes = 32;  // std::string beyond its characters

class Reader {
public:
    Reader(lua_State* L, const ToJsonOptions& options) : L_(L), o_(options), rt_(runtime_of(L)) {}

    json read(int idx, int depth) {
        account(kValueBytes);
        switch (lua_type(L_, idx)) {
        case LUA_TNIL:
        case LUA_TNONE: return nullptr;
        case LUA_TBOOLEAN: return lua_toboolean(L_, idx) != 0;
        case LUA_TNUMBER: {
            if (lua_isinteger(L_, idx)) return static_cast<std::int64_t>(lua_tointeger(L_, idx));
            const double d = static_cast<double>(lua_tonumber(L_, idx));
            if (!std::isfinite(d)) fail("是 NaN 或无穷大");
            return d;
        }
        case LUA_TSTRING: return read_string(idx);
        case LUA_TTABLE: return read_table(idx, depth);
        case LUA_TFUNCTION: fail("是函数");
        case LUA_TTHREAD: fail("是协程");
        default: fail("是 userdata");
        }
    }

private:
    using Part = std::variant<std::string, std::int64_t>;

    // Charges `bytes` of host memory (and a budget unit per value): stops the conversion
    // before the host, not the plugin's allocator, pays for a blown-up value.
    void account(std::size_t bytes) {
        built_ += bytes;
        const std::size_t cap = rt_.limits.memory_bytes;
        if (rt_.bytes > cap || built_ > cap - rt_.bytes) {
            char text[256];
            memory_message(rt_, text, sizeof text);
            if (rt_.depth > 0) set_doom(rt_, ErrorKind::memory, text);
            throw JsonError(std::string(text) + "：交给宿主的值过大（共享的子表每出现一次都计算一次）",
                            ErrorKind::memory);
        }
        if (charge_host(rt_, 1 + static_cast<std::int64_t>(bytes >> 6)))
            throw JsonError(rt_.doom.message, rt_.doom.kind);
    }

    json read_string(int idx) {
        std::size_t n = 0;
        const char* s = lua_tolstring(L_, idx, &n);  // a real string: no conversion
        account(kStringBytes + n);
        std::string_view text(s, n);
        if (!is_valid_utf8(text)) fail("不是有效的 UTF-8 文本");
        return std::string(text);
    }

    json read_table(int idx, int depth) {
        idx = lua_absindex(L_, idx);
        if (depth >= o_.max_depth) fail("嵌套超过 " + std::to_string(o_.max_depth) + " 层");
        const void* self = lua_topointer(L_, idx);
        if (std::find(open_.begin(), open_.end(), self) != open_.end()) fail("有循环引用");
        if (!lua_checkstack(L_, 4)) fail("嵌套过深");
        open_.push_back(self);

        std::int64_t count = 0, max = 0;
        bool sequence = true;
        lua_pushnil(L_);
        while (lua_next(L_, idx) != 0) {
            ++count;
            if (lua_type(L_, -2) == LUA_TNUMBER && lua_isinteger(L_, -2)) {
                const std::int64_t k = lua_tointeger(L_, -2);
                if (k < 1) sequence = false;
                max = std::max(max, k);
            } else {
                sequence = false;
            }
            lua_pop(L_, 1);
        }
        json out;
        if (count == 0)
            out = o_.empty_table == EmptyTable::array ? json::array() : json::object();
        else if (sequence && max == count)
            out = read_array(idx, count, depth);
        else
            out = read_object(idx, depth);
        open_.pop_back();
        return out;
    }

    json read_array(int idx, std::int64_t n, int depth) {
        json out = json::array();
        for (std::int64_t i = 1; i <= n; ++i) {
            lua_rawgeti(L_, idx, i);
            path_.emplace_back(i);
            if (lua_type(L_, -1) == LUA_TFUNCTION && o_.skip_functions)
                out.push_back(nullptr);
            else
                out.push_back(read(-1, depth + 1));
            path_.pop_back();
            lua_pop(L_, 1);
        }
        return out;
    }

    json read_object(int idx, int depth) {
        json out = json::object();
        lua_pushnil(L_);
        while (lua_next(L_, idx) != 0) {
            std::string key;
            const int kt = lua_type(L_, -2);
            if (kt == LUA_TSTRING) {
                std::size_t n = 0;
                const char* s = lua_tolstring(L_, -2, &n);
                account(kEntryBytes + n);
                key.assign(s, n);
                if (!is_valid_utf8(key)) fail("有一个键不是有效的 UTF-8 文本");
            } else if (kt == LUA_TNUMBER && lua_isinteger(L_, -2)) {
                account(kEntryBytes + 20);
                key = std::to_string(lua_tointeger(L_, -2));
            } else {
                fail(std::string("有一个键的类型是 ") + lua_typename(L_, kt) +
                     "（键只能是字符串或整数）");
            }
            if (lua_type(L_, -1) == LUA_TFUNCTION && o_.skip_functions) {
                lua_pop(L_, 1);
                continue;
            }
            if (out.contains(key)) fail("键 " + key + " 重复（整数键与字符串键相同）");
            path_.emplace_back(key);
            out[key] = read(-1, depth + 1);
            path_.pop_back();
            lua_pop(L_, 1);
        }
        return out;
    }

    std::string path_text() const {
        std::string out;
        for (const Part& p : path_) {
            if (const auto* i = std::get_if<std::int64_t>(&p)) {
                out += '[' + std::to_string(*i) + ']';
            } else {
                const std::string& k = std::get<std::string>(p);
                if (!out.empty()) out += '.';
                out += k;
            }
        }
        return out;
    }

    [[noreturn]] void fail(const std::string& what) {
        const std::string path = path_text();
        throw JsonError("无法转换为 JSON：" + (path.empty() ? "这个值" : path + " ") + what);
    }

    lua_State* L_;
    const ToJsonOptions& o_;
    Runtime& rt_;
    std::size_t built_ = 0;  // estimated bytes of what was built so far
    std::vector<const void*> open_;  // tables on the current path, to refuse cycles
    std::vector<Part> path_;
};

// Only references and trivially destructible iterators live here: Lua may longjmp.
void push_value(lua_State* L, const json& v, int depth, int max_depth) {
    if (depth > max_depth) luaL_error(L, "JSON 嵌套超过 %d 层", max_depth);
    // Pushing is host work for the plugin: charged to the running call (or scope), so
    // handing every field's value to every field's callback cannot grow unbounded.
    if (charge_host(runtime_of(L), v.is_string() ? 1 + static_cast<std::int64_t>(v.get_ref<const std::string&>().size() >> 6) : 1))
        raise_doom(L);
    luaL_checkstack(L, 3, "JSON 嵌套过深");
    switch (v.type()) {
    case json::value_t::null:
    case json::value_t::discarded: lua_pushnil(L); break;
    case json::value_t::boolean: lua_pushboolean(L, v.get<bool>() ? 1 : 0); break;
    case json::value_t::number_integer:
        lua_pushinteger(L, static_cast<lua_Integer>(v.get<std::int64_t>()));
        break;
    case json::value_t::number_unsigned: {
        const std::uint64_t u = v.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<lua_Integer>::max()))
            lua_pushinteger(L, static_cast<lua_Integer>(u));
        else
            lua_pushnumber(L, static_cast<lua_Number>(u));
        break;
    }
    case json::value_t::number_float: lua_pushnumber(L, v.get<double>()); break;
    case json::value_t::string: {
        const std::string& s = v.get_ref<const std::string&>();
        lua_pushlstring(L, s.data(), s.size());
        break;
    }
    case json::value_t::binary: {
        const auto& b = v.get_binary();
        lua_pushlstring(L, reinterpret_cast<const char*>(b.data()), b.size());
        break;
    }
    case json::value_t::array: {
        const int n = static_cast<int>(std::min<std::size_t>(v.size(), 1u << 24));
        lua_createtable(L, n, 0);
        lua_Integer i = 0;
        for (const json& item : v) {
            push_value(L, item, depth + 1, max_depth);
            lua_rawseti(L, -2, ++i);
        }
        break;
    }
    case json::value_t::object: {
        lua_createtable(L, 0, static_cast<int>(std::min<std::size_t>(v.size(), 1u << 24)));
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& k = it.key();
            lua_pushlstring(L, k.data(), k.size());
            push_value(L, it.value(), depth + 1, max_depth);
            lua_rawset(L, -3);
        }
        break;
    }
    }
}

}  // namespace

json to_json(lua_State* L, int idx, const ToJsonOptions& options) {
    Reader reader(L, options);
    return reader.read(lua_absindex(L, idx), 0);
}

void push_json(lua_State* L, const json& value, int max_depth) {
    push_value(L, value, 0, max_depth);
}

}  // namespace dj::lua
