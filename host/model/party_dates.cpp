#include "model/party_dates.hpp"

#include <algorithm>

namespace dj {

std::optional<int> party_age(std::optional<Date> full_member_date, Date on) {
    // 党龄 runs from 转正, never from 入党: the 预备期 does not count.
    if (!full_member_date || on < *full_member_date) return std::nullopt;
    return completed_years(*full_member_date, on);
}

Date political_birthday(Date join_date, int year) {
    const unsigned day = std::min(join_date.day(), days_in_month(year, join_date.month()));
    return Date::from_ymd(year, join_date.month(), day);
}

int age_on(Date birth_date, Date on) { return completed_years(birth_date, on); }

}  // namespace dj
