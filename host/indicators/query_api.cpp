#include "indicators/query_api.hpp"

#include "core/errors.hpp"
#include "lua/lua_json.hpp"
#include "lua/lua_module.hpp"
#include "model/date.hpp"

namespace dj::indicators {

using nlohmann::json;

namespace {

constexpr const char* kRunKey = "dj.query_run";
constexpr const char* kMetaKey = "dj.query_meta";

QueryRun& active_run(lua_State* L) {
    lua_getfield(L, LUA_REGISTRYINDEX, kRunKey);
    auto* run = static_cast<QueryRun*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!run) throw UserError("查询对象只能在 compute/check 执行期间使用");
    return *run;
}

// Every method: q:name(args…) → the run's answer for the node being computed.
template <const char* Name>
int method(lua_State* L) {
    if (lua_type(L, 1) != LUA_TTABLE) throw UserError(std::string("请用 q:") + Name + "(…) 调用（冒号）");
    QueryRun& run = active_run(L);
    json args = json::array();
    for (int i = 2; i <= lua_gettop(L); ++i) args.push_back(lua::to_json(L, i));
    json answer = run.call(Name, args);
    lua::push_json(L, answer);
    return 1;
}

constexpr char kCount[] = "count", kSum[] = "sum", kAvg[] = "avg", kMin[] = "min", kMax[] = "max",
               kCountDistinct[] = "count_distinct", kPeriodsWith[] = "periods_with",
               kCountMembers[] = "count_members", kMembers[] = "members", kCountNodes[] = "count_nodes",
               kNodes[] = "nodes", kCompleteness[] = "completeness", kChecklist[] = "checklist",
               kRectifications[] = "rectifications";

const luaL_Reg kQueryMethods[] = {
    {kCount, method<kCount>},
    {kSum, method<kSum>},
    {kAvg, method<kAvg>},
    {kMin, method<kMin>},
    {kMax, method<kMax>},
    {kCountDistinct, method<kCountDistinct>},
    {kPeriodsWith, method<kPeriodsWith>},
    {kCountMembers, method<kCountMembers>},
    {kMembers, method<kMembers>},
    {kCountNodes, method<kCountNodes>},
    {kNodes, method<kNodes>},
    {kCompleteness, method<kCompleteness>},
    {kChecklist, method<kChecklist>},
    {kRectifications, method<kRectifications>},
    {nullptr, nullptr},
};

Date date_arg(lua_State* L, int i) {
    const char* text = luaL_checkstring(L, i);
    auto d = Date::parse(text);
    if (!d) throw UserError(std::string("日期格式不正确：「") + text + "」");
    return *d;
}

int dates_add_days(lua_State* L) {
    Date d = date_arg(L, 1);
    lua_pushstring(L, d.add_days(static_cast<int>(luaL_checkinteger(L, 2))).iso().c_str());
    return 1;
}
int dates_diff_days(lua_State* L) {
    lua_pushinteger(L, date_arg(L, 2).days() - date_arg(L, 1).days());
    return 1;
}
int dates_month(lua_State* L) {
    lua_pushinteger(L, date_arg(L, 1).month());
    return 1;
}
int dates_year(lua_State* L) {
    lua_pushinteger(L, date_arg(L, 1).year());
    return 1;
}
int dates_years_between(lua_State* L) {
    lua_pushinteger(L, completed_years(date_arg(L, 1), date_arg(L, 2)));
    return 1;
}

const luaL_Reg kDates[] = {
    {"add_days", dates_add_days},   {"diff_days", dates_diff_days}, {"month", dates_month},
    {"year", dates_year},           {"years_between", dates_years_between}, {nullptr, nullptr},
};

}  // namespace

void install_query_api(lua::Plugin& plugin) {
    plugin.sandbox().host([](lua_State* L) {
        lua_getfield(L, LUA_REGISTRYINDEX, kMetaKey);
        const bool done = !lua_isnil(L, -1);
        lua_pop(L, 1);
        if (done) return;
        // Methods as a global first (how register_module works), then moved out of reach.
        lua::register_module(L, "__dj_query", kQueryMethods, nullptr);
        lua_newtable(L);  // the metatable of every q
        lua_getglobal(L, "__dj_query");
        lua_setfield(L, -2, "__index");
        lua_pushliteral(L, "q");
        lua_setfield(L, -2, "__metatable");
        lua_setfield(L, LUA_REGISTRYINDEX, kMetaKey);
        lua_pushnil(L);
        lua_setglobal(L, "__dj_query");
        lua::register_module(L, "dates", kDates, nullptr);
    });
}

json call_with_query(lua::Plugin& plugin, const lua::Registration& reg, std::string_view field, QueryRun& run,
                     const json& fields) {
    struct Clear {
        lua::Plugin& plugin;
        ~Clear() {
            try {
                plugin.sandbox().host([](lua_State* L) {
                    lua_pushnil(L);
                    lua_setfield(L, LUA_REGISTRYINDEX, kRunKey);
                });
            } catch (...) {
            }
        }
    } clear{plugin};
    return plugin.call_with(reg, field, [&](lua_State* L) {
        lua_pushlightuserdata(L, &run);
        lua_setfield(L, LUA_REGISTRYINDEX, kRunKey);
        lua::push_json(L, fields);
        lua_getfield(L, LUA_REGISTRYINDEX, kMetaKey);
        lua_setmetatable(L, -2);
        return 1;
    });
}

}  // namespace dj::indicators
