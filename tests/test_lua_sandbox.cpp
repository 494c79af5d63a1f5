// The sandbox's contract: allow-listed libraries, require through the source provider,
// the one call wrapper (budget, memory cap, error reports) and host modules.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "lua/lua_module.hpp"
#include "lua/sandbox.hpp"

using dj::lua::ErrorKind;
using dj::lua::Limits;
using dj::lua::PluginError;
using dj::lua::Sandbox;
using nlohmann::json;

namespace {

Limits small_limits() {
    Limits l;
    l.instructions = 100'000;
    l.memory_bytes = 4u << 20;
    l.cpu_ms = 5'000;
    return l;
}

dj::lua::SourceProvider files(std::map<std::string, std::string, std::less<>> f = {}) {
    return dj::lua::memory_source(std::move(f));
}

// Runs code expected to fail and returns the error.
PluginError failure(Sandbox& sb, const std::string& code) {
    try {
        sb.run_string(code, "main.lua");
    } catch (const PluginError& e) {
        return e;
    }
    FAIL("expected a PluginError from: " << code);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("sandbox evaluates plain Lua and converts results", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    CHECK(sb.eval("return 1 + 2") == 3);
    CHECK(sb.eval("return ('党建'):len()") == 6);
    CHECK(sb.eval("return string.format('%05.1f', 3.14159)") == "003.1");
    CHECK(sb.eval("return math.max(3, 9, 4)") == 9);
    CHECK(sb.eval("return utf8.len('关爱帮扶')") == 4);
    CHECK(sb.eval("local t = {3, 1, 2} table.sort(t) return t") == json::array({1, 2, 3}));
    CHECK(sb.eval("local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)"
                  " local x = co(1) return {x, co(10)}") == json::array({2, 20}));
}

TEST_CASE("only the allow-listed libraries and functions exist", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    for (const char* name : {"io", "package", "debug", "dofile", "loadfile", "warn"}) {
        INFO(name);
        CHECK(sb.eval(std::string("return rawget(_G, '") + name + "') == nil") == true);
    }
    CHECK(sb.eval("return rawget(string, 'dump') == nil") == true);
    CHECK(sb.eval("local n = 0 for k in pairs(os) do n = n + 1 end return n") == 4);
    CHECK(sb.eval("return type(os.time()) == 'number' and type(os.clock()) == 'number'") == true);
    CHECK(sb.eval("return os.date('%Y', 0):len()") == 4);
    CHECK(sb.eval("return os.difftime(10, 4)") == 6.0);
    CHECK(sb.eval("return type(collectgarbage('count'))") == "number");
    CHECK(sb.eval("return getmetatable('')") == false);
    CHECK(sb.eval("return getmetatable(_G)") == false);
    CHECK(sb.eval("return ('ab'):rep(3, '-')") == "ab-ab-ab");
}

TEST_CASE("reaching for a removed library is a forbidden act", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    const PluginError e = failure(sb, "local x = 1\nreturn io.open('/etc/passwd')");
    CHECK(e.kind() == ErrorKind::forbidden);
    CHECK(e.file() == "main.lua");
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()) == "插件 care：main.lua:2: 沙箱中没有 io 库：插件不能读写文件");
    // Swallowing it with pcall does not help: the call is doomed.
    const PluginError swallowed = failure(sb, "pcall(os.execute, 'ls') return 'carried on'");
    CHECK(swallowed.kind() == ErrorKind::forbidden);
    CHECK(sb.eval("return 'fine again'") == "fine again");
}

TEST_CASE("load is text-only and defaults to the plugin's globals", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    CHECK(sb.eval("answer = 42 return load('return answer')()") == 42);
    CHECK(sb.eval("return load('return answer', 'x', 't', {answer = 7})()") == 7);
    CHECK(sb.eval("local f, err = load('return +', 'bad') return err ~= nil and f == nil") == true);
    CHECK(failure(sb, "return load('return 1', 'x', 'bt')").kind() == ErrorKind::forbidden);
    CHECK(failure(sb, "return load('\\27Lua')").kind() == ErrorKind::forbidden);
    // A reader function handing out bytecode is refused by the forced text mode.
    CHECK(sb.eval("local done = false local f, err = load(function() if done then return nil end "
                  "done = true return '\\27Lua' end) return f == nil") == true);
}

