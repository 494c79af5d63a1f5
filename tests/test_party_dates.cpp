#include <catch2/catch.hpp>

#include "model/party_dates.hpp"

using dj::Date;

namespace {
Date ymd(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }
}  // namespace

TEST_CASE("party_age counts from the 转正 date, not the 入党 date", "[party_dates]") {
    // Joined 1970-07-01, full member 1971-07-01.
    const Date full = ymd(1971, 7, 1);
    CHECK(dj::party_age(full, ymd(2021, 6, 30)) == 49);
    CHECK(dj::party_age(full, ymd(2021, 7, 1)) == 50);
    CHECK(dj::party_age(full, full) == 0);
    CHECK(dj::party_age(full, ymd(1972, 6, 30)) == 0);
    CHECK(dj::party_age(full, ymd(1972, 7, 1)) == 1);
}

TEST_CASE("party_age is nullopt for a 预备党员 or before 转正", "[party_dates]") {
    CHECK_FALSE(dj::party_age(std::nullopt, ymd(2021, 7, 1)));
    CHECK_FALSE(dj::party_age(ymd(2021, 7, 1), ymd(2021, 6, 30)));
}

TEST_CASE("political_birthday is the 入党 anniversary", "[party_dates]") {
    CHECK(dj::political_birthday(ymd(1970, 7, 1), 2021) == ymd(2021, 7, 1));
    CHECK(dj::political_birthday(ymd(1999, 12, 31), 2020) == ymd(2020, 12, 31));
    // A 02-29 join date falls on 02-28 in a common year, and stays 02-29 in a leap year.
    CHECK(dj::political_birthday(ymd(2000, 2, 29), 2021) == ymd(2021, 2, 28));
    CHECK(dj::political_birthday(ymd(2000, 2, 29), 2024) == ymd(2024, 2, 29));
    CHECK(dj::political_birthday(ymd(2000, 2, 29), 1900) == ymd(1900, 2, 28));
}

TEST_CASE("age_on counts completed years", "[party_dates]") {
    const Date born = ymd(1985, 10, 1);
    CHECK(dj::age_on(born, ymd(2020, 9, 30)) == 34);
    CHECK(dj::age_on(born, ymd(2020, 10, 1)) == 35);
    CHECK(dj::age_on(ymd(2004, 2, 29), ymd(2022, 2, 28)) == 18);
    CHECK(dj::age_on(ymd(2004, 2, 29), ymd(2022, 2, 27)) == 17);
}
