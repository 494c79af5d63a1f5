// Indicators read on a connection other than the writer's (the server's read pool): a read
// never waits for the write lock, answers values current at its moment, and stores them only
// when that costs no waiting.
#include <catch2/catch.hpp>

#include "db/database.hpp"
#include "indicator_county.hpp"

using namespace dj;
using test::IndicatorCounty;

namespace {

std::int64_t marks(const db::Connection& db) {
    auto st = db.prepare("SELECT count(*) FROM indicator_dirty");
    st.step();
    return st.int64(0);
}

double activities_of(const std::vector<IndicatorValue>& rows, const std::string& org) {
    for (const auto& r : rows)
        if (r.indicator_id == "indtest.activities" && r.org_code == org && r.value) return *r.value;
    return -1;
}

}  // namespace

TEST_CASE("indicators read while another connection holds the write lock are current at once and stored later",
          "[indicators][changes][server_workers]") {
    IndicatorCounty c;
    c.fill_2020();
    const double before = c.values("2020")["activities"]["D2"];  // a county-wide run is cached now
    c.reopen("D2-B1", "2020-06");
    c.activity("D2-B1", "2020-06", "党课", 9, {});  // marks the cached values it affects

    auto reader = LocalService::open(c.db_path);
    reader->set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/indicators_fixture"});
    const auto admin = reader->actor("admin");
    const IndicatorQuery county{"2020", "XW", std::nullopt, true};
    {
        // Another connection holds the write lock, as the group-commit writer does for its
        // batches. Before, the read waited for it (up to the 10 s busy timeout, then failed).
        auto writer = db::Connection::open(c.db_path, false);
        writer.exec_script("BEGIN IMMEDIATE");
        REQUIRE(marks(writer) > 0);
        auto rows = reader->indicator_values(admin, county);
        CHECK(activities_of(rows, "D2") == before + 1);
        CHECK(marks(writer) > 0);  // nothing stored: the marks wait for a later read
        writer.exec_script("ROLLBACK");
    }
    // The lock is free: the same read now stores what it recomputed.
    CHECK(activities_of(reader->indicator_values(admin, county), "D2") == before + 1);
    CHECK(marks(reader->connection()) == 0);
    CHECK(c.values("2020")["activities"]["D2"] == before + 1);
}