TEST_CASE("print goes to a bounded log, never to stdout", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    sb.run_string("print('你好', 1, nil, true)", "main.lua");
    REQUIRE(sb.log().size() == 1);
    CHECK(sb.log()[0] == "你好\t1\tnil\ttrue");
    sb.run_string("for i = 1, 2000 do print('line', i) end", "main.lua");
    CHECK(sb.log().size() == Sandbox::kLogLines);
    CHECK(sb.log().back() == "line\t2000");
    sb.clear_log();
    sb.run_string("print(('x'):rep(100000))", "main.lua");
    REQUIRE(sb.log().size() == 1);
    CHECK(sb.log()[0].size() <= 2000);
}

TEST_CASE("errors carry plugin id, file, line and a Chinese message", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    const PluginError e = failure(sb, "local a = 1\nerror('慰问金必须为正')");
    CHECK(e.kind() == ErrorKind::error);
    CHECK(e.plugin_id() == "care");
    CHECK(e.file() == "main.lua");
    CHECK(e.line() == 2);
    CHECK(e.message() == "慰问金必须为正");
    CHECK(std::string(e.what()) == "插件 care：main.lua:2: 慰问金必须为正");
    CHECK_FALSE(e.traceback().empty());
    // Level 0 errors have no position in the text: the stack supplies it.
    const PluginError bare = failure(sb, "\n\nerror('无位置', 0)");
    CHECK(bare.line() == 3);
    // A PluginError is a UserError: front-ends show it as is.
    CHECK_THROWS_AS(sb.run_string("error('x')", "main.lua"), dj::UserError);
}

TEST_CASE("syntax errors are reported with file and line", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    try {
        sb.load_string("local x = 1\nx = = 2\n", "forms/visit.lua");
        FAIL("no syntax error");
    } catch (const PluginError& e) {
        CHECK(e.kind() == ErrorKind::syntax);
        CHECK(e.file() == "forms/visit.lua");
        CHECK(e.line() == 2);
        CHECK(std::string(e.what()).rfind("插件 care：forms/visit.lua:2: 语法错误：", 0) == 0);
    }
}

TEST_CASE("the instruction budget stops loops and names the place", "[lua][sandbox][budget]") {
    Sandbox sb("care", files(), small_limits());
    const PluginError e = failure(sb, "local n = 0\nwhile true do n = n + 1 end");
    CHECK(e.kind() == ErrorKind::timeout);
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()) == "插件 care：main.lua:2: 运行超时（超出指令预算 100000 条）");
    // A stop swallowed by the plugin's pcall is still reported.
    CHECK(failure(sb, "pcall(function() while true do end end) return 'survived'").kind() ==
          ErrorKind::timeout);
}

TEST_CASE("the budget is per call", "[lua][sandbox][budget]") {
    Sandbox sb("care", files(), small_limits());
    // About 60% of the budget each: fine one at a time, many times over.
    for (int i = 0; i < 5; ++i) CHECK_NOTHROW(sb.run_string("for i = 1, 60000 do end", "main.lua"));
    CHECK(failure(sb, "for i = 1, 60000 do end for i = 1, 60000 do end").kind() ==
          ErrorKind::timeout);
}

TEST_CASE("the budget is shared by all coroutines of a call", "[lua][sandbox][budget]") {
    Sandbox sb("care", files(), small_limits());
    CHECK_NOTHROW(sb.run_string("coroutine.wrap(function() for i = 1, 60000 do end end)()", "main.lua"));
    const PluginError e = failure(sb,
        "local a = coroutine.wrap(function() for i = 1, 60000 do end end)\n"
        "local b = coroutine.wrap(function() for i = 1, 60000 do end end)\n"
        "a() b()");
    CHECK(e.kind() == ErrorKind::timeout);
}

