// Query-API floods: each q: method runs real SQL on the plugin's behalf. Its work (one
// charge per statement run, one per 8 SQLite operations) counts against the call's
// budget and deadline, so a loop of distinct queries is stopped like any loop, and the
// other plugins' indicators are still computed.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "hostile_support.hpp"
#include "indicator_county.hpp"

using dj::test::IndicatorCounty;

namespace {

std::string flood_script(const std::string& id, const std::string& body) {
    return "indicator \"" + id + "\" {\n  name = \"查询洪水\", scope = \"branch\",\n  compute = function(q)\n" + body +
           "\n  end,\n}\n";
}

}  // namespace

TEST_CASE("floods of query-API calls are charged and stopped", "[lua][hostile][indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    const auto unit = c.as("admin");  // one unit (so one sandbox) per flood
    // Three floods: distinct filters (no memo), distinct forms of one method, and a flood
    // hidden inside pcall that keeps querying after the stop.
    c.svc->save_unit_script(unit, "D1-B1", "flood_filters", flood_script("flood_filters", R"(
    local n = 0
    for i = 1, 100000000 do n = n + q:count("indtest.activity", { attendees = { ">=", i } }) end
    return n)"), "");
    c.svc->save_unit_script(unit, "D1-B2", "flood_methods", flood_script("flood_methods", R"(
    local n = 0
    for i = 1, 100000000 do n = n + (q:sum("indtest.activity", "attendees", { attendees = { "<", i } }) or 0) end
    return n)"), "");
    c.svc->save_unit_script(unit, "D2-B1", "flood_pcall", flood_script("flood_pcall", R"(
    while true do
      pcall(function() for i = 1, 100000000 do q:count("indtest.activity", { attendees = i }) end end)
    end)"), "");
    // Date arithmetic that would overflow is an error, not a date in another century.
    c.svc->save_unit_script(unit, "D1", "dates_overflow",
                            "indicator \"dates_overflow\" {\n  name = \"日期溢出\", scope = \"department\",\n"
                            "  compute = function(q) return #dates.add_days(\"2020-01-01\", 2^31) end,\n}\n",
                            "");
    dj::test::reset_peak_rss();
    const long before_kb = dj::test::current_rss_kb();
    const auto rows = c.rows("2020");
    std::set<std::string> stopped;
    bool others = false;
    bool dates_checked = false;
    for (const auto& r : rows) {
        const bool flood = r.indicator_id.rfind("unit_", 0) == 0 && r.indicator_id.find(".flood_") != std::string::npos;
        if (flood) {
            INFO(r.indicator_id << " @ " << r.org_code << ": " << r.error);
            CHECK_FALSE(r.value);
            if (r.error.find("运行超时") != std::string::npos) stopped.insert(r.indicator_id);
        }
        if (r.indicator_id == "indtest.activities" && r.value) others = true;
        if (r.indicator_id == "unit_d1.dates_overflow" && r.org_code == "D1") {
            CHECK_FALSE(r.value);
            CHECK(r.error.find("超出日期范围") != std::string::npos);
            dates_checked = true;
        }
    }
    CHECK(stopped.size() == 3);
    CHECK(others);
    CHECK(dates_checked);
    CHECK(dj::test::peak_rss_since_reset() < before_kb + 64 * 1024);
}

namespace {

// The value (or error) of a unit's department indicator at that unit for 2020.
dj::IndicatorValue value_at(IndicatorCounty& c, const std::string& unit, const std::string& id) {
    const std::string plugin = unit == "D1" ? "unit_d1." : "unit_d2.";
    for (const auto& r : c.rows("2020"))
        if (r.indicator_id == plugin + id && r.org_code == unit) return r;
    FAIL("no value of " << plugin << id << " at " << unit);
    return {};
}

// `calls` distinct q:count calls (the operator keeps them apart from another script's:
// indicators computed together share one memo).
std::string distinct_counts(const std::string& id, int calls, const std::string& op) {
    return "indicator \"" + id + "\" {\n  name = \"查询\", scope = \"department\",\n  compute = function(q)\n"
           "    local n = 0\n    for i = 1, " + std::to_string(calls) +
           " do n = n + q:count(\"indtest.activity\", { attendees = { \"" + op + "\", i } }) end\n    return n\n  end,\n}\n";
}

}  // namespace

TEST_CASE("each SQL statement of a query flood is charged: just within the budget computes, just past it stops",
          "[lua][hostile][indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    // Every statement costs a million units against a budget of ten million: the Lua
    // around the calls and the statements' own operations are a small remainder.
    dj::lua::Limits limits;
    limits.instructions = 10'000'000;
    limits.query_statement_units = 1'000'000;
    c.svc->set_plugin_limits(limits);
    const auto admin = c.as("admin");
    // Two units, two sandboxes: a plugin stopped once stays stopped for its other indicators.
    c.svc->save_unit_script(admin, "D1", "nine", distinct_counts("nine", 9, ">="), "");
    c.svc->save_unit_script(admin, "D2", "eleven", distinct_counts("eleven", 11, "<="), "");
    const auto within = value_at(c, "D1", "nine");
    INFO(within.error);
    CHECK(within.value);
    CHECK(within.error.empty());
    const auto past = value_at(c, "D2", "eleven");
    CHECK_FALSE(past.value);
    CHECK(past.error.find("运行超时（超出指令预算 10000000 条）") != std::string::npos);
}

TEST_CASE("one query past the per-call cap of SQL operations is stopped, whatever budget is left",
          "[lua][hostile][indicators]") {
    IndicatorCounty c;
    c.fill_2020();
    const auto admin = c.as("admin");
    const std::string script = R"(
indicator "summed" {
  name = "人次", scope = "department",
  compute = function(q) return q:sum("indtest.activity", "attendees") end,
})";
    c.svc->save_unit_script(admin, "D1", "summed", script, "");
    const auto computed = value_at(c, "D1", "summed");
    INFO(computed.error);
    REQUIRE(computed.value);

    // The same query under a cap of 10 operations (checked at each one) is too large.
    dj::lua::Limits limits;
    limits.query_ops = 10;
    limits.query_check_ops = 1;
    c.svc->set_plugin_limits(limits);
    c.svc->save_unit_script(admin, "D1", "summed", script + "\n-- capped\n", "");  // a new version: computed anew
    const auto capped = value_at(c, "D1", "summed");
    CHECK_FALSE(capped.value);
    CHECK(capped.error.find("q:sum 的查询过大（单次查询的工作量超过上限），请缩小范围或筛选条件") != std::string::npos);
}

TEST_CASE("a statement answered for every node at once is charged to each node by its share",
          "[lua][hostile][indicators]") {
    // The run asks one grouped statement for all the nodes it computes and keeps the
    // answers; the first node used to pay for all of them, so a cheap indicator stopped as
    // 运行超时 in a county of 5,000 branches. A node's verdict must not depend on how many
    // are computed with it: the budget that computes D1-B1 alone computes it county-wide.
    IndicatorCounty c;
    c.fill_2020();
    // 甲局's two branches with the same many records: the grouped statement's work is then
    // about twice one branch's, and the records, not the statement's set-up, are most of it.
    for (const char* branch : {"D1-B1", "D1-B2"})
        for (int i = 0; i < 120; ++i) c.activity(branch, "2020-0" + std::to_string(1 + i % 9), "党员大会", 5, {});
    const auto admin = c.as("admin");
    auto limits = [](std::int64_t budget) {  // only the SQL's own operations count
        dj::lua::Limits l;
        l.instructions = budget;
        l.query_statement_units = 0;
        l.query_call_units = 0;
        l.query_ops_per_unit = 1;
        l.query_check_ops = 1;
        return l;
    };
    int version = 0;
    // D1-B1's value of a branch indicator 甲局 adds for its branches, with `budget`,
    // computed for D1-B1 alone or in the county's run.
    auto at_d1b1 = [&](std::int64_t budget, bool alone) {
        c.svc->set_plugin_limits(dj::lua::Limits{});  // saving runs the script once
        c.svc->save_unit_script(admin, "D1", "share",
                                "indicator \"share\" {\n  name = \"活动次数\", scope = \"branch\",\n"
                                "  compute = function(q) return q:sum(\"indtest.activity\", \"attendees\") end,\n}\n-- " +
                                    std::to_string(++version) + "\n",
                                "");
        c.svc->set_plugin_limits(limits(budget));
        const auto rows = alone ? c.svc->indicator_values(c.as("filler1"), dj::IndicatorQuery{"2020", "D1-B1", std::nullopt, true})
                                : c.rows("2020");
        for (const auto& r : rows)
            if (r.indicator_id == "unit_d1.share" && r.org_code == "D1-B1") return r;
        dj::IndicatorValue none;  // the plugin itself did not load within the budget
        none.error = "no row";
        return none;
    };
    // The least budget (to a factor of 1.1) that computes it alone.
    std::int64_t lo = 1, hi = 1;
    while (!at_d1b1(hi, true).value) hi *= 2;
    while (hi > lo * 11 / 10 + 1) {
        const std::int64_t mid = (lo + hi) / 2;
        (at_d1b1(mid, true).value ? hi : lo) = mid;
    }
    INFO("budget that computes D1-B1 alone: " << hi);
    const auto together = at_d1b1(hi * 3 / 2, false);
    INFO(together.error);
    CHECK(together.value);
    CHECK(together.value == at_d1b1(hi * 3 / 2, true).value);
}
