#pragma once
// A calendar date without time zone: what 入党日期, deadlines and periods are made of.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dj {

// The forms a user may type a date in, as every placeholder and every error message names them
// (one wording everywhere: what the hint shows is what the check accepts).
inline constexpr const char* kDateFormsZh = "2020-12-18 或 2020年12月18日";

class Date {
public:
    Date() = default;  // 1970-01-01

    // Accepts the forms offices type and Excel writes: 2020-07-01, 2020-7-1, 2020/7/1,
    // 2020.7.1, 2020年7月1日, 20200701. Surrounding spaces are ignored. nullopt if not a
    // real calendar date (2020-02-30 is rejected).
    static std::optional<Date> parse(std::string_view text);
    // As parse, but throws UserError naming `what` (e.g. "入党日期") and the text.
    static Date parse_or_throw(std::string_view text, std::string_view what);
    // Throws UserError for an impossible date.
    static Date from_ymd(int year, unsigned month, unsigned day);
    static Date from_days(std::int32_t days_since_epoch);
    static Date today();  // local time

    std::string iso() const;  // YYYY-MM-DD
    int year() const;
    unsigned month() const;
    unsigned day() const;
    std::int32_t days() const { return days_; }  // since 1970-01-01
    Date add_days(int n) const { return from_days(days_ + n); }
    Date add_months(int n) const;  // clamps the day to the month's end (01-31 + 1 month = 02-28/29)

    auto operator<=>(const Date&) const = default;

private:
    std::int32_t days_ = 0;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

// Completed years from `from` to `on` (a birthday counts on its day). Negative if on < from.
int completed_years(Date from, Date on);

}  // namespace dj