TEST_CASE("coroutines created in an earlier call still carry the hook", "[lua][sandbox][budget]") {
    Sandbox sb("care", files(), small_limits());
    sb.run_string("spinner = coroutine.create(function() while true do end end)", "setup.lua");
    const PluginError e = failure(sb, "local ok, err = coroutine.resume(spinner) error(err, 0)");
    CHECK(e.kind() == ErrorKind::timeout);
    CHECK(e.file() == "setup.lua");  // where the loop is
}

TEST_CASE("the processor-time safety net stops what the count cannot see", "[lua][sandbox][budget]") {
    Limits l = small_limits();
    l.instructions = 1'000'000'000'000;
    l.cpu_ms = 100;
    Sandbox sb("care", files(), l);
    const PluginError e = failure(sb, "while true do end");
    CHECK(e.kind() == ErrorKind::timeout);
    CHECK(e.message() == "运行超时（占用处理器超过 100 毫秒）");
}

namespace {

// A clock that moves one millisecond each time it is read: the sandbox reads it once per
// count-hook call (every 1000 instructions), so time is a function of the work done.
std::int64_t fake_clock_ns() {
    static std::int64_t now = 0;
    return now += 1'000'000;
}

}  // namespace

TEST_CASE("the processor-time limit is the one enforced: just below it runs, just above it stops", "[lua][sandbox][budget]") {
    Limits l = small_limits();
    l.instructions = 1'000'000'000'000;  // only the clock may stop these
    l.cpu_ms = 100;                     // about 100 hook calls, i.e. 100,000 instructions
    l.clock_ns = fake_clock_ns;
    Sandbox sb("care", files(), l);
    CHECK_NOTHROW(sb.run_string("for i = 1, 90000 do end", "main.lua"));
    const PluginError e = failure(sb, "for i = 1, 110000 do end");
    CHECK(e.kind() == ErrorKind::timeout);
    CHECK(e.message() == "运行超时（占用处理器超过 100 毫秒）");
    // The same work under a limit raised by a fifth runs.
    l.cpu_ms = 120;
    Sandbox roomier("care", files(), l);
    CHECK_NOTHROW(roomier.run_string("for i = 1, 110000 do end", "main.lua"));
}

TEST_CASE("the memory cap stops bloat, even when swallowed", "[lua][sandbox][memory]") {
    Limits l = small_limits();
    l.instructions = 10'000'000;  // allocation is charged too: let the cap speak first
    Sandbox sb("care", files(), l);
    const PluginError e = failure(sb, "local s = ('x'):rep(8 * 1024 * 1024)");
    CHECK(e.kind() == ErrorKind::memory);
    CHECK(e.message() == "内存超限（上限 4 MB）");
    CHECK(e.file() == "main.lua");
    const PluginError swallowed = failure(sb,
        "local ok = pcall(function() local t = {} while true do t[#t + 1] = ('x'):rep(4096) end end)\n"
        "return 'survived'");
    CHECK(swallowed.kind() == ErrorKind::memory);
    // The garbage is gone and the sandbox works again.
    CHECK(sb.memory_used() < 1u << 20);
    CHECK(sb.eval("return #('x'):rep(1000)") == 1000);
    CHECK(sb.memory_peak() >= 3u << 20);
}

TEST_CASE("allocating is charged to the budget", "[lua][sandbox][budget]") {
    Limits l = small_limits();
    l.memory_bytes = 64u << 20;
    Sandbox sb("care", files(), l);
    // Few instructions, but 16 MB copied per round: stopped by the budget, not the cap.
    const PluginError e = failure(sb, "local s = ('x'):rep(1 << 20) for i = 1, 1000 do local t = s .. i end");
    CHECK(e.kind() == ErrorKind::timeout);
}

