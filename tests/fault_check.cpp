// The checker of scripts/fault, run while the server is down after a kill -9: the database
// passes PRAGMA integrity_check, and every submission id listed in the acknowledgements file
// (one per line, written by bench_load --acks) is stored. Prints key=value; exit 1 on a
// finding, naming it.
// Usage: fault_check DB ACKS
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "db/database.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: fault_check DB ACKS\n");
        return 2;
    }
    // Read-only, but through the normal open: a hot WAL left by the kill is recovered as the
    // server's next start would recover it.
    auto db = dj::db::Connection::open(argv[1], false);
    auto check = db.prepare("PRAGMA integrity_check");
    std::string verdict = check.step() ? check.text(0) : "no answer";
    check.reset();
    std::set<long long> stored;
    auto ids = db.prepare("SELECT id FROM submission");
    while (ids.step()) stored.insert(ids.int64(0));
    std::ifstream in(argv[2]);
    std::set<long long> acked;
    std::string line;
    long long missing = 0, first_missing = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        long long id = std::stoll(line);
        if (!acked.insert(id).second) continue;
        if (!stored.count(id)) {
            if (!missing) first_missing = id;
            ++missing;
        }
    }
    std::printf("integrity=%s acknowledged=%zu stored=%zu missing=%lld\n", verdict.c_str(), acked.size(), stored.size(),
                missing);
    if (verdict != "ok") {
        std::fprintf(stderr, "fault_check: integrity_check: %s\n", verdict.c_str());
        return 1;
    }
    if (missing) {
        std::fprintf(stderr, "fault_check: %lld acknowledged submissions are missing (first: %lld)\n", missing, first_missing);
        return 1;
    }
    return 0;
}
