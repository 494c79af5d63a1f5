// Demo data: the promised scale, determinism, and the realistic features later modules need.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "demo/demo_generator.hpp"
#include "support.hpp"

using namespace dj;

namespace {
std::int64_t scalar(const LocalService& s, const char* sql) {
    auto st = s.connection().prepare(sql);
    st.step();
    return st.int64(0);
}
std::string fingerprint(const LocalService& s) {
    auto st = s.connection().prepare(
        "SELECT group_concat(name || birth_date || join_date || branch_id, ';') FROM (SELECT * FROM member ORDER BY id)");
    st.step();
    return st.text(0);
}
}  // namespace

TEST_CASE("the demo county is realistic: old members, flags in plausible shares, a history", "[demo]") {
    test::TempDir dir;
    demo::Options opt;
    opt.submissions = false;
    auto rep = demo::generate(dir.file("c.db"), opt);
    CHECK(rep.departments == 120);
    CHECK(rep.branches == 400);
    CHECK(rep.members == 5000);
    auto svc = LocalService::open(dir.file("c.db"));
    CHECK(scalar(*svc, "SELECT count(*) FROM member WHERE join_date < '1949-10-01'") > 0);
    CHECK(scalar(*svc, "SELECT count(*) FROM member WHERE join_date < '1970-01-01'") > 20);
    auto poor = scalar(*svc, "SELECT count(*) FROM member_flag WHERE flag = '生活困难'");
    CHECK(poor > 50);
    CHECK(poor < 500);
    CHECK(scalar(*svc, "SELECT count(*) FROM member WHERE status = '预备'") > 0);
    CHECK(scalar(*svc, "SELECT count(DISTINCT kind) FROM org_current WHERE type = 'department'") >= 3);
    CHECK(scalar(*svc, "SELECT count(*) FROM org_version WHERE valid_to IS NOT NULL") >= 2);
    // Someone falls short of the 专职党务干部 rule, so the compliance indicators have work.
    CHECK(scalar(*svc, "SELECT count(*) FROM org_current WHERE type='department' AND party_affairs_staff < 2") > 0);
    CHECK(svc->audit_verify(svc->actor("admin")).intact);
}

TEST_CASE("the same seed gives the same data, another seed does not", "[demo]") {
    test::TempDir dir;
    demo::Options a;
    a.seed = 11;
    a.submissions = false;
    demo::generate(dir.file("a.db"), a);
    demo::generate(dir.file("b.db"), a);
    demo::Options c = a;
    c.seed = 12;
    demo::generate(dir.file("c.db"), c);
    auto fa = fingerprint(*LocalService::open(dir.file("a.db")));
    CHECK(fa == fingerprint(*LocalService::open(dir.file("b.db"))));
    CHECK(fa != fingerprint(*LocalService::open(dir.file("c.db"))));
}

TEST_CASE("the demo refuses an unknown scale and an existing file", "[demo]") {
    test::TempDir dir;
    demo::Options bad;
    bad.scale = "planet";
    CHECK_THROWS_WITH(demo::generate(dir.file("x.db"), bad), Catch::Contains("规模"));
    demo::Options none;
    none.submissions = false;
    demo::generate(dir.file("y.db"), none);
    CHECK_THROWS_WITH(demo::generate(dir.file("y.db"), none), Catch::Contains("已存在"));
}

TEST_CASE("the demo county files a year of records the way a real county does", "[demo][forms-service]") {
    test::TempDir dir;
    auto rep = demo::generate(dir.file("c.db"), {});
    CHECK(rep.submissions > 5000);
    CHECK(rep.late > 0);       // some filed after a reopening
    CHECK(rep.missing > 0);    // some never filed
    CHECK(rep.returned > 0);   // some sent back
    CHECK(rep.approved > 0);
    auto svc = LocalService::open(dir.file("c.db"));
    CHECK(svc->today() == Date::from_ymd(2020, 12, 20));
    auto admin = svc->actor();
    auto rows = svc->completeness(admin, "orglife.dues", "2020", "GW");
    REQUIRE_FALSE(rows.empty());
    CHECK(rows[0].submitted < rows[0].expected);  // gaps
    CHECK(rows[0].on_time < rows[0].submitted);   // and lateness
    CHECK(rows[0].submitted > rows[0].expected * 8 / 10);
    // Every record the demo wrote passed the same validation a user's would.
    CHECK(svc->audit_verify(admin).intact);
    CHECK(scalar(*svc, "SELECT count(*) FROM submission WHERE state = 'returned'") > 0);
    // Everything the demo wrote is dated in its own year (its today is 2020-12-20), not by
    // the machine's clock: records, their process history, votes, items, accounts.
    CHECK(scalar(*svc, "SELECT count(*) FROM evaluation_vote") > 0);
    CHECK(scalar(*svc, "SELECT count(*) FROM submission_step") > 0);
    for (const char* sql :
         {"SELECT count(*) FROM submission WHERE created_at NOT LIKE '2020-%' OR updated_at NOT LIKE '2020-%'",
          "SELECT count(*) FROM submission WHERE created_at > '2020-12-21' OR updated_at > '2020-12-21'",
          "SELECT count(*) FROM submission_step WHERE at NOT LIKE '2020-%' OR at > '2020-12-21'",
          "SELECT count(*) FROM evaluation_vote WHERE at NOT LIKE '2020-%' OR at > '2020-12-21'",
          "SELECT count(*) FROM rectification WHERE created_at NOT LIKE '2020-%' OR updated_at > '2020-12-21'",
          "SELECT count(*) FROM period_reopen WHERE at NOT LIKE '2020-%' OR at > '2020-12-21'",
          "SELECT count(*) FROM plugin_enablement WHERE updated_at NOT LIKE '2020-%'",
          "SELECT count(*) FROM app_user WHERE created_at NOT LIKE '2020-%'"}) {
        INFO(sql);
        CHECK(scalar(*svc, sql) == 0);
    }

    // The year's assessment spreads the county over all four ratings, each explained.
    auto result = svc->assess(admin, 2020, "GW");
    CHECK(result.rows.size() == 120);
    std::map<std::string, int> ratings;
    for (const auto& row : result.rows) {
        ++ratings[row.rating];
        CHECK_FALSE(row.lines.empty());
        CHECK(std::any_of(row.lines.begin(), row.lines.end(), [](const AssessmentLine& l) { return l.kind == "indicator"; }));
        if (row.rating == "差") CHECK((row.score < 60 || !row.veto.empty()));
    }
    INFO("好 " << ratings["好"] << " 较好 " << ratings["较好"] << " 一般 " << ratings["一般"] << " 差 " << ratings["差"]);
    for (const char* r : {"好", "较好", "一般", "差"}) CHECK(ratings[r] > 0);
}
