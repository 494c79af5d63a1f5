// Benchmark: every year indicator of the indicator test plugin (which uses each query
// primitive) for a whole city, through the engine (Lua + set-based SQL + cache writes),
// against hand-written SQL computing the same numbers on the same database in the same
// run; then the time to bring indicators current after one submission. The hand-written
// answers are compared with the engine's: a mismatch fails the benchmark.
// Usage: bench_indicators [county|city|province] WORKDIR. Prints Markdown.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "demo/demo_generator.hpp"
#include "service/local_service.hpp"

using namespace dj;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

const char* const kCounted = "state IN ('submitted','approved')";

// A year of activity records, venue checks and cases, written straight into the table (the
// service path is measured elsewhere): 0–3 records a branch a month.
std::int64_t fill(const db::Connection& c) {
    std::mt19937_64 rng(7);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    std::map<std::int64_t, std::vector<std::int64_t>> members;
    auto m = c.prepare("SELECT branch_id, id FROM member WHERE left_on IS NULL");
    while (m.step()) members[m.int64(0)].push_back(m.int64(1));
    std::vector<std::int64_t> branches, departments;
    auto b = c.prepare("SELECT id, type FROM org_current WHERE type IN ('branch','department')");
    while (b.step()) (b.text(1) == "branch" ? branches : departments).push_back(b.int64(0));
    db::Transaction tx(c);
    auto ins = c.prepare(
        "INSERT INTO submission(form_id, form_version, org_id, period, state, data, author, created_at, updated_at, submitted_on, on_time) "
        "VALUES (?, '1.0.0', ?, ?, 'submitted', ?, 'bench', '2020-12-31T00:00:00Z', '2020-12-31T00:00:00Z', '2020-12-31', 1)");
    const char* kinds[] = {"党课", "党员大会", "支委会"};
    std::int64_t rows = 0;
    for (auto br : branches) {
        const auto& ms = members[br];
        for (int month = 1; month <= 12; ++month)
            for (int k = pick(4); k > 0; --k) {
                json v = {{"kind", kinds[pick(3)]}, {"attendees", pick(12)}, {"people", json::array()}};
                for (int p = pick(4); p > 0 && !ms.empty(); --p) v["people"].push_back(ms[static_cast<std::size_t>(pick(static_cast<int>(ms.size())))]);
                if (!ms.empty() && pick(3) == 0) v["lecturer"] = ms[static_cast<std::size_t>(pick(static_cast<int>(ms.size())))];
                char period[8];
                std::snprintf(period, sizeof period, "2020-%02d", month);
                ins.bind_all(std::string("indtest.activity"), br, std::string(period), v.dump()).run();
                ++rows;
            }
        json venue = {{"has_place", pick(5) > 0}, {"has_flag", pick(5) > 0}, {"has_rules", pick(5) > 0}};
        ins.bind_all(std::string("indtest.venue"), br, std::string("2020"), venue.dump()).run();
        ++rows;
    }
    for (auto d : departments)
        if (pick(20) == 0) {
            ins.bind_all(std::string("indtest.case"), d, std::string("2020"), json({{"serious", pick(2) == 0}}).dump()).run();
            ++rows;
        }
    tx.commit();
    return rows;
}

using Answers = std::map<std::string, std::map<std::int64_t, double>>;  // indicator -> node id -> value

