#pragma once
// Reporting periods: 2020 (year), 2020H1 (half-year), 2020Q3 (quarter), 2020-07 (month).
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"

namespace dj {

enum class PeriodType { Year = 0, HalfYear = 1, Quarter = 2, Month = 3 };

std::string_view period_type_id(PeriodType t);          // "year", "half", "quarter", "month"
std::string_view period_type_label(PeriodType t);       // "年度", "半年", "季度", "月度"
std::optional<PeriodType> parse_period_type(std::string_view id);  // accepts the ids above

class Period {
public:
    static Period year(int y);
    static Period half(int y, int h);       // h in 1..2, else UserError
    static Period quarter(int y, int q);    // q in 1..4
    static Period month(int y, int m);      // m in 1..12
    static Period containing(Date d, PeriodType t);

    // "2020", "2020H1", "2020h1", "2020Q3", "2020-07", "2020-7"; nullopt otherwise.
    static std::optional<Period> parse(std::string_view text);
    // Throws UserError: 期间格式不正确：「…」（应为 2020、2020H1、2020Q3 或 2020-07）
    static Period parse_or_throw(std::string_view text);

    PeriodType type() const { return type_; }
    int year_number() const { return year_; }
    int index() const { return index_; }  // 1-based within the year; 1 for a year

    std::string str() const;       // canonical: 2020, 2020H1, 2020Q3, 2020-07
    std::string label_zh() const;  // 2020年, 2020年上半年, 2020年第三季度, 2020年7月

    Date start() const;
    Date end() const;  // inclusive last day
    bool contains(Date d) const { return start() <= d && d <= end(); }
    bool contains(const Period& p) const { return start() <= p.start() && p.end() <= end(); }

    Period next() const;
    Period prev() const;
    // Every period of type t inside this one, in order (a year has 4 quarters, 12 months).
    // Empty if t is coarser than this period's type.
    std::vector<Period> subperiods(PeriodType t) const;
    // The last day a submission is on time: `days_after_end` days after end().
    Date deadline(int days_after_end) const { return end().add_days(days_after_end); }

    auto operator<=>(const Period&) const = default;

private:
    Period(PeriodType t, int y, int i) : type_(t), year_(y), index_(i) {}
    PeriodType type_;
    int year_;
    int index_;
};

}  // namespace dj
