#include "lua/lua_call.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "lua/lua_runtime.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

namespace {

bool parse_one(std::string_view s, SplitMessage& out) {
    // "<chunk>:<digits>: <text>". A chunk name has no ':' of its own, except inside
    // the [string "..."] form Lua gives to chunks loaded from strings.
    std::size_t from = 0;
    if (s.rfind("[string \"", 0) == 0) {
        const std::size_t close = s.find("\"]");
        if (close == std::string_view::npos) return false;
        from = close + 2;
    }
    const std::size_t i = s.find(':', from);
    if (i == std::string_view::npos || i == 0 || i > 300) return false;
    if (s.substr(0, i).find('\n') != std::string_view::npos) return false;
    std::size_t j = i + 1;
    int line = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && line < 100'000'000)
        line = line * 10 + (s[j++] - '0');
    if (j == i + 1 || j >= s.size() || s[j] != ':') return false;
    out.file = s.substr(0, i);
    out.line = line;
    std::size_t k = j + 1;
    if (k < s.size() && s[k] == ' ') ++k;
    out.text = s.substr(k);
    return true;
}

// Why no metamethods here: an error object's __tostring may loop or raise, and this
// runs outside any budget. Strings are read raw, everything else is described.
int message_handler(lua_State* L) {
    Runtime& rt = runtime_of(L);
    ++rt.lenient;
    HandlerReport& r = rt.report;
    r.set = true;
    r.syntax = false;
    r.line = 0;
    r.message[0] = r.file[0] = r.traceback[0] = '\0';
    const int type = lua_type(L, 1);
    if (type == LUA_TSTRING) {
        std::size_t n = 0;
        const char* s = lua_tolstring(L, 1, &n);
        r.syntax = rt.syntax_message[0] != '\0' && std::strcmp(s, rt.syntax_message) == 0;
        SplitMessage sm;
        if (split_location(std::string_view(s, n), sm)) {
            copy_text(r.file, sizeof r.file, sm.file.data(), sm.file.size());
            r.line = sm.line;
            copy_text(r.message, sizeof r.message, sm.text.data(), sm.text.size());
        } else {
            copy_text(r.message, sizeof r.message, s, n);
        }
    } else if (type == LUA_TNUMBER) {
        if (lua_isinteger(L, 1))
            std::snprintf(r.message, sizeof r.message, "%lld",
                          static_cast<long long>(lua_tointeger(L, 1)));
        else
            std::snprintf(r.message, sizeof r.message, "%.14g",
                          static_cast<double>(lua_tonumber(L, 1)));
    } else if (type == LUA_TNIL || type == LUA_TNONE) {
        std::snprintf(r.message, sizeof r.message, "（错误没有附带说明）");
    } else {
        std::snprintf(r.message, sizeof r.message, "（错误对象是 %s 类型，无法显示）",
                      lua_typename(L, type));
    }
    if (r.file[0] == '\0') {
        lua_Debug ar;
        for (int level = 1; lua_getstack(L, level, &ar) != 0; ++level) {
            if (lua_getinfo(L, "Sl", &ar) != 0 && ar.currentline > 0) {
                copy_source_name(ar, r.file, sizeof r.file);
                r.line = ar.currentline;
                break;
            }
        }
    }
    luaL_traceback(L, L, nullptr, 1);  // reads debug info only; calls no metamethod
    std::size_t n = 0;
    const char* tb = lua_tolstring(L, -1, &n);
    if (tb != nullptr) copy_text(r.traceback, sizeof r.traceback, tb, n);
    --rt.lenient;
    lua_settop(L, 1);
    return 1;
}

PluginError build_error(std::string_view plugin_id, int status, const Doom& doom,
                        const HandlerReport& report, const char* fallback_file) {
    std::string file;
    int line = 0;
    if (doom.active && doom.located) {
        file = doom.file;
        line = doom.line;
    } else if (report.set && report.file[0] != '\0') {
        file = report.file;
        line = report.line;
    } else {
        file = fallback_file;
    }
    std::string traceback = report.set ? report.traceback : "";
    if (doom.active)
        return PluginError(std::string(plugin_id), doom.kind, file, line, doom.message, traceback);
    if (status == LUA_ERRMEM)
        return PluginError(std::string(plugin_id), ErrorKind::memory, file, line,
                           "内存不足（宿主预留内存也已用尽）", traceback);
    if (!report.set || status == LUA_ERRERR)
        return PluginError(std::string(plugin_id), ErrorKind::error, file, line,
                           "处理错误时再次出错", traceback);
    if (report.syntax)
        return PluginError(std::string(plugin_id), ErrorKind::syntax, file, line,
                           std::string("语法错误：") + report.message, traceback);
    return PluginError(std::string(plugin_id), ErrorKind::error, file, line, report.message,
                       traceback);
}

struct HostContext {
    const std::function<void(lua_State*)>* fn;
    std::exception_ptr error;
};

