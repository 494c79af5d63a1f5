// The server's read pool: instances lent one request at a time, readers that neither block
// nor are blocked by the writer, and indicator reads of clean values that never wait for
// the write lock.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "indicator_county.hpp"
#include "service/read_pool.hpp"

using namespace dj;

namespace {

ReadPool::Opener opener(const std::string& path, std::vector<std::filesystem::path> dirs = {}) {
    return [path, dirs] {
        auto s = LocalService::open(path);
        s->set_extra_plugin_dirs(dirs);
        return s;
    };
}

}  // namespace

TEST_CASE("read pool: at most N instances, a lease goes back for the next request", "[read_pool]") {
    test::SmallCounty c;
    ReadPool pool(opener(c.db_path), 2);
    LocalService* first = nullptr;
    {
        auto a = pool.acquire();
        first = &*a;
        auto b = pool.acquire();
        CHECK(&*a != &*b);
        CHECK(pool.opened() == 2);
        std::atomic<bool> got{false};
        std::thread third([&] {
            auto c3 = pool.acquire();  // waits for a or b
            got = true;
        });
        CHECK_FALSE(got);  // a and b are still lent out
        {
            auto gone = std::move(a);
        }
        third.join();
        CHECK(got);
        CHECK(pool.opened() == 2);
    }
    // Reused, not opened again.
    auto again = pool.acquire();
    CHECK(pool.opened() == 2);
    CHECK((&*again == first || pool.opened() == 2));

    // After renew, what was open is closed, and fresh instances are opened.
    pool.renew();
    CHECK(pool.opened() == 1);  // only the lease still out
    {
        auto drop = std::move(again);
    }
    CHECK(pool.opened() == 0);
    auto fresh = pool.acquire();
    CHECK(pool.opened() == 1);
}

TEST_CASE("read pool: a reader sees the last commit while the writer holds the write lock", "[read_pool]") {
    test::SmallCounty c;
    auto admin = c.as("admin");
    const auto before = c.svc->list_members(admin, "XW", MemberFilter{true, {}, {}, c.svc->today()}).size();
    ReadPool pool(opener(c.db_path), 2);
    // The writer is in the middle of a transaction with an uncommitted member.
    db::Transaction tx(c.svc->connection());
    auto m = c.svc->member(admin, 1, c.svc->today());
    MemberInput in{"新党员", m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_code, "", "", {}};
    c.svc->add_member(admin, in);
    {
        auto reader = pool.acquire();
        CHECK(reader->list_members(reader->actor("admin"), "XW", MemberFilter{true, {}, {}, c.svc->today()}).size() == before);
    }
    tx.commit();
    auto reader = pool.acquire();
    CHECK(reader->list_members(reader->actor("admin"), "XW", MemberFilter{true, {}, {}, c.svc->today()}).size() == before + 1);
}

TEST_CASE("read pool: reading clean indicator values does not take the write lock", "[read_pool][indicators]") {
    test::IndicatorCounty c;
    c.fill_2020();
    auto admin = c.as("admin");
    ReadPool pool(opener(c.db_path, {std::string(DJ_TESTS_DIR) + "/indicators_fixture"}), 1);
    std::size_t count = 0;
    {
        auto reader = pool.acquire();
        // The first read brings the cache current (it writes, under the write lock).
        count = reader->indicator_values(reader->actor("admin"), IndicatorQuery{"2020", "D1", std::nullopt, true}).size();
        REQUIRE(count > 0);
    }
    // Another connection holds the write lock, as the group-commit writer does for a batch.
    auto writer = db::Connection::open(c.db_path, false);
    db::Transaction held(writer);
    auto reader = pool.acquire();
    // Before the fix this waited out the 10 s busy timeout and failed with 数据库被占用.
    CHECK(reader->indicator_values(reader->actor("admin"), IndicatorQuery{"2020", "D1", std::nullopt, true}).size() == count);
    held.commit();
    (void)admin;
}
