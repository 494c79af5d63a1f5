// Period and date parsing: what offices type into --period, --on and every date field.
// Properties: anything accepted prints back canonically and parses again to the same
// value; parse_or_throw refuses with UserError exactly where parse says nullopt.
#include <string_view>

#include "core/errors.hpp"
#include "harness.hpp"
#include "model/date.hpp"
#include "model/period.hpp"

DJ_FUZZ_TARGET(period) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    auto d = dj::Date::parse(text);
    if (d) {
        auto again = dj::Date::parse(d->iso());
        DJ_FUZZ_ASSERT(again && *again == *d);
        DJ_FUZZ_ASSERT(d->day() >= 1 && d->day() <= dj::days_in_month(d->year(), d->month()));
        // Near the ends of the calendar (years 1 and 9999) arithmetic may refuse, with a message.
        try {
            (void)d->add_months(13);
            (void)d->add_days(-366);
        } catch (const dj::UserError&) {
        }
        for (auto t : {dj::PeriodType::Year, dj::PeriodType::HalfYear, dj::PeriodType::Quarter, dj::PeriodType::Month})
            DJ_FUZZ_ASSERT(dj::Period::containing(*d, t).contains(*d));
    }
    bool threw = false;
    try {
        (void)dj::Date::parse_or_throw(text, "日期");
    } catch (const dj::UserError&) {
        threw = true;
    }
    DJ_FUZZ_ASSERT(threw == !d.has_value());

    auto p = dj::Period::parse(text);
    if (p) {
        auto again = dj::Period::parse(p->str());
        DJ_FUZZ_ASSERT(again && *again == *p);
        DJ_FUZZ_ASSERT(p->start() <= p->end());
        try {
            DJ_FUZZ_ASSERT(p->next().prev() == *p);
        } catch (const dj::UserError&) {
            DJ_FUZZ_ASSERT(p->year_number() == 9999 || p->year_number() == 1);  // no period beyond 9999
        }
        (void)p->label_zh();
        for (const auto& sub : p->subperiods(dj::PeriodType::Month)) DJ_FUZZ_ASSERT(p->contains(sub));
        (void)p->deadline(10);
    }
    threw = false;
    try {
        (void)dj::Period::parse_or_throw(text);
    } catch (const dj::UserError&) {
        threw = true;
    }
    DJ_FUZZ_ASSERT(threw == !p.has_value());
    (void)dj::parse_period_type(text);
    return 0;
}
