// Lua values <-> JSON: shapes, numbers, and the refusals with their paths.
#include <catch2/catch.hpp>

#include <limits>

#include "lua/lua_json.hpp"
#include "lua/sandbox.hpp"

using dj::lua::JsonError;
using dj::lua::Sandbox;
using dj::lua::ToJsonOptions;
using nlohmann::json;

namespace {

// Evaluates `code` in a fresh sandbox and converts its first result.
json lua_value(const std::string& code, const ToJsonOptions& options = {}) {
    Sandbox sb("json", dj::lua::memory_source({}));
    sb.run_string(code, "value.lua", 1);
    const json out = dj::lua::to_json(sb.lua(), -1, options);
    lua_pop(sb.lua(), 1);
    return out;
}

std::string refusal(const std::string& code, const ToJsonOptions& options = {}) {
    try {
        lua_value(code, options);
    } catch (const JsonError& e) {
        return e.what();
    }
    return "(no error)";
}

// Pushes `value` into a sandbox and reads it back through Lua code `probe`.
json through_lua(const json& value, const std::string& probe) {
    Sandbox sb("json", dj::lua::memory_source({}));
    sb.run_string("function probe(v) " + probe + " end", "probe.lua");
    return sb.call_global("probe", json::array({value}));
}

}  // namespace

TEST_CASE("Lua tables become arrays or objects", "[lua][json]") {
    CHECK(lua_value("return {1, 2, 3}") == json::array({1, 2, 3}));
    CHECK(lua_value("return {a = 1, b = '乙'}") == json::parse(R"({"a":1,"b":"乙"})"));
    CHECK(lua_value("return {1, 2, x = 3}") == json::parse(R"({"1":1,"2":2,"x":3})"));
    CHECK(lua_value("return {[1] = 'a', [3] = 'c'}") == json::parse(R"({"1":"a","3":"c"})"));
    CHECK(lua_value("return {[0] = 'z'}") == json::parse(R"({"0":"z"})"));
    CHECK(lua_value("return {{1}, {k = {true, false}}}") == json::parse(R"([[1],{"k":[true,false]}])"));
    CHECK(lua_value("return {}") == json::object());
    ToJsonOptions as_array;
    as_array.empty_table = dj::lua::EmptyTable::array;
    CHECK(lua_value("return {}", as_array) == json::array());
    CHECK(lua_value("return nil").is_null());
}

TEST_CASE("integers stay integers and floats stay floats", "[lua][json]") {
    const json i = lua_value("return 3");
    CHECK(i.is_number_integer());
    CHECK(i == 3);
    const json f = lua_value("return 3.0");
    CHECK(f.is_number_float());
    CHECK(f == 3.0);
    CHECK(lua_value("return math.maxinteger") == std::numeric_limits<std::int64_t>::max());
    CHECK(lua_value("return 1 / 3").get<double>() == Approx(1.0 / 3.0));
}

TEST_CASE("what JSON cannot hold is refused with its path", "[lua][json]") {
    CHECK(refusal("return {fields = {{id = 'a'}, {id = 'b', visible_if = function() end}}}") ==
          "无法转换为 JSON：fields[2].visible_if 是函数");
    CHECK(refusal("local t = {} t.self = t return t") == "无法转换为 JSON：self 有循环引用");
    CHECK(refusal("return 0/0") == "无法转换为 JSON：这个值是 NaN 或无穷大");
    CHECK(refusal("return {x = math.huge}") == "无法转换为 JSON：x 是 NaN 或无穷大");
    CHECK(refusal("return coroutine.create(function() end)") == "无法转换为 JSON：这个值是协程");
    CHECK(refusal("return {['\\255'] = 1}") == "无法转换为 JSON：这个值有一个键不是有效的 UTF-8 文本");
    CHECK(refusal("return {'\\xe5\\x85'}") == "无法转换为 JSON：[1] 不是有效的 UTF-8 文本");
    CHECK(refusal("return {[true] = 1}") ==
          "无法转换为 JSON：这个值有一个键的类型是 boolean（键只能是字符串或整数）");
    CHECK(refusal("return {[1.5] = 1}") ==
          "无法转换为 JSON：这个值有一个键的类型是 number（键只能是字符串或整数）");
    CHECK(refusal("local t = {} local c = t for i = 1, 100 do c.n = {} c = c.n end return t")
              .find("嵌套超过 64 层") != std::string::npos);
    // Shared (not cyclic) subtables are fine.
    CHECK(lua_value("local s = {1} return {a = s, b = s}") == json::parse(R"({"a":[1],"b":[1]})"));
}

TEST_CASE("functions can be left out instead of refused", "[lua][json]") {
    ToJsonOptions skip;
    skip.skip_functions = true;
    CHECK(lua_value("return {title = '表', check = function() end, list = {1, print, 3}}", skip) ==
          json::parse(R"({"title":"表","list":[1,null,3]})"));
}

TEST_CASE("JSON becomes Lua values", "[lua][json]") {
    CHECK(through_lua(json::parse(R"({"a":[1,2,3],"b":{"c":"丙"}})"),
                      "return #v.a + v.a[3] .. v.b.c") == "6丙");
    CHECK(through_lua(json(5), "return math.type(v)") == "integer");
    CHECK(through_lua(json(5.0), "return math.type(v)") == "float");
    CHECK(through_lua(json(std::numeric_limits<std::uint64_t>::max()), "return math.type(v)") == "float");
    CHECK(through_lua(json(nullptr), "return v == nil") == true);
    CHECK(through_lua(json::parse("[1,null,3]"), "return v[3]") == 3);
    CHECK(through_lua(json::parse(R"({"k":true})"), "return v.k") == true);
    CHECK(through_lua(json::parse(R"(["甲","乙"])"), "return table.concat(v, '、')") == "甲、乙");
}

TEST_CASE("a round trip keeps the value", "[lua][json]") {
    const json value = json::parse(
        R"({"name":"走访","n":3,"x":2.5,"ok":false,"list":[{"id":"a"},{"id":"b","tags":["t1"]}]})");
    CHECK(through_lua(value, "return v") == value);
}

TEST_CASE("pushing too deep a JSON document fails cleanly", "[lua][json]") {
    json deep = json::array();
    for (int i = 0; i < 100; ++i) deep = json::array({deep});
    Sandbox sb("json", dj::lua::memory_source({}));
    sb.run_string("function probe(v) return 1 end", "probe.lua");
    CHECK_THROWS_AS(sb.call_global("probe", json::array({deep})), dj::lua::PluginError);
    CHECK(sb.call_global("probe", json::array({1})) == 1);
}

TEST_CASE("UTF-8 validation", "[lua][json]") {
    CHECK(dj::lua::is_valid_utf8("党建 abc"));
    CHECK_FALSE(dj::lua::is_valid_utf8("\xe5\x85"));
    CHECK_FALSE(dj::lua::is_valid_utf8("\xc0\xaf"));        // overlong '/'
    CHECK_FALSE(dj::lua::is_valid_utf8("\xed\xa0\x80"));    // surrogate
    CHECK(dj::lua::is_valid_utf8("\xf0\x9f\x98\x80"));      // emoji
}
