#include "indicators/query_api.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "lua/lua_json.hpp"
#include "lua/lua_module.hpp"
#include "lua/lua_runtime.hpp"
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

struct QueryMeter {
    lua::Runtime* rt;
    int step;               // operations between two progress calls
    std::int64_t per_unit;  // operations per budget unit charged
    std::int64_t ops;       // operations of this call so far
    std::int64_t owed;      // operations not yet charged (less than one budget unit)
    bool stopped;
};

// Operations per budget unit for a call whose statement answers `targets` nodes at once.
// The run asks one grouped statement for every node being computed and keeps the answers
// (the memo), so the node that happens to ask first would pay for all of them: a county of
// 5,000 branches stopped a cheap indicator as 运行超时 at the first branch. Each node is
// charged its share instead; Limits::query_ops still caps the statement as a whole.
std::int64_t ops_per_unit(const lua::Limits& limits, std::size_t targets) {
    const std::int64_t per_unit = limits.query_ops_per_unit > 0 ? limits.query_ops_per_unit : 1;
    return per_unit * static_cast<std::int64_t>(std::max<std::size_t>(targets, 1));
}

int query_progress(void* ctx) {
    auto* m = static_cast<QueryMeter*>(ctx);
    // What a call may spend is in lua::Limits: query_ops, query_ops_per_unit, …
    const lua::Limits& limits = m->rt->limits;
    m->ops += m->step;
    m->owed += m->step;
    const std::int64_t units = m->owed / m->per_unit;
    m->owed -= units * m->per_unit;
    const bool over = m->ops > limits.query_ops || lua::charge_host(*m->rt, units);
    if (over) m->stopped = true;
    return over ? 1 : 0;  // non-zero interrupts the statement
}

// Installs the meter for one method call; the previous handler (none) comes back after.
class ProgressGuard {
public:
    ProgressGuard(sqlite3* db, QueryMeter* meter) : db_(db) {
        sqlite3_progress_handler(db_, meter->step, query_progress, meter);
    }
    ~ProgressGuard() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }
    ProgressGuard(const ProgressGuard&) = delete;
    ProgressGuard& operator=(const ProgressGuard&) = delete;

private:
    sqlite3* db_;
};

// Every method: q:name(args…) → the run's answer for the node being computed.
template <const char* Name>
int method(lua_State* L) {
    if (lua_type(L, 1) != LUA_TTABLE) throw UserError(std::string("请用 q:") + Name + "(…) 调用（冒号）");
    QueryRun& run = active_run(L);
    json args = json::array();
    for (int i = 2; i <= lua_gettop(L); ++i) args.push_back(lua::to_json(L, i));
    json answer;
    {
        // The SQL a method runs is the plugin's work: every query_check_ops virtual-machine
        // operations SQLite reports back, charged to the call's budget; past the
        // deadline, the budget, or Limits::query_ops for this one call, the statement stops.
        lua::Runtime& rt = lua::runtime_of(L);
        QueryMeter meter{&rt, rt.limits.query_check_ops > 0 ? rt.limits.query_check_ops : 1,
                         ops_per_unit(rt.limits, run.targets().size()), 0, 0, false};
        ProgressGuard guard(run.database().raw(), &meter);
        const std::size_t statements = run.statements_run();
        run.set_member_rows(rt.limits.query_member_rows);
        try {
            answer = run.call(Name, args);
        } catch (const std::exception&) {
            if (!meter.stopped) throw;
        }
        // Preparing and running a statement costs far more than its VM operations show
        // (a flood of distinct small queries must not be nearly free); a memo hit is cheap.
        const auto ran = static_cast<std::int64_t>(run.statements_run() - statements);
        if (ran > 0) lua::charge_host(rt, ran * rt.limits.query_statement_units);
        if (meter.stopped && !lua::overdue(rt))
            throw UserError(std::string("q:") + Name + " 的查询过大（单次查询的工作量超过上限），请缩小范围或筛选条件");
    }
    // A memo hit still costs the lookup and the conversions. No raising here (this frame
    // owns C++ objects): a doom is raised by the dispatcher once they are gone.
    lua::Runtime& rt = lua::runtime_of(L);
    if (lua::charge_host(rt, rt.limits.query_call_units)) throw UserError("查询已停止");
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
    const lua_Integer n = luaL_checkinteger(L, 2);
    // Checked in 64 bits before narrowing: add_days(d, 2^31) must be an error, not a
    // date that wrapped around into another century.
    static const std::int64_t kFirst = Date::from_ymd(1, 1, 1).days();
    static const std::int64_t kLast = Date::from_ymd(9999, 12, 31).days();
    const std::int64_t base = d.days();
    if (n < kFirst - base || n > kLast - base)
        throw UserError("dates.add_days：结果超出日期范围（公元 1 年至 9999 年）");
    lua_pushstring(L, Date::from_days(static_cast<std::int32_t>(base + n)).iso().c_str());
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
