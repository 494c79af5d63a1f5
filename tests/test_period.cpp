#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "model/period.hpp"

using dj::Date;
using dj::Period;
using dj::PeriodType;

namespace {
Date ymd(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }
}  // namespace

TEST_CASE("Period type ids and labels", "[period]") {
    for (PeriodType t : {PeriodType::Year, PeriodType::HalfYear, PeriodType::Quarter, PeriodType::Month}) {
        CHECK(dj::parse_period_type(dj::period_type_id(t)) == t);
    }
    CHECK(dj::period_type_id(PeriodType::HalfYear) == "half");
    CHECK(dj::period_type_label(PeriodType::Quarter) == "季度");
    CHECK(dj::period_type_label(PeriodType::Month) == "月度");
    CHECK_FALSE(dj::parse_period_type("week"));
    CHECK_FALSE(dj::parse_period_type(""));
}

TEST_CASE("Period parse/str round trip for all four types", "[period]") {
    for (const char* s : {"2020", "2020H1", "2020H2", "2020Q1", "2020Q4", "2020-01", "2020-12"}) {
        INFO(s);
        auto p = Period::parse(s);
        REQUIRE(p);
        CHECK(p->str() == s);
        CHECK(Period::parse(p->str()) == p);
    }
    CHECK(Period::parse("2020h1") == Period::half(2020, 1));
    CHECK(Period::parse("2020q3") == Period::quarter(2020, 3));
    CHECK(Period::parse("2020-7") == Period::month(2020, 7));
    CHECK(Period::parse(" 2020Q3 ") == Period::quarter(2020, 3));
    CHECK(Period::parse("2020")->type() == PeriodType::Year);
    const Period q = *Period::parse("2020Q3");
    CHECK(q.type() == PeriodType::Quarter);
    CHECK(q.year_number() == 2020);
    CHECK(q.index() == 3);
    CHECK(Period::year(2020).index() == 1);
}

TEST_CASE("Period::parse rejects malformed periods", "[period]") {
    for (const char* s : {"2020Q5", "2020Q0", "2020H3", "2020H0", "2020-13", "2020-0", "2020-", "abc", "",
                          "20", "2020M1", "2020Q", "2020-123", "2020Q01", "Q3 2020"}) {
        INFO(s);
        CHECK_FALSE(Period::parse(s));
    }
    CHECK_THROWS_WITH(Period::parse_or_throw("2020Q5"),
                      "期间格式不正确：「2020Q5」（应为 2020、2020H1、2020Q3 或 2020-07）");
    CHECK(Period::parse_or_throw("2020-07") == Period::month(2020, 7));
}

TEST_CASE("Period factories reject bad indexes", "[period]") {
    CHECK_THROWS_AS(Period::half(2020, 3), dj::UserError);
    CHECK_THROWS_AS(Period::quarter(2020, 0), dj::UserError);
    CHECK_THROWS_AS(Period::quarter(2020, 5), dj::UserError);
    CHECK_THROWS_AS(Period::month(2020, 13), dj::UserError);
    CHECK_THROWS_WITH(Period::month(2020, 13), Catch::Contains("13"));
}

TEST_CASE("Period::label_zh", "[period]") {
    CHECK(Period::year(2020).label_zh() == "2020年");
    CHECK(Period::half(2020, 1).label_zh() == "2020年上半年");
    CHECK(Period::half(2020, 2).label_zh() == "2020年下半年");
    CHECK(Period::quarter(2020, 1).label_zh() == "2020年第一季度");
    CHECK(Period::quarter(2020, 3).label_zh() == "2020年第三季度");
    CHECK(Period::quarter(2020, 4).label_zh() == "2020年第四季度");
    CHECK(Period::month(2020, 7).label_zh() == "2020年7月");
    CHECK(Period::month(2020, 12).label_zh() == "2020年12月");
}

TEST_CASE("Period start and end", "[period]") {
    CHECK(Period::year(2020).start() == ymd(2020, 1, 1));
    CHECK(Period::year(2020).end() == ymd(2020, 12, 31));
    CHECK(Period::quarter(2020, 1).end() == ymd(2020, 3, 31));
    CHECK(Period::quarter(2020, 2).start() == ymd(2020, 4, 1));
    CHECK(Period::quarter(2020, 2).end() == ymd(2020, 6, 30));
    CHECK(Period::half(2020, 1).end() == ymd(2020, 6, 30));
    CHECK(Period::half(2020, 2).start() == ymd(2020, 7, 1));
    CHECK(Period::half(2020, 2).end() == ymd(2020, 12, 31));
    CHECK(Period::month(2020, 2).end() == ymd(2020, 2, 29));
    CHECK(Period::month(2021, 2).end() == ymd(2021, 2, 28));
    CHECK(Period::month(2020, 4).end() == ymd(2020, 4, 30));
}