TEST_CASE("finalizers are refused and the string metatable is sealed", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    CHECK(failure(sb, "setmetatable({}, {__gc = true})").kind() == ErrorKind::forbidden);
    CHECK(sb.eval("local t = setmetatable({}, {__index = function() return 5 end}) return t.x") == 5);
    CHECK(failure(sb, "getmetatable('').__index = nil").kind() == ErrorKind::error);
    CHECK(failure(sb, "collectgarbage('stop')").kind() == ErrorKind::forbidden);
}

TEST_CASE("error objects are never stringified by their own metamethods", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    const PluginError e = failure(sb,
        "error(setmetatable({}, {__tostring = function() while true do end end}))");
    CHECK(e.kind() == ErrorKind::error);
    CHECK(e.message() == "（错误对象是 table 类型，无法显示）");
    CHECK(e.line() == 1);
    CHECK(failure(sb, "error()").message() == "（错误没有附带说明）");
    CHECK(failure(sb, "error(42)").message() == "42");
}

TEST_CASE("xpcall handlers work, and a looping one is stopped", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    CHECK(sb.eval("local ok, m = xpcall(function() error('x', 0) end, function(m) return 'H:' .. m end)"
                  " return m") == "H:x");
    CHECK(failure(sb, "xpcall(function() while true do end end, function() while true do end end)")
              .kind() == ErrorKind::timeout);
    CHECK(failure(sb, "xpcall(function() error('x') end, function() while true do end end)").kind() ==
          ErrorKind::timeout);
}

TEST_CASE("require loads the plugin's own modules through the provider", "[lua][sandbox][require]") {
    Sandbox sb("care", files({
        {"forms/visit.lua", "loads = (loads or 0) + 1 return { title = '走访', name = ... }"},
        {"lib/nothing.lua", "x_loaded = true"},
        {"lib/cycle_a.lua", "return require('lib.cycle_b')"},
        {"lib/cycle_b.lua", "return require('lib.cycle_a')"},
        {"lib/bad.lua", "local t = {\n  1,\n  2 3\n}"},
        {"lib/fails.lua", "fails_runs = (fails_runs or 0) + 1 error('模块出错')"},
    }), small_limits());
    CHECK(sb.eval("return require('forms.visit').title") == "走访");
    CHECK(sb.eval("return require('forms.visit').name") == "forms.visit");
    CHECK(sb.eval("return require('forms.visit') == require('forms.visit')") == true);
    CHECK(sb.eval("return loads") == 1);  // cached across calls
    CHECK(sb.eval("return require('lib.nothing') == true and x_loaded") == true);

    const PluginError missing = failure(sb, "require('lib.absent')");
    CHECK(missing.kind() == ErrorKind::error);
    CHECK(missing.message() == "找不到模块 lib.absent（lib/absent.lua）");
    CHECK(failure(sb, "require('lib.cycle_a')").message().find("循环 require") != std::string::npos);
    CHECK(failure(sb, "require('lib/x')").kind() == ErrorKind::error);
    CHECK(failure(sb, "require('..lib')").kind() == ErrorKind::forbidden);
    CHECK(failure(sb, "require('/etc/passwd')").kind() == ErrorKind::forbidden);

    const PluginError syntax = failure(sb, "require('lib.bad')");
    CHECK(syntax.kind() == ErrorKind::syntax);
    CHECK(syntax.file() == "lib/bad.lua");
    CHECK(syntax.line() == 3);

    // A module that failed may be required again (it is not cached as loaded).
    CHECK(failure(sb, "require('lib.fails')").message() == "模块出错");
    CHECK(failure(sb, "require('lib.fails')").message() == "模块出错");
    CHECK(sb.eval("return fails_runs") == 2);
}

TEST_CASE("each sandbox is its own world", "[lua][sandbox]") {
    Sandbox a("a", files(), small_limits());
    Sandbox b("b", files(), small_limits());
    a.run_string("shared = 'from a' string.upper = nil", "main.lua");
    CHECK(b.eval("return shared") == nullptr);
    CHECK(b.eval("return ('x'):upper()") == "X");
}

