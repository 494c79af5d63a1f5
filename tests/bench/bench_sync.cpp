// What durability costs: acknowledged single-row write transactions (the shape of one
// `members add` or one form save) with synchronous=NORMAL against FULL, in the same run and
// the same folder. In WAL mode NORMAL syncs only at checkpoints (a power cut can lose the
// last acknowledged transactions); FULL syncs the WAL at every commit. Prints a Markdown table.
// Usage: bench_sync DIR [N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "db/database.hpp"

namespace {

double commits_per_second(const std::string& path, const char* synchronous, int n) {
    auto db = dj::db::Connection::open(path, true);
    db.exec_script("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload TEXT NOT NULL)");
    db.exec_script((std::string("PRAGMA synchronous = ") + synchronous).c_str());
    const std::string payload(400, 'x');  // about one member row
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        dj::db::Transaction tx(db);
        db.prepare("INSERT INTO t(name, payload) VALUES (?, ?)").bind_all(std::string("党员") + std::to_string(i), payload).run();
        tx.commit();
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return n / secs;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_sync DIR [N]\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const int n = argc > 2 ? std::stoi(argv[2]) : 500;
    // Alternating, best of three each: the disk and the machine are shared.
    double normal = 0, full = 0;
    for (int round = 0; round < 3; ++round) {
        normal = std::max(normal, commits_per_second((dir / ("normal" + std::to_string(round) + ".db")).string(), "NORMAL", n));
        full = std::max(full, commits_per_second((dir / ("full" + std::to_string(round) + ".db")).string(), "FULL", n));
    }
    std::printf("%d single-row write transactions per run, WAL mode, best of 3 runs each.\n\n", n);
    std::printf("| synchronous | commits/s | ms per commit | time vs NORMAL |\n|---|---|---|---|\n");
    std::printf("| NORMAL | %.0f | %.3f | 1× |\n", normal, 1000.0 / normal);
    std::printf("| FULL (used) | %.0f | %.3f | %.0f× |\n", full, 1000.0 / full, normal / full);
    std::printf("\nThe difference is one fsync per commit. One user action is one commit, so FULL adds this\n"
                "much to each save; bulk paths (CSV import, demo) run in one transaction and pay it once.\n");
    return 0;
}
