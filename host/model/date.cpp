#include "model/date.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/errors.hpp"

namespace dj {
namespace {

using namespace std::chrono;

// Four-digit years only: that is what every accepted form has, and it keeps iso() unambiguous.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

std::string format_ymd(int y, unsigned m, unsigned d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

// Trims ASCII whitespace and the ideographic space (U+3000) that Chinese input methods type.
std::string_view trim(std::string_view s) {
    constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";
    for (;;) {
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
            s.remove_prefix(1);
        else if (s.starts_with(kIdeoSpace))
            s.remove_prefix(kIdeoSpace.size());
        else
            break;
    }
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
            s.remove_suffix(1);
        else if (s.ends_with(kIdeoSpace))
            s.remove_suffix(kIdeoSpace.size());
        else
            break;
    }
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads between min_len and max_len digits from the front of s.
bool take_number(std::string_view& s, std::size_t min_len, std::size_t max_len, int& out) {
    std::size_t n = 0;
    int v = 0;
    while (n < s.size() && n < max_len && is_digit(s[n])) v = v * 10 + (s[n++] - '0');
    if (n < min_len || (n < s.size() && is_digit(s[n]))) return false;
    s.remove_prefix(n);
    out = v;
    return true;
}

bool take(std::string_view& s, std::string_view token) {
    if (!s.starts_with(token)) return false;
    s.remove_prefix(token.size());
    return true;
}

std::optional<Date> make_checked(int y, int m, int d) {
    if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date::from_days(static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

year_month_day to_ymd(const Date& d) { return year_month_day{sys_days{days{d.days()}}}; }

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
    std::string_view s = trim(text);
    int y = 0, m = 0, d = 0;

    // 20200701: what some systems export; exactly eight digits, nothing else.
    if (s.size() == 8) {
        std::string_view t = s;
        if (take_number(t, 8, 8, y) && t.empty()) {
            return make_checked(y / 10000, y / 100 % 100, y % 100);
        }
    }

    if (!take_number(s, 4, 4, y)) return std::nullopt;
    if (take(s, "年")) {
        if (!take_number(s, 1, 2, m) || !take(s, "月") || !take_number(s, 1, 2, d)) return std::nullopt;
        take(s, "日");  // optional: "2020年7月1" is what people type too
    } else {
        if (s.empty()) return std::nullopt;
        const char sep = s.front();
        if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
        s.remove_prefix(1);
        // The same separator twice: "2020-7/1" is more likely a typo than a date.
        if (!take_number(s, 1, 2, m) || s.empty() || s.front() != sep) return std::nullopt;
        s.remove_prefix(1);
        if (!take_number(s, 1, 2, d)) return std::nullopt;
    }
    if (!s.empty()) return std::nullopt;
    return make_checked(y, m, d);
}

Date Date::parse_or_throw(std::string_view text, std::string_view what) {
    if (auto d = parse(text)) return *d;
    throw UserError(std::string(what) + "格式不正确：「" + std::string(text) + "」（应为 " + kDateFormsZh + "）");
}

Date Date::from_ymd(int y, unsigned m, unsigned d) {
    if (m <= 12 && d <= 31) {
        if (auto date = make_checked(y, static_cast<int>(m), static_cast<int>(d))) return *date;
    }
    throw UserError("日期不存在：「" + format_ymd(y, m, d) + "」");
}

Date Date::from_days(std::int32_t days_since_epoch) {
    Date d;
    d.days_ = days_since_epoch;
    return d;
}

Date Date::today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                    static_cast<unsigned>(local.tm_mday));
}

std::string Date::iso() const { return format_ymd(year(), month(), day()); }

int Date::year() const { return static_cast<int>(to_ymd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(to_ymd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(to_ymd(*this).day()); }

Date Date::add_months(int n) const {
    const year_month_day ymd = to_ymd(*this);
    // Count months from year 0 so that floor division handles negative n.
    const long total = static_cast<long>(static_cast<int>(ymd.year())) * 12 +
                       (static_cast<unsigned>(ymd.month()) - 1) + n;
    const long y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    const unsigned m = static_cast<unsigned>(total - y * 12) + 1;
    const unsigned last = days_in_month(static_cast<int>(y), m);
    const unsigned d = std::min(static_cast<unsigned>(ymd.day()), last);
    const year_month_day out{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m}, std::chrono::day{d}};
    return from_days(static_cast<std::int32_t>(sys_days{out}.time_since_epoch().count()));
}

bool is_leap_year(int y) { return std::chrono::year{y}.is_leap(); }

unsigned days_in_month(int y, unsigned m) {
    if (m < 1 || m > 12) return 0;  // not a month; callers validate before asking
    const year_month_day_last last{std::chrono::year{y}, month_day_last{std::chrono::month{m}}};
    return static_cast<unsigned>(last.day());
}

int completed_years(Date from, Date on) {
    // The anniversary in on's year, with 02-29 falling on 02-28 in a common year (the same
    // rule as political_birthday), so a 02-29 date completes its year on 02-28.
    int years = on.year() - from.year();
    if (from.add_months(12 * years) > on) --years;
    return years;
}

}  // namespace dj
