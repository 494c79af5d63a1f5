#include "lua/lua_call.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <regex>
#include <string>
#include <utility>

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
// The location a message names is believed only if it is a line some Lua frame on the
// stack is executing right now (what error(msg) and error(msg, 2) produce); anything
// else is text the plugin wrote, and the real location comes from the debug info.
// An error message whose location was checked against the stack where it was raised,
// before a rethrow (require) unwound that frame. Compared by identity only, and cleared by
// every run of the host's handler; per thread, as a sandbox is used by one thread at a time.
thread_local const void* verified_message = nullptr;

bool frame_at(lua_State* L, std::string_view file, int line) {
    lua_Debug ar;
    char name[256];
    for (int level = 1; level < 64 && lua_getstack(L, level, &ar) != 0; ++level) {
        if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline != line) continue;
        copy_source_name(ar, name, sizeof name);
        if (file == name) return true;
    }
    return false;
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
        if (r.syntax && split_location(std::string_view(s, n), sm)) {
            // The parser's own location (of the module file): the one kind of location
            // a message carries that no frame on the stack can confirm.
            copy_text(r.file, sizeof r.file, sm.file.data(), sm.file.size());
            r.line = sm.line;
            copy_text(r.message, sizeof r.message, sm.text.data(), sm.text.size());
        } else if (parse_one(std::string_view(s, n), sm) &&
                   (lua_topointer(L, 1) == verified_message || frame_at(L, sm.file, sm.line))) {
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
    verified_message = nullptr;
    luaL_traceback(L, L, nullptr, 1);  // reads debug info only; calls no metamethod
    std::size_t n = 0;
    const char* tb = lua_tolstring(L, -1, &n);
    if (tb != nullptr) copy_text(r.traceback, sizeof r.traceback, tb, n);
    --rt.lenient;
    lua_settop(L, 1);
    return 1;
}

// The parser's limit messages in Chinese (its other syntax messages quote the code and
// stay as Lua wrote them, after "语法错误："). Lua formats them as
// "too many %s (limit is %d) in %s" and "chunk has too many syntax levels".
std::string translate_syntax(std::string_view text) {
    static const std::pair<std::string_view, std::string_view> kPhrases[] = {
        {"chunk has too many syntax levels", "语法嵌套层数过多"},
        {"C stack overflow", "语法嵌套过深（C 栈溢出）"},
        {"too many local variables", "局部变量过多"},
        {"too many upvalues", "上值（upvalue）过多"},
        {"too many C levels", "嵌套过深"},
        {"too many registers", "寄存器过多"},
        {"function or expression needs too many registers", "函数或表达式过于复杂（寄存器不足）"},
        {"control structure too long", "控制结构过长"},
        {"(limit is ", "（上限 "},
        {") in main function", "，主程序中）"},
        {") in function at line ", "，位于第 "},
        {"lexical element too long", "词法单元过长"},
        {"unfinished string", "字符串没有结束"},
        {"unfinished long string", "长字符串没有结束"},
        {"unfinished long comment", "长注释没有结束"},
        {"unexpected symbol", "意外的符号"},
        {" near ", "，位于 "},
        {"<eof>", "<文件末尾>"},
    };
    std::string out(text);
    for (const auto& [en, zh] : kPhrases)
        for (std::size_t at = out.find(en); at != std::string::npos; at = out.find(en, at + zh.size()))
            out.replace(at, en.size(), zh);
    if (out.find("，位于第 ") != std::string::npos && out.find("（上限 ") != std::string::npos)
        out += " 行的函数中）";
    return out;
}

// Lua's own runtime messages in Chinese (a plugin's own error text is left as written,
// unless it imitates one of these).
std::string translate_runtime(const std::string& text) {
    static const std::regex kOperand(
        "attempt to (index|call|concatenate|get length of|perform arithmetic on|perform bitwise operation on) "
        "an? (\\w+) value(?: \\((field|global|local|upvalue|method|constant) '([^']*)'\\))?");
    static const std::regex kArgument("bad argument #(\\d+) to '([^']*)'");
    static const std::pair<std::string_view, std::string_view> kPhrases[] = {
        {"stack overflow", "调用栈溢出（递归过深）"},
        {"number has no integer representation", "数字没有对应的整数"},
        {"table index is nil", "表的键是 nil"},
        {"table index is NaN", "表的键是 NaN"},
        {"attempt to divide by zero", "整数除以零"},
        {"attempt to perform 'n%0'", "整数对零取模"},
        {"attempt to compare", "试图比较"},
        {"invalid order function for sorting", "table.sort 的比较函数不一致"},
    };
    std::string out = text;
    std::smatch m;
    if (std::regex_search(out, m, kOperand)) {
        static const std::map<std::string, std::string> kVerb = {
            {"index", "索引"}, {"call", "调用"}, {"concatenate", "连接"}, {"get length of", "取长度："},
            {"perform arithmetic on", "做算术运算："}, {"perform bitwise operation on", "做位运算："}};
        static const std::map<std::string, std::string> kWhat = {
            {"field", "字段"}, {"global", "全局变量"}, {"local", "局部变量"},
            {"upvalue", "上值"}, {"method", "方法"}, {"constant", "常量"}};
        std::string zh = "试图" + kVerb.at(m[1].str()) + " " + m[2].str() + " 值";
        if (m[3].matched) zh += "（" + kWhat.at(m[3].str()) + " '" + m[4].str() + "'）";
        out = m.prefix().str() + zh + m.suffix().str();
    }
    if (std::regex_search(out, m, kArgument))
        out = m.prefix().str() + "函数 '" + m[2].str() + "' 的第 " + m[1].str() + " 个参数有误" + m.suffix().str();
    for (const auto& [en, zh] : kPhrases)
        if (const std::size_t at = out.find(en); at != std::string::npos) out.replace(at, en.size(), zh);
    return out;
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
                           "语法错误：" + translate_syntax(report.message), traceback);
    return PluginError(std::string(plugin_id), ErrorKind::error, file, line,
                       translate_runtime(report.message), traceback);
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

int verify_error_location(lua_State* L) {
    if (lua_type(L, 1) == LUA_TSTRING) {
        std::size_t n = 0;
        const char* s = lua_tolstring(L, 1, &n);
        SplitMessage sm;
        if (parse_one(std::string_view(s, n), sm) && frame_at(L, sm.file, sm.line))
            verified_message = lua_topointer(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

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
    if (rt.depth > 0 && rt.doom.active) {
        // A call inside a doomed call (or budget scope) does not start: the stop stands
        // until the outermost call or scope has unwound, whoever caught it meanwhile.
        lua_settop(L, func - 1);
        throw build_error(plugin_id, LUA_ERRRUN, rt.doom, HandlerReport{}, "");
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
    if (rt.doom.active && rt.depth > 0)  // host work past the deadline or the memory cap
        throw build_error(plugin_id, status, rt.doom, HandlerReport{}, "");
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
                          sm.line, "语法错误：" + translate_syntax(sm.text));
    throw PluginError(std::string(plugin_id), ErrorKind::syntax, std::string(file), 0,
                      "语法错误：" + translate_syntax(msg));
}

}  // namespace dj::lua