// What a developer would write by hand: a node→department (and node→branch) map for the
// tree at the year's end, then one grouped statement per indicator.
Answers hand_written(const db::Connection& c) {
    Answers a;
    db::Transaction tx(c, db::Transaction::Kind::Read);
    c.exec_script(
        "DROP TABLE IF EXISTS temp.dn; DROP TABLE IF EXISTS temp.bn;"
        "CREATE TEMP TABLE dn(dept INTEGER, node INTEGER); CREATE TEMP TABLE bn(branch INTEGER, node INTEGER);");
    const char* tree =
        "WITH RECURSIVE v AS (SELECT node_id, parent_id, type FROM org_version WHERE valid_from <= '2020-12-31' "
        "AND (valid_to IS NULL OR valid_to > '2020-12-31')), t(top, node) AS (SELECT node_id, node_id FROM v WHERE type = ?1 "
        "UNION ALL SELECT t.top, v.node_id FROM v JOIN t ON v.parent_id = t.node) ";
    c.prepare(std::string("INSERT INTO temp.dn ") + tree + "SELECT top, node FROM t").bind(1, "department").run();
    c.prepare(std::string("INSERT INTO temp.bn ") + tree + "SELECT top, node FROM t").bind(1, "branch").run();
    c.exec_script("CREATE INDEX temp.dn_node ON dn(node); CREATE INDEX temp.bn_node ON bn(node);");
    auto collect = [&](const std::string& name, const std::string& sql) {
        auto st = c.prepare(sql);
        while (st.step()) a[name][st.int64(0)] = st.is_null(1) ? NAN : st.real(1);
    };
    const std::string act = std::string(" FROM submission s JOIN dn ON dn.node = s.org_id WHERE s.form_id = 'indtest.activity' "
                                         "AND s.period BETWEEN '2020-01' AND '2020-12' AND s.") + kCounted;
    collect("activities", "SELECT dn.dept, count(*)" + act + " GROUP BY dn.dept");
    collect("attendance", "SELECT dn.dept, sum(json_extract(s.data, '$.attendees'))" + act +
                              " AND json_extract(s.data, '$.kind') IN ('党课','党员大会') GROUP BY dn.dept");
    collect("attendance_avg", "SELECT dn.dept, avg(json_extract(s.data, '$.attendees'))" + act + " GROUP BY dn.dept");
    collect("people", "SELECT dept, count(*) FROM (SELECT dn.dept, j.value" + std::string(" FROM submission s JOIN dn ON dn.node = s.org_id, json_each(s.data, '$.people') j WHERE s.form_id = 'indtest.activity' AND s.period BETWEEN '2020-01' AND '2020-12' AND s.") + kCounted + " GROUP BY dn.dept, j.value) GROUP BY dept");
    collect("regulars", "SELECT dept, count(*) FROM (SELECT dn.dept, j.value" + std::string(" FROM submission s JOIN dn ON dn.node = s.org_id, json_each(s.data, '$.people') j WHERE s.form_id = 'indtest.activity' AND s.period BETWEEN '2020-01' AND '2020-12' AND s.") + kCounted + " GROUP BY dn.dept, j.value HAVING count(*) >= 2) GROUP BY dept");
    collect("lectures", "SELECT branch, 25.0 * count(DISTINCT (CAST(substr(s.period, 6, 2) AS INTEGER) + 2) / 3) FROM submission s "
                        "JOIN bn ON bn.node = s.org_id WHERE s.form_id = 'indtest.activity' AND s.period BETWEEN '2020-01' AND '2020-12' "
                        "AND s." + std::string(kCounted) + " AND json_extract(s.data, '$.kind') = '党课' GROUP BY branch");
    collect("big_meetings", "SELECT branch, count(*) FROM submission s JOIN bn ON bn.node = s.org_id WHERE s.form_id = 'indtest.activity' "
                            "AND s.period BETWEEN '2020-01' AND '2020-12' AND s." + std::string(kCounted) +
                                " AND json_extract(s.data, '$.attendees') >= 5 GROUP BY branch");
    const std::string mem = " FROM member m JOIN dn ON dn.node = m.branch_id WHERE m.join_date <= '2020-12-31' "
                            "AND (m.left_on IS NULL OR m.left_on > '2020-12-31')";
    collect("formal", "SELECT dn.dept, count(*)" + mem + " AND m.full_date <= '2020-12-31' GROUP BY dn.dept");
    collect("fifty_years", "SELECT dn.dept, count(*)" + mem + " AND m.full_date <= '1970-12-31' GROUP BY dn.dept");
    // Lecturers per department once, indexed, then an anti-join: what a careful hand would write.
    c.exec_script((std::string("DROP TABLE IF EXISTS temp.lect; CREATE TEMP TABLE lect AS SELECT DISTINCT dn.dept, "
                              "json_extract(s.data, '$.lecturer') AS mid FROM submission s JOIN dn ON dn.node = s.org_id "
                              "WHERE s.form_id = 'indtest.activity' AND s.") + kCounted +
                  " AND substr(s.period, 1, 4) <= '2020' AND json_extract(s.data, '$.lecturer') IS NOT NULL;"
                  "CREATE INDEX temp.lect_k ON lect(dept, mid);")
                      .c_str());
    collect("no_lecture_yet", "SELECT dn.dept, count(*)" + mem +
                                  " AND m.full_date <= '2020-12-31' AND NOT EXISTS (SELECT 1 FROM lect WHERE lect.dept = dn.dept "
                                  "AND lect.mid = m.id) GROUP BY dn.dept");
    collect("branches_without_member",
            "SELECT dn.dept, count(*) FROM dn JOIN org_version v ON v.node_id = dn.node AND v.valid_from <= '2020-12-31' "
            "AND (v.valid_to IS NULL OR v.valid_to > '2020-12-31') WHERE v.type = 'branch' AND coalesce(v.has_discipline_member, 0) = 0 "
            "GROUP BY dn.dept");
    collect("filed", "SELECT dn.dept, count(DISTINCT s.org_id || '/' || s.period) FROM submission s JOIN dn ON dn.node = s.org_id "
                     "WHERE s.form_id = 'indtest.activity' AND s.period BETWEEN '2020-01' AND '2020-12' AND s.state <> 'draft' GROUP BY dn.dept");
    collect("venues_passed", "SELECT dn.dept, count(*) FROM submission s JOIN dn ON dn.node = s.org_id WHERE s.form_id = 'indtest.venue' "
                             "AND s.period = '2020' AND s." + std::string(kCounted) +
                                 " AND coalesce(json_extract(s.data, '$.has_place'), 0) + coalesce(json_extract(s.data, '$.has_flag'), 0) "
                                 "+ coalesce(json_extract(s.data, '$.has_rules'), 0) >= 3 GROUP BY dn.dept");
    collect("serious_cases", "SELECT dn.dept, count(*) FROM submission s JOIN dn ON dn.node = s.org_id WHERE s.form_id = 'indtest.case' "
                             "AND s.period = '2020' AND s." + std::string(kCounted) + " AND json_extract(s.data, '$.serious') = 1 GROUP BY dn.dept");
    collect("overdue_items", "SELECT dn.dept, count(*) FROM rectification r JOIN dn ON dn.node = r.org_id WHERE r.deadline < '2020-12-31' "
                             "AND r.status NOT IN ('done','verified') GROUP BY dn.dept");
    collect("staffing", "SELECT node_id, CASE WHEN staff_count IS NULL THEN 1 WHEN coalesce(party_affairs_staff, 0) < "
                        "max(2, (staff_count + 99) / 100) THEN 1 ELSE 0 END FROM org_version WHERE type = 'department' "
                        "AND valid_from <= '2020-12-31' AND (valid_to IS NULL OR valid_to > '2020-12-31')");
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string scale = argc > 1 ? argv[1] : "city";
    const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    const std::string path = (dir / ("indicators-" + scale + ".db")).string();
    const std::string fixture = std::string(DJ_SOURCE_DIR) + "/tests/indicators_fixture";
    std::filesystem::remove(path);
    demo::Options opt;
    opt.scale = scale;
    opt.submissions = false;
    opt.plugin_dirs = {fixture};
    demo::generate(path, opt);
    auto svc = LocalService::open(path);
    svc->set_extra_plugin_dirs({fixture});
    svc->set_today(Date::from_ymd(2020, 12, 20));
    auto admin = svc->actor("admin");
    svc->set_plugin(admin, PluginSetting{"indtest", "GW", true, "{}", false});
    const auto rows = fill(svc->connection());
    svc->connection().exec_script("ANALYZE");
    svc->list_plugins(admin);  // load the plugins outside the timings

    IndicatorQuery all{"2020", "GW", std::nullopt, true};
    double engine = 1e300, hand = 1e300;
    std::vector<IndicatorValue> values;
    Answers expected;
    for (int run = 0; run < 3; ++run) {
        svc->connection().prepare("DELETE FROM indicator_run").run();
        auto t = Clock::now();
        values = svc->indicator_values(admin, all);
        engine = std::min(engine, since(t));
        t = Clock::now();
        expected = hand_written(svc->connection());
        hand = std::min(hand, since(t));
    }
    // Same numbers, or the comparison means nothing.
    std::map<std::string, std::int64_t> id_of;
    {
        auto st = svc->connection().prepare("SELECT code, id FROM org_node");
        while (st.step()) id_of[st.text(0)] = st.int64(1);
    }
    std::size_t compared = 0, mismatches = 0;
    for (const auto& v : values) {
        std::string ind = v.indicator_id.substr(v.indicator_id.find('.') + 1);
        auto it = expected.find(ind);
        if (it == expected.end() || v.rolled_up) continue;
        double want = 0;
        if (auto w = it->second.find(id_of[v.org_code]); w != it->second.end()) want = w->second;
        else if (ind == "attendance_avg") continue;  // nothing filed: the engine says nil, SQL has no row
        double got = v.value.value_or(NAN);
        ++compared;
        if (!(std::fabs(got - want) < 1e-6)) {
            if (++mismatches <= 5) std::fprintf(stderr, "mismatch %s at %s: engine %g, hand-written %g\n", ind.c_str(), v.org_code.c_str(), got, want);
        }
    }

    // One submission, then the indicators current again: what the next screen waits for.
    std::vector<double> submit_times, refresh_times;
    std::string branch;
    {
        auto st = svc->connection().prepare("SELECT code FROM org_current WHERE type = 'branch' ORDER BY code LIMIT 1 OFFSET 100");
        st.step();
        branch = st.text(0);
    }
    std::size_t recomputed = 0;
    const int reps = std::getenv("DJ_BENCH_REPS") ? std::atoi(std::getenv("DJ_BENCH_REPS")) : 21;
    for (int i = 0; i < reps; ++i) {
        SubmitRequest r;
        r.form_id = "indtest.activity";
        r.unit_code = branch;
        r.period = "2020-12";
        r.values_json = json({{"kind", "党课"}, {"attendees", 5 + i}, {"people", json::array()}}).dump();
        auto t = Clock::now();
        svc->submit(admin, r);
        submit_times.push_back(since(t));
        t = Clock::now();
        auto stats = svc->refresh_indicators(admin);
        refresh_times.push_back(since(t));
        recomputed = stats.recomputed;
    }
    std::sort(submit_times.begin(), submit_times.end());
    std::sort(refresh_times.begin(), refresh_times.end());
    const double med_submit = submit_times[submit_times.size() / 2], med_refresh = refresh_times[refresh_times.size() / 2];

    std::size_t scope_values = 0;
    for (const auto& v : values) scope_values += v.rolled_up ? 0 : 1;
    std::printf("%s scale: %lld submissions written for the benchmark; %zu values (%zu at departments/branches), "
                "%zu compared with the hand-written SQL, %zu mismatches.\n\n",
                scale.c_str(), static_cast<long long>(rows), values.size(), scope_values, compared, mismatches);
    std::printf("| measure | hand-written SQL | dangjian | ratio |\n|---|---|---|---|\n");
    std::printf("| all year indicators of `indtest` (17, every query primitive), whole city, cold cache | %.0f ms | %.0f ms | %.2f× |\n",
                hand * 1e3, engine * 1e3, engine / hand);
    std::printf("\n| after one submission (median of 21) | time |\n|---|---|\n");
    std::printf("| the submission itself (validation, workflow, audit, marking) | %.2f ms |\n", med_submit * 1e3);
    std::printf("| bringing the affected indicators current (%zu values recomputed) | %.2f ms |\n", recomputed, med_refresh * 1e3);
    return mismatches == 0 && compared > 0 ? 0 : 1;
}
