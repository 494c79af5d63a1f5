// Benchmark: demo generation at a scale, against a baseline measured in the same run —
// raw prepared inserts of the same number of rows into the same schema in one transaction.
// Prints a Markdown table; scripts/bench writes it into docs/benchmarks.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "db/migrations.hpp"
#include "demo/demo_generator.hpp"
#include "service/local_service.hpp"

using namespace dj;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::int64_t count(const db::Connection& c, const char* table) {
    auto st = c.prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.int64(0);
}

// The same row counts as the demo made, written with nothing but prepared inserts.
double raw_baseline(const std::string& path, std::int64_t nodes, std::int64_t versions, std::int64_t members,
                    std::int64_t flags) {
    std::filesystem::remove(path);
    auto c = db::Connection::open(path, true);
    db::migrate(c);
    auto start = Clock::now();
    db::Transaction tx(c);
    auto node = c.prepare("INSERT INTO org_node(code) VALUES (?)");
    auto ver = c.prepare("INSERT INTO org_version(node_id, valid_from, name, type, parent_id) VALUES (?, ?, ?, 'branch', ?)");
    for (std::int64_t i = 1; i <= nodes; ++i) node.bind(1, "N" + std::to_string(i)).run();
    for (std::int64_t i = 1; i <= versions; ++i)
        ver.bind(1, (i - 1) % nodes + 1)
            .bind(2, i > nodes ? "2019-03-01" : "2000-01-01")
            .bind(3, "某某党支部" + std::to_string(i))
            .bind(4, i > 1 ? std::optional<std::int64_t>(1) : std::nullopt)
            .run();
    auto mem = c.prepare(
        "INSERT INTO member(name, gender, birth_date, join_date, full_date, status, branch_id, post, cadre_level) "
        "VALUES (?, '男', '1980-01-01', '2000-01-01', '2001-01-01', '正式', ?, '科员', '一级科员')");
    for (std::int64_t i = 1; i <= members; ++i) mem.bind(1, "张三" + std::to_string(i)).bind(2, (i % nodes) + 1).run();
    auto flag = c.prepare("INSERT OR IGNORE INTO member_flag(member_id, flag) VALUES (?, '生活困难')");
    for (std::int64_t i = 1; i <= flags; ++i) flag.bind(1, i).run();
    tx.commit();
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    std::string scale = argc > 1 ? argv[1] : "city";
    std::string dir = argc > 2 ? argv[2] : "/tmp";
    std::string path = dir + "/bench-demo-" + scale + ".db";
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    demo::Options opt;
    opt.scale = scale;
    auto start = Clock::now();
    auto rep = demo::generate(path, opt);
    double demo_s = seconds_since(start);

    auto svc = LocalService::open(path);
    const auto& c = svc->connection();
    auto nodes = count(c, "org_node"), versions = count(c, "org_version"), members = count(c, "member"),
         flags = count(c, "member_flag");
    double raw_s = raw_baseline(dir + "/bench-raw-" + scale + ".db", nodes, versions, members, flags);

    std::printf("| scale | departments | party orgs | branches | members | demo generate (s) | raw inserts, same rows (s) | ratio |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    std::printf("| %s | %d | %d | %d | %d | %.3f | %.3f | %.2f× |\n", scale.c_str(), rep.departments,
                rep.party_organisations, rep.branches, rep.members, demo_s, raw_s, demo_s / raw_s);
    return 0;
}
