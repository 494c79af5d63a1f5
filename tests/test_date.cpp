#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "model/date.hpp"

using dj::Date;

TEST_CASE("Date::parse accepts every form offices type", "[date]") {
    const char* forms[] = {"2020-07-01", "2020-7-1",   "2020/7/1",    "2020/07/01",     "2020.7.1",
                           "2020.07.01", "2020年7月1日", "2020年07月01日", "20200701", "  2020-07-01  ",
                           "\t2020/7/1\r\n", "\xE3\x80\x80" "2020年7月1日"};
    for (const char* f : forms) {
        INFO(f);
        auto d = Date::parse(f);
        REQUIRE(d);
        CHECK(d->iso() == "2020-07-01");
    }
}

TEST_CASE("Date::parse rejects impossible dates and garbage", "[date]") {
    const char* bad[] = {"",           "   ",        "abc",        "2020-02-30", "2019-02-29", "2021-04-31",
                         "2020-13-01", "2020-00-10", "2020-01-00", "2020-7/1",   "20-07-01",   "2020-07-01x",
                         "2020-07",    "202007011",  "20201301",   "2020年7月",  "2020-007-01", "0000-01-01",
                         "2020--07-01"};
    for (const char* b : bad) {
        INFO(b);
        CHECK_FALSE(Date::parse(b));
    }
}

TEST_CASE("Date::parse_or_throw names the field and the text", "[date]") {
    CHECK(Date::parse_or_throw("2020-7-1", "入党日期") == Date::from_ymd(2020, 7, 1));
    try {
        Date::parse_or_throw("2020-13-01", "入党日期");
        FAIL("expected UserError");
    } catch (const dj::UserError& e) {
        CHECK(std::string(e.what()) == "入党日期格式不正确：「2020-13-01」（应为 2020-12-18 或 2020年12月18日）");
    }
    CHECK_THROWS_AS(Date::parse_or_throw("", "出生日期"), dj::UserError);
    CHECK_THROWS_WITH(Date::parse_or_throw("abc", "出生日期"), Catch::Contains("出生日期") && Catch::Contains("「abc」"));
}

TEST_CASE("Date::from_ymd rejects impossible dates", "[date]") {
    CHECK(Date::from_ymd(2020, 2, 29).iso() == "2020-02-29");
    CHECK_THROWS_AS(Date::from_ymd(2019, 2, 29), dj::UserError);
    CHECK_THROWS_WITH(Date::from_ymd(2020, 2, 30), Catch::Contains("2020-02-30"));
    CHECK_THROWS_AS(Date::from_ymd(2020, 13, 1), dj::UserError);
    CHECK_THROWS_AS(Date::from_ymd(2020, 0, 1), dj::UserError);
    CHECK_THROWS_AS(Date::from_ymd(2020, 1, 0), dj::UserError);
}

TEST_CASE("Date fields, days and epoch", "[date]") {
    CHECK(Date().iso() == "1970-01-01");
    CHECK(Date().days() == 0);
    CHECK(Date::from_days(1).iso() == "1970-01-02");
    CHECK(Date::from_days(-1).iso() == "1969-12-31");
    const Date d = Date::from_ymd(1921, 7, 23);
    CHECK(d.year() == 1921);
    CHECK(d.month() == 7u);
    CHECK(d.day() == 23u);
    CHECK(Date::from_days(d.days()) == d);
    CHECK(Date::from_ymd(2000, 1, 1).days() == 10957);
    CHECK(Date::from_ymd(2020, 7, 1) < Date::from_ymd(2020, 7, 2));
    CHECK(Date::from_ymd(2019, 12, 31).add_days(1) == Date::from_ymd(2020, 1, 1));
    CHECK(Date::from_ymd(2020, 3, 1).add_days(-1).iso() == "2020-02-29");
}

TEST_CASE("Date::today is a real date", "[date]") {
    const Date t = Date::today();
    CHECK(t.year() >= 2000);
    CHECK(Date::parse(t.iso()) == t);
}

TEST_CASE("Leap years and month lengths", "[date]") {
    CHECK(dj::is_leap_year(2020));
    CHECK(dj::is_leap_year(2000));
    CHECK_FALSE(dj::is_leap_year(1900));
    CHECK_FALSE(dj::is_leap_year(2021));
    CHECK(dj::days_in_month(2020, 2) == 29u);
    CHECK(dj::days_in_month(2021, 2) == 28u);
    CHECK(dj::days_in_month(1900, 2) == 28u);
    CHECK(dj::days_in_month(2021, 4) == 30u);
    CHECK(dj::days_in_month(2021, 12) == 31u);
}

TEST_CASE("Date::add_months clamps to the month's end", "[date]") {
    CHECK(Date::from_ymd(2021, 1, 31).add_months(1).iso() == "2021-02-28");
    CHECK(Date::from_ymd(2020, 1, 31).add_months(1).iso() == "2020-02-29");
    CHECK(Date::from_ymd(2020, 3, 31).add_months(1).iso() == "2020-04-30");
    CHECK(Date::from_ymd(2020, 11, 15).add_months(2).iso() == "2021-01-15");
    CHECK(Date::from_ymd(2020, 1, 15).add_months(-1).iso() == "2019-12-15");
    CHECK(Date::from_ymd(2020, 3, 31).add_months(-1).iso() == "2020-02-29");
    CHECK(Date::from_ymd(2020, 2, 29).add_months(12).iso() == "2021-02-28");
    CHECK(Date::from_ymd(2020, 2, 29).add_months(48).iso() == "2024-02-29");
    CHECK(Date::from_ymd(2020, 5, 5).add_months(0).iso() == "2020-05-05");
    CHECK(Date::from_ymd(2020, 5, 5).add_months(-25).iso() == "2018-04-05");
}

TEST_CASE("completed_years counts a birthday on its day", "[date]") {
    const Date from = Date::from_ymd(1990, 7, 1);
    CHECK(dj::completed_years(from, Date::from_ymd(2020, 6, 30)) == 29);
    CHECK(dj::completed_years(from, Date::from_ymd(2020, 7, 1)) == 30);
    CHECK(dj::completed_years(from, from) == 0);
    CHECK(dj::completed_years(from, Date::from_ymd(1990, 6, 30)) < 0);
    CHECK(dj::completed_years(from, Date::from_ymd(1989, 7, 1)) < 0);
    // A 02-29 date completes its year on 02-28 of a common year.
    const Date leap = Date::from_ymd(2000, 2, 29);
    CHECK(dj::completed_years(leap, Date::from_ymd(2001, 2, 27)) == 0);
    CHECK(dj::completed_years(leap, Date::from_ymd(2001, 2, 28)) == 1);
    CHECK(dj::completed_years(leap, Date::from_ymd(2004, 2, 28)) == 3);
    CHECK(dj::completed_years(leap, Date::from_ymd(2004, 2, 29)) == 4);
}