TEST_CASE("Period::contains and containing", "[period]") {
    const Period q3 = Period::quarter(2020, 3);
    CHECK(q3.contains(ymd(2020, 7, 1)));
    CHECK(q3.contains(ymd(2020, 9, 30)));
    CHECK_FALSE(q3.contains(ymd(2020, 6, 30)));
    CHECK_FALSE(q3.contains(ymd(2020, 10, 1)));
    CHECK(q3.contains(Period::month(2020, 8)));
    CHECK_FALSE(q3.contains(Period::half(2020, 2)));
    CHECK(Period::year(2020).contains(q3));
    CHECK(Period::containing(ymd(2020, 8, 15), PeriodType::Quarter) == q3);
    CHECK(Period::containing(ymd(2020, 8, 15), PeriodType::HalfYear) == Period::half(2020, 2));
    CHECK(Period::containing(ymd(2020, 6, 30), PeriodType::HalfYear) == Period::half(2020, 1));
    CHECK(Period::containing(ymd(2020, 12, 31), PeriodType::Month) == Period::month(2020, 12));
    CHECK(Period::containing(ymd(2020, 1, 1), PeriodType::Year) == Period::year(2020));
}

TEST_CASE("Period next/prev cross year boundaries", "[period]") {
    CHECK(Period::quarter(2020, 4).next() == Period::quarter(2021, 1));
    CHECK(Period::quarter(2021, 1).prev() == Period::quarter(2020, 4));
    CHECK(Period::month(2020, 12).next() == Period::month(2021, 1));
    CHECK(Period::month(2021, 1).prev() == Period::month(2020, 12));
    CHECK(Period::half(2020, 2).next() == Period::half(2021, 1));
    CHECK(Period::half(2020, 1).next() == Period::half(2020, 2));
    CHECK(Period::year(2020).next() == Period::year(2021));
    CHECK(Period::year(2020).prev() == Period::year(2019));
    CHECK(Period::month(2020, 7).next().str() == "2020-08");
}

TEST_CASE("Period::subperiods", "[period]") {
    const auto quarters = Period::year(2020).subperiods(PeriodType::Quarter);
    REQUIRE(quarters.size() == 4);
    CHECK(quarters.front() == Period::quarter(2020, 1));
    CHECK(quarters.back() == Period::quarter(2020, 4));
    const auto months = Period::year(2020).subperiods(PeriodType::Month);
    REQUIRE(months.size() == 12);
    for (int i = 0; i < 12; ++i) CHECK(months[i] == Period::month(2020, i + 1));
    CHECK(Period::year(2020).subperiods(PeriodType::HalfYear).size() == 2);
    const auto q3 = Period::quarter(2020, 3).subperiods(PeriodType::Month);
    REQUIRE(q3.size() == 3);
    CHECK(q3[0] == Period::month(2020, 7));
    CHECK(q3[2] == Period::month(2020, 9));
    const auto h2 = Period::half(2020, 2).subperiods(PeriodType::Quarter);
    CHECK(h2 == std::vector<Period>{Period::quarter(2020, 3), Period::quarter(2020, 4)});
    CHECK(Period::month(2020, 5).subperiods(PeriodType::Year).empty());
    CHECK(Period::quarter(2020, 2).subperiods(PeriodType::HalfYear).empty());
    CHECK(Period::month(2020, 5).subperiods(PeriodType::Month) == std::vector<Period>{Period::month(2020, 5)});
}

TEST_CASE("Period::deadline", "[period]") {
    CHECK(Period::quarter(2020, 1).deadline(0) == ymd(2020, 3, 31));
    CHECK(Period::quarter(2020, 1).deadline(15) == ymd(2020, 4, 15));
    CHECK(Period::year(2020).deadline(31) == ymd(2021, 1, 31));
    CHECK(Period::month(2020, 1).deadline(29) == ymd(2020, 2, 29));
    CHECK(Period::month(2020, 1).deadline(30) == ymd(2020, 3, 1));
}
