// The baseline of `scripts/bench server`: the rows one form submission stores (a submission
// row and its first workflow step), inserted with raw SQLite into a copy of the same
// database, one transaction per row, synchronous=FULL like the server: no HTTP, no
// validation, no audit, no indicator marking. Prints key=value for scripts/bench.
// Usage: bench_raw_submit DB SECONDS FORM_ID ORG_CODE PERIOD VALUES_JSON   ({n}: a counter)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 7) {
        std::fprintf(stderr, "usage: bench_raw_submit DB SECONDS FORM_ID ORG_CODE PERIOD VALUES_JSON\n");
        return 2;
    }
    auto db = dj::db::Connection::open(argv[1], false);  // WAL, synchronous=FULL: as the server
    const double seconds = std::stod(argv[2]);
    const std::string form = argv[3], period = argv[5], values = argv[6];
    auto org = db.prepare("SELECT id FROM org_node WHERE code = ?");
    org.bind(1, std::string(argv[4]));
    if (!org.step()) {
        std::fprintf(stderr, "bench_raw_submit: no org %s\n", argv[4]);
        return 2;
    }
    const auto org_id = org.int64(0);
    org.reset();
    std::vector<double> latencies;
    const std::clock_t cpu_start = std::clock();  // this process's CPU: the row's cost without the disk wait
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    for (long n = 1; std::chrono::steady_clock::now() < deadline; ++n) {
        const auto t0 = std::chrono::steady_clock::now();
        dj::db::Transaction tx(db);
        db.prepare("INSERT INTO submission(form_id, form_version, org_id, member_id, period, state, step, data, author, "
                   "created_at, updated_at, submitted_on, on_time) VALUES (?,?,?,NULL,?,'submitted',0,?,'bench',"
                   "'2026-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z','2026-01-01',1)")
            .bind_all(form, std::string("1.0.0"), org_id, period, replace_all(values, "{n}", std::to_string(n)))
            .run();
        const auto id = db.last_insert_rowid();
        db.prepare("INSERT INTO submission_step(submission_id, at, actor, action, from_state, to_state, comment) "
                   "VALUES (?, '2026-01-01T00:00:00.000Z', 'bench', 'submit', NULL, 'submitted', '')")
            .bind(1, id)
            .run();
        tx.commit();
        latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu_us = 1e6 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::printf("rows=%zu seconds=%.1f per_second=%.1f p50_ms=%.2f p99_ms=%.2f cpu_us_per_row=%.0f\n", latencies.size(),
                secs, latencies.size() / secs, percentile(latencies, 0.5), percentile(latencies, 0.99),
                latencies.empty() ? 0.0 : cpu_us / static_cast<double>(latencies.size()));
    return 0;
}