int host_trampoline(lua_State* L) {
    auto* ctx = static_cast<HostContext*>(lua_touserdata(L, 1));
    lua_remove(L, 1);
    bool failed = false;
    try {
        (*ctx->fn)(L);
    } catch (...) {
        ctx->error = std::current_exception();
        failed = true;
    }
    if (failed) {
        lua_pushboolean(L, 0);  // needs no allocation
        return lua_error(L);
    }
    return lua_gettop(L);
}

}  // namespace

bool split_location(std::string_view message, SplitMessage& out) {
    SplitMessage first;
    if (!parse_one(message, first)) return false;
    out = first;
    // coroutine.wrap and rethrowing handlers prepend their own place: keep the innermost.
    SplitMessage inner;
    for (int guard = 0; guard < 8 && parse_one(out.text, inner); ++guard) out = inner;
    return true;
}

void protected_call(lua_State* L, std::string_view plugin_id, int nargs, int nresults) {
    Runtime& rt = runtime_of(L);
    const int func = lua_gettop(L) - nargs;
    if (func < 1 || !lua_checkstack(L, 3)) {
        lua_settop(L, func > 0 ? func - 1 : 0);
        throw PluginError(std::string(plugin_id), ErrorKind::memory, "", 0, "内存不足（调用栈）");
    }
    char fallback[256] = "";
    {
        lua_Debug ar;
        lua_pushvalue(L, func);
        if (lua_getinfo(L, ">S", &ar) != 0 && ar.source != nullptr && ar.source[0] == '@')
            copy_source_name(ar, fallback, sizeof fallback);
    }
    lua_pushcfunction(L, message_handler);
    lua_insert(L, func);  // handler sits below the function
    const int saved_lenient = rt.lenient;
    rt.lenient = 0;
    begin_call(rt);
    rt.report.set = false;
    const int status = lua_pcall(L, nargs, nresults, func);
    if (status == LUA_OK && !rt.doom.active) {
        end_call(rt);
        rt.lenient = saved_lenient;
        lua_remove(L, func);
        return;
    }
    // Either an error escaped, or the plugin swallowed a stop with its own pcall.
    const Doom doom = rt.doom;
    const HandlerReport report = rt.report;
    const bool outermost = rt.depth == 1;
    end_call(rt);
    rt.lenient = saved_lenient;
    lua_settop(L, func - 1);
    if (outermost) lua_gc(L, LUA_GCCOLLECT);  // give the bomb's memory back now
    throw build_error(plugin_id, status, doom, report, fallback);
}

void host_protected(lua_State* L, std::string_view plugin_id,
                    const std::function<void(lua_State*)>& fn, int nargs) {
    Runtime& rt = runtime_of(L);
    const int base = lua_gettop(L) - nargs;
    if (!lua_checkstack(L, 2)) {
        lua_settop(L, base);
        throw PluginError(std::string(plugin_id), ErrorKind::memory, "", 0, "内存不足（调用栈）");
    }
    HostContext ctx{&fn, nullptr};
    lua_pushcfunction(L, host_trampoline);
    lua_pushlightuserdata(L, &ctx);
    lua_rotate(L, base + 1, 2);  // trampoline and context go below the arguments
    ++rt.lenient;
    const int status = lua_pcall(L, 1 + nargs, LUA_MULTRET, 0);
    --rt.lenient;
    if (status == LUA_OK) return;
    std::string msg;
    if (lua_type(L, -1) == LUA_TSTRING) msg = lua_tostring(L, -1);
    lua_settop(L, base);
    if (ctx.error) std::rethrow_exception(ctx.error);
    if (status == LUA_ERRMEM)
        throw PluginError(std::string(plugin_id), ErrorKind::memory, "", 0,
                          "内存不足（宿主无法向插件传递数据）");
    throw PluginError(std::string(plugin_id), ErrorKind::error, "", 0, "宿主内部错误：" + msg);
}

void load_chunk(lua_State* L, std::string_view plugin_id, std::string_view code,
                std::string_view file) {
    if (!code.empty() && code[0] == LUA_SIGNATURE[0])
        throw PluginError(std::string(plugin_id), ErrorKind::forbidden, std::string(file), 0,
                          "拒绝加载二进制代码块（只接受 Lua 源代码）");
    if (!lua_checkstack(L, 1))
        throw PluginError(std::string(plugin_id), ErrorKind::memory, "", 0, "内存不足（调用栈）");
    char chunkname[300];
    std::snprintf(chunkname, sizeof chunkname, "@%.*s", static_cast<int>(file.size()),
                  file.data());
    const int status = luaL_loadbufferx(L, code.data(), code.size(), chunkname, "t");
    if (status == LUA_OK) return;
    std::string msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    if (status == LUA_ERRMEM) {
        char text[256];
        memory_message(runtime_of(L), text, sizeof text);
        throw PluginError(std::string(plugin_id), ErrorKind::memory, std::string(file), 0, text);
    }
    SplitMessage sm;
    if (split_location(msg, sm))
        throw PluginError(std::string(plugin_id), ErrorKind::syntax, std::string(sm.file),
                          sm.line, "语法错误：" + std::string(sm.text));
    throw PluginError(std::string(plugin_id), ErrorKind::syntax, std::string(file), 0,
                      "语法错误：" + msg);
}

}  // namespace dj::lua
