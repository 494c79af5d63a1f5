#include "model/period.hpp"

#include "core/errors.hpp"

namespace dj {
namespace {

// How many periods of a type fit in a year; every type divides the year evenly, which is
// what makes next/prev/subperiods plain index arithmetic.
int per_year(PeriodType t) {
    switch (t) {
        case PeriodType::Year: return 1;
        case PeriodType::HalfYear: return 2;
        case PeriodType::Quarter: return 4;
        case PeriodType::Month: return 12;
    }
    return 1;
}

void check_year(int y) {
    // Dates are four-digit years; a period outside them could not report its start or end.
    if (y < 1 || y > 9999) throw UserError("年份不正确：" + std::to_string(y) + "（应为 1 至 9999）");
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string_view period_type_id(PeriodType t) {
    switch (t) {
        case PeriodType::Year: return "year";
        case PeriodType::HalfYear: return "half";
        case PeriodType::Quarter: return "quarter";
        case PeriodType::Month: return "month";
    }
    return "year";
}

std::string_view period_type_label(PeriodType t) {
    switch (t) {
        case PeriodType::Year: return "年度";
        case PeriodType::HalfYear: return "半年";
        case PeriodType::Quarter: return "季度";
        case PeriodType::Month: return "月度";
    }
    return "年度";
}

std::optional<PeriodType> parse_period_type(std::string_view id) {
    for (PeriodType t : {PeriodType::Year, PeriodType::HalfYear, PeriodType::Quarter, PeriodType::Month})
        if (period_type_id(t) == id) return t;
    return std::nullopt;
}

Period Period::year(int y) {
    check_year(y);
    return Period(PeriodType::Year, y, 1);
}

Period Period::half(int y, int h) {
    check_year(y);
    if (h < 1 || h > 2) throw UserError("半年序号不正确：" + std::to_string(h) + "（应为 1 或 2）");
    return Period(PeriodType::HalfYear, y, h);
}

Period Period::quarter(int y, int q) {
    check_year(y);
    if (q < 1 || q > 4) throw UserError("季度序号不正确：" + std::to_string(q) + "（应为 1 至 4）");
    return Period(PeriodType::Quarter, y, q);
}

Period Period::month(int y, int m) {
    check_year(y);
    if (m < 1 || m > 12) throw UserError("月份不正确：" + std::to_string(m) + "（应为 1 至 12）");
    return Period(PeriodType::Month, y, m);
}

Period Period::containing(Date d, PeriodType t) {
    check_year(d.year());
    const int months_per_period = 12 / per_year(t);
    return Period(t, d.year(), (static_cast<int>(d.month()) - 1) / months_per_period + 1);
}

std::optional<Period> Period::parse(std::string_view text) {
    const std::string_view s = trim(text);
    if (s.size() < 4 || !all_digits(s.substr(0, 4))) return std::nullopt;
    const int y = to_int(s.substr(0, 4));
    if (y < 1) return std::nullopt;
    const std::string_view rest = s.substr(4);
    if (rest.empty()) return Period(PeriodType::Year, y, 1);

    const char kind = rest.front();
    const std::string_view num = rest.substr(1);
    if (!all_digits(num) || num.size() > 2) return std::nullopt;
    const int i = to_int(num);
    if ((kind == 'H' || kind == 'h') && num.size() == 1 && i >= 1 && i <= 2)
        return Period(PeriodType::HalfYear, y, i);
    if ((kind == 'Q' || kind == 'q') && num.size() == 1 && i >= 1 && i <= 4)
        return Period(PeriodType::Quarter, y, i);
    if (kind == '-' && i >= 1 && i <= 12) return Period(PeriodType::Month, y, i);
    return std::nullopt;
}

Period Period::parse_or_throw(std::string_view text) {
    if (auto p = parse(text)) return *p;
    throw UserError("期间格式不正确：「" + std::string(text) + "」（应为 2020、2020H1、2020Q3 或 2020-07）");
}

std::string Period::str() const {
    std::string y = std::to_string(year_);
    y.insert(0, y.size() < 4 ? 4 - y.size() : 0, '0');
    switch (type_) {
        case PeriodType::Year: return y;
        case PeriodType::HalfYear: return y + "H" + std::to_string(index_);
        case PeriodType::Quarter: return y + "Q" + std::to_string(index_);
        case PeriodType::Month: return y + (index_ < 10 ? "-0" : "-") + std::to_string(index_);
    }
    return y;
}

std::string Period::label_zh() const {
    static constexpr const char* kQuarters[] = {"一", "二", "三", "四"};
    const std::string y = std::to_string(year_) + "年";
    switch (type_) {
        case PeriodType::Year: return y;
        case PeriodType::HalfYear: return y + (index_ == 1 ? "上半年" : "下半年");
        case PeriodType::Quarter: return y + "第" + kQuarters[index_ - 1] + "季度";
        case PeriodType::Month: return y + std::to_string(index_) + "月";
    }
    return y;
}

Date Period::start() const {
    const int months_per_period = 12 / per_year(type_);
    return Date::from_ymd(year_, static_cast<unsigned>((index_ - 1) * months_per_period + 1), 1);
}

Date Period::end() const {
    const int months_per_period = 12 / per_year(type_);
    return start().add_months(months_per_period).add_days(-1);
}

Period Period::next() const {
    if (index_ < per_year(type_)) return Period(type_, year_, index_ + 1);
    check_year(year_ + 1);
    return Period(type_, year_ + 1, 1);
}

Period Period::prev() const {
    if (index_ > 1) return Period(type_, year_, index_ - 1);
    check_year(year_ - 1);
    return Period(type_, year_ - 1, per_year(type_));
}

std::vector<Period> Period::subperiods(PeriodType t) const {
    std::vector<Period> out;
    if (static_cast<int>(t) < static_cast<int>(type_)) return out;  // coarser: nothing fits
    // A finer type t has `ratio` periods per one of ours (the same type gives just this one).
    const int ratio = per_year(t) / per_year(type_);
    const int first = (index_ - 1) * ratio + 1;
    for (int i = 0; i < ratio; ++i) out.push_back(Period(t, year_, first + i));
    return out;
}

}  // namespace dj
