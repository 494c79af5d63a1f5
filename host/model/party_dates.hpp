#pragma once
// Dates the Party's own rules derive from a member's record.
#include <optional>

#include "model/date.hpp"

namespace dj {

// 党龄: completed years since the 转正 date (党章 第七条: 党员的党龄，从预备期满转为正式党员之日算起).
// nullopt for a 预备党员 (no 转正 date yet) or when `on` is before the 转正 date.
std::optional<int> party_age(std::optional<Date> full_member_date, Date on);

// 政治生日: the anniversary of the 入党 date in `year`. A 02-29 join date falls on 02-28
// in a common year (the last day of February, as for birthdays in 民法 practice).
Date political_birthday(Date join_date, int year);

// Age in completed years.
int age_on(Date birth_date, Date on);

}  // namespace dj
