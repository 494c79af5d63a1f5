#pragma once
// When records are dated. A database made for a day other than the machine's (a demo's
// year, tests) pins that day: what is written then (submissions and their steps, votes,
// rectification items, attachments, plugin settings, scripts) carries the pinned day with
// the machine's time of day, so a 2020 county does not hold records made in a later year.
// Unpinned, it is the machine's clock. The audit log keeps the machine's clock: it records
// what was done to the file, when.
#include <optional>
#include <string>

#include "model/date.hpp"

namespace dj::store {

class RecordClock {
public:
    void pin(std::optional<Date> day) { day_ = day; }
    const std::optional<Date>& pinned() const { return day_; }
    // "2020-12-20T09:41:07.123Z"
    std::string now() const;

private:
    std::optional<Date> day_;
};

}  // namespace dj::store
