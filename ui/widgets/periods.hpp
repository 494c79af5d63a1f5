#pragma once
// Reporting periods as the form screens offer them: the form's period type, around the
// service's today (deadlines and demo databases run on that date, not the wall clock).
#include <string>
#include <vector>

#include "model/period.hpp"

namespace dj::ui {

// Recent periods first: the one containing `today`, the one after it (forms may be filled
// ahead only when it has started, which the service decides), then earlier ones.
std::vector<Period> periods_around(Date today, PeriodType type);

// A combo over periods_around, bound to a canonical period string ("2020-12").
// Returns true when the choice changed.
bool period_combo(const char* id, std::string& value, PeriodType type, Date today, float width,
                  const char* auto_id = nullptr);

// "2020年12月（截止 2021-01-10）" style helpers.
std::string period_label(const std::string& period);

// The form's period type from its id ("month"), month when unknown.
PeriodType period_type_of(const std::string& id);

}  // namespace dj::ui