namespace {

struct Counter {
    int calls = 0;
};

int counter_add(lua_State* L) {
    auto& c = dj::lua::module_context_as<Counter>(L);
    c.calls += static_cast<int>(luaL_checkinteger(L, 1));
    lua_pushinteger(L, c.calls);
    return 1;
}
int counter_refuse(lua_State*) { throw dj::lua::Forbidden("不能查看其他部门的数据"); }
int counter_user_error(lua_State*) { throw dj::UserError("参数不对"); }
int counter_bug(lua_State*) { throw std::runtime_error("oops"); }

const luaL_Reg kCounterModule[] = {
    {"add", counter_add},
    {"refuse", counter_refuse},
    {"user_error", counter_user_error},
    {"bug", counter_bug},
    {nullptr, nullptr},
};

}  // namespace

TEST_CASE("host modules are luaL_Reg tables with a context pointer", "[lua][sandbox][module]") {
    Sandbox sb("care", files(), small_limits());
    Counter counter;
    sb.register_module("counter", kCounterModule, &counter);
    CHECK(sb.eval("counter.add(2) return counter.add(3)") == 5);
    CHECK(counter.calls == 5);

    const PluginError refused = failure(sb, "pcall(counter.refuse) return 1");
    CHECK(refused.kind() == ErrorKind::forbidden);
    CHECK(refused.message() == "不能查看其他部门的数据");

    const PluginError user = failure(sb, "\ncounter.user_error()");
    CHECK(user.kind() == ErrorKind::error);
    CHECK(user.line() == 2);
    CHECK(user.message() == "参数不对");
    CHECK(sb.eval("local ok, e = pcall(counter.bug) return e") == "宿主内部错误：oops");
}

TEST_CASE("host→Lua calls nest and share one budget", "[lua][sandbox][module]") {
    Sandbox sb("care", files(), small_limits());
    struct Ctx {
        Sandbox* sb;
    } ctx{&sb};
    static const luaL_Reg reg[] = {
        {"call",
         [](lua_State* L) -> int {
             auto& c = dj::lua::module_context_as<Ctx>(L);
             lua_pushvalue(L, 1);
             c.sb->call(0, 1);  // nested: a PluginError here becomes a Lua error
             return 1;
         }},
        {nullptr, nullptr},
    };
    sb.register_module("host", reg, &ctx);
    CHECK(sb.eval("return host.call(function() return 7 end) + 1") == 8);
    CHECK(failure(sb, "pcall(host.call, function() while true do end end) return 1").kind() ==
          ErrorKind::timeout);
    CHECK(failure(sb, "for i = 1, 60000 do end host.call(function() for i = 1, 60000 do end end)")
              .kind() == ErrorKind::timeout);
}

TEST_CASE("call_global and call_ref pass JSON in and out", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    sb.run_string("function sum(t) local s = 0 for _, v in ipairs(t) do s = s + v end return s end\n"
                  "function pair(a, b) return { a = a, b = b } end", "main.lua");
    CHECK(sb.call_global("sum", json::array({json::array({1, 2, 3.5})})) == 6.5);
    CHECK(sb.call_global("pair", json::array({"甲", json::object({{"k", true}})})) ==
          json::parse(R"({"a":"甲","b":{"k":true}})"));
    CHECK_THROWS_AS(sb.call_global("absent"), PluginError);
    sb.load_string("return function(x) return x * 2 end", "f.lua");
    sb.call(0, 1);
    const int ref = sb.ref_top();
    CHECK(sb.call_ref(ref, json::array({21})) == 42);
    sb.unref(ref);
    CHECK(lua_gettop(sb.lua()) == 0);
}

TEST_CASE("host() rethrows C++ exceptions and keeps the stack balanced", "[lua][sandbox]") {
    Sandbox sb("care", files(), small_limits());
    CHECK_THROWS_AS(sb.host([](lua_State*) { throw std::invalid_argument("x"); }), std::invalid_argument);
    CHECK(lua_gettop(sb.lua()) == 0);
    sb.host([](lua_State* L) { lua_pushinteger(L, 5); });
    CHECK(lua_tointeger(sb.lua(), -1) == 5);
    lua_pop(sb.lua(), 1);
}
