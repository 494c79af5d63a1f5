// What the sandbox costs: a small host→Lua call and a tight loop with the budget hook
// and memory cap on, against a raw lua_State (luaL_openlibs, no hook); budgeted pattern
// matching against stock; and loading a plugin folder. Prints a Markdown table.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include <lua.hpp>

#include "lua/plugin.hpp"
#include "lua/sandbox.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds(const std::function<void()>& fn) {
    const auto start = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Best of a few runs: the machine is shared, the minimum is the least disturbed.
double best(int runs, const std::function<void()>& fn) {
    double b = 1e300;
    for (int i = 0; i < runs; ++i) b = std::min(b, seconds(fn));
    return b;
}

const char* const kSum =
    "return function(t) local s = 0 for i = 1, #t do s = s + t[i] end return s end";
const char* const kTable =
    "local t = {} for i = 1, 100 do t[i] = i end return t";
const char* const kLoop =
    "local x = 0 for i = 1, 20000000 do x = x + i % 7 end return x";
const char* const kPatterns =
    "local s = ('地址：某县某路 12 号 电话 0123-4567890 ; '):rep(2000) local n = 0 "
    "for i = 1, 20 do n = n + select(2, s:gsub('%d+', '#')) "
    "for a, b in s:gmatch('(%d+)-(%d+)') do n = n + 1 end "
    "n = n + (s:find('不存在', 1, true) or 0) + #(s:match('^%s*(.-)%s*$')) end return n";

struct Raw {
    lua_State* L = luaL_newstate();
    Raw() { luaL_openlibs(L); }
    ~Raw() { lua_close(L); }
    int ref(const char* code) {
        luaL_loadstring(L, code);
        lua_call(L, 0, 1);
        return luaL_ref(L, LUA_REGISTRYINDEX);
    }
};

constexpr int kCalls = 200'000;

double raw_calls() {
    Raw raw;
    const int fn = raw.ref(kSum), t = raw.ref(kTable);
    long long total = 0;
    const double s = best(3, [&] {
        for (int i = 0; i < kCalls; ++i) {
            lua_rawgeti(raw.L, LUA_REGISTRYINDEX, fn);
            lua_rawgeti(raw.L, LUA_REGISTRYINDEX, t);
            lua_pcall(raw.L, 1, 1, 0);
            total += lua_tointeger(raw.L, -1);
            lua_pop(raw.L, 1);
        }
    });
    return total > 0 ? s : -1;
}

double sandbox_calls() {
    dj::lua::Sandbox sb("bench", dj::lua::memory_source({}));
    sb.run_string(kSum, "sum.lua", 1);
    const int fn = sb.ref_top();
    sb.run_string(kTable, "table.lua", 1);
    const int t = sb.ref_top();
    long long total = 0;
    const double s = best(3, [&] {
        for (int i = 0; i < kCalls; ++i) {
            sb.push_ref(fn);
            sb.push_ref(t);
            sb.call(1, 1);
            total += lua_tointeger(sb.lua(), -1);
            lua_pop(sb.lua(), 1);
        }
    });
    return total > 0 ? s : -1;
}

double raw_chunk(const char* code) {
    Raw raw;
    return best(3, [&] {
        luaL_loadstring(raw.L, code);
        lua_pcall(raw.L, 0, 1, 0);
        lua_pop(raw.L, 1);
    });
}

double sandbox_chunk(const char* code) {
    dj::lua::Limits limits;
    limits.instructions = 2'000'000'000;
    limits.cpu_ms = 0;
    dj::lua::Sandbox sb("bench", dj::lua::memory_source({}), limits);
    return best(3, [&] { sb.eval(code, "bench.lua"); });
}

void row(const char* what, double raw, double ours, const char* unit, double scale) {
    std::printf("| %s | %.2f %s | %.2f %s | %.2f× |\n", what, raw * scale, unit, ours * scale, unit,
                ours / raw);
}

}  // namespace

int main() {
    std::printf("| measure | raw lua_State (openlibs, no hook) | dangjian sandbox | ratio |\n");
    std::printf("|---|---|---|---|\n");
    const double rc = raw_calls(), sc = sandbox_calls();
    row("host→Lua call, sum of 100 numbers (per call)", rc / kCalls, sc / kCalls, "µs", 1e6);
    row("tight loop, 2·10⁷ iterations", raw_chunk(kLoop), sandbox_chunk(kLoop), "ms", 1e3);
    row("patterns: gsub/gmatch/find/match on 80 KB ×20", raw_chunk(kPatterns),
        sandbox_chunk(kPatterns), "ms", 1e3);

    const std::filesystem::path good =
        std::filesystem::path(DJ_SOURCE_DIR) / "tests" / "plugins_fixture" / "bundled" / "good";
    constexpr int kLoads = 50;
    bool ok = true;
    const double load = seconds([&] {
        for (int i = 0; i < kLoads; ++i)
            ok = ok && dj::lua::load_plugin_dir(good).status == dj::lua::PluginStatus::loaded;
    });
    std::printf("\n| plugin folder load (fresh sandbox + manifest + 3 files) | %.2f ms |\n",
                load / kLoads * 1e3);
    std::printf("|---|---|\n");
    return ok ? 0 : 1;
}
