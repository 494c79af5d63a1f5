// The sandbox's string.find/match/gmatch/gsub are a re-implementation that charges the
// budget per matching step. They must agree with stock Lua 5.4 on results and errors.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include <lua.hpp>

#include "lua/sandbox.hpp"

using dj::lua::ErrorKind;
using dj::lua::Limits;
using dj::lua::PluginError;
using dj::lua::Sandbox;

namespace {

// Each case is {subject, pattern, init}; every function is tried on it, errors included.
const char* const kScript = R"LUA(
local cases = {
  {"hello world", "o", 1}, {"hello world", "o", 6}, {"hello world", "o", -3},
  {"hello world", "o", 0}, {"hello world", "o", 100}, {"hello world", "", 12},
  {"hello world", "(h)(e)", 1}, {"hello world", "()ll()", 1}, {"hello world", "^hello", 1},
  {"hello world", "^world", 1}, {"hello world", "world$", 1}, {"hello world", "o w$", 1},
  {"hello world", "l+", 1}, {"hello world", "l*", 1}, {"hello world", "l-o", 1},
  {"hello world", "x?h", 1}, {"hello world", "%a+", 1}, {"hello world", "%A", 1},
  {"  trim me  ", "^%s*(.-)%s*$", 1}, {"key = value", "(%w+)%s*=%s*(%w+)", 1},
  {"2020-07-01", "^(%d+)-(%d+)-(%d+)$", 1}, {"2020-7-1", "(%d%d?)", 6},
  {"THE (quick) fox", "%((%a+)%)", 1}, {"f(a(b)c)d", "%b()", 1}, {"[[x]]", "%b[]", 1},
  {"THE (quick) fox", "%f[%a]%a+", 1}, {"hello", "%f[%z]", 1}, {"abcabc", "(abc)%1", 1},
  {"abab", "(a)(b)%2", 1}, {"a.b", "%.", 1}, {"a.b", ".", 1}, {"a+b", "+", 1},
  {"x]y", "[]]", 1}, {"x-y", "[a-]", 1}, {"x^y", "[%^]", 1}, {"abc123", "[^%d]+", 1},
  {"abc123", "[b-c1]+", 1}, {"tab\there", "%c", 1}, {"MiXeD", "%u%l", 1},
  {"0x1F", "%x+", 2}, {"a,b,,c", "([^,]*)", 1}, {"党建工作", "建", 1}, {"党建工作", "[\128-\255]+", 1},
  {"aaa", "a-", 1}, {"aaa", "a-$", 1}, {"", "", 1}, {"", "a*", 1}, {"abc", "", 4},
  {"one two  three", "%s+", 1}, {"a\0b", "%z", 1}, {"a\0b", "\0", 1},
  {"abc", "%", 1}, {"abc", "[a", 1}, {"abc", "(a", 1}, {"abc", "a)", 1}, {"abc", "%b", 1},
  {"abc", "%f", 1}, {"abc", "%1", 1}, {"abc", "(a)%2", 1}, {"abc", "(()", 1},
  {"abc", "[%", 1}, {"x", ("(x?)"):rep(33), 1}, {"hello", "(l)(l)", 1},
}
local function pack(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, ",", 1, t.n)
end
local out = {}
for _, c in ipairs(cases) do
  local s, p, init = c[1], c[2], c[3]
  out[#out + 1] = pack(pcall(string.find, s, p, init))
  out[#out + 1] = pack(pcall(string.find, s, p, init, true))
  out[#out + 1] = pack(pcall(string.match, s, p, init))
  local got = {}
  local ok, err = pcall(function()
    for a, b in string.gmatch(s, p, init) do got[#got + 1] = tostring(a) .. "|" .. tostring(b) end
  end)
  out[#out + 1] = tostring(ok) .. ":" .. tostring(err) .. ":" .. table.concat(got, ";")
  out[#out + 1] = pack(pcall(string.gsub, s, p, "<%0>"))
  out[#out + 1] = pack(pcall(string.gsub, s, p, "%1-%%"))
  out[#out + 1] = pack(pcall(string.gsub, s, p, function(a, b) return a and (a .. "!") end))
  out[#out + 1] = pack(pcall(string.gsub, s, p, { l = "L", o = false, hello = 1 }, 2))
  out[#out + 1] = pack(pcall(string.gsub, s, p, "%9"))
  out[#out + 1] = pack(pcall(string.gsub, s, p, "x%"))
end
out[#out + 1] = pack(pcall(string.gsub, "abc", "b", true))
out[#out + 1] = pack(pcall(string.gsub, "abc", "b", function() return {} end))
out[#out + 1] = pack(("hello world"):gsub("o", "0", 1))
out[#out + 1] = pack(("abc"):gsub("", "-"))
out[#out + 1] = pack(("abc"):gsub("^", ">"))
out[#out + 1] = pack(("a b c"):gsub("%w", "%0%0"))
out[#out + 1] = pack(("abc"):gsub("()", "%1"))
local words = {}
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do words[#words + 1] = k .. v end
out[#out + 1] = table.concat(words, " ")
return table.concat(out, "\n")
)LUA";

std::string run_stock() {
    lua_State* L = luaL_newstate();
    luaL_openlibs(L);
    REQUIRE(luaL_loadbuffer(L, kScript, std::strlen(kScript), "@(host)") == LUA_OK);  // same name as ours
    REQUIRE(lua_pcall(L, 0, 1, 0) == LUA_OK);
    std::size_t n = 0;
    const char* s = lua_tolstring(L, -1, &n);
    std::string out(s, n);  // results may hold NUL bytes
    lua_close(L);
    return out;
}

}  // namespace

TEST_CASE("budgeted patterns agree with stock Lua 5.4", "[lua][patterns]") {
    Sandbox sb("patterns", dj::lua::memory_source({}));
    const std::string ours = sb.eval(kScript).get<std::string>();
    const std::string stock = run_stock();
    // Compare line by line so a difference names its case.
    std::size_t a = 0, b = 0;
    int line = 1;
    while (a < ours.size() || b < stock.size()) {
        const std::size_t ea = std::min(ours.find('\n', a), ours.size());
        const std::size_t eb = std::min(stock.find('\n', b), stock.size());
        INFO("output line " << line);
        CHECK(ours.substr(a, ea - a) == stock.substr(b, eb - b));
        a = ea + 1;
        b = eb + 1;
        ++line;
    }
    CHECK(line > 600);
}

TEST_CASE("pattern work is charged to the budget", "[lua][patterns]") {
    Limits l;
    l.instructions = 1'000'000;
    Sandbox sb("patterns", dj::lua::memory_source({}), l);
    // Ordinary use on sizeable text stays well inside the budget.
    CHECK(sb.eval("local s = ('word '):rep(20000) local n = 0 for w in s:gmatch('%a+') do n = n + 1 end"
                  " return n") == 20000);
    CHECK(sb.eval("return select(2, ('a,b;'):rep(10000):gsub('[,;]', ' '))") == 20000);
    CHECK(sb.eval("return (('x'):rep(100000) .. 'needle'):find('needle', 1, true)") == 100001);
    // Catastrophic backtracking is stopped instead of running for hours.
    try {
        sb.run_string("return ('a'):rep(40000):find('.-.-.-.-.-b')", "blowup.lua");
        FAIL("not stopped");
    } catch (const PluginError& e) {
        CHECK(e.kind() == ErrorKind::timeout);
        CHECK(e.file() == "blowup.lua");
        CHECK(e.line() == 1);
    }
    CHECK(sb.eval("return ('ok'):upper()") == "OK");
}
