#include "store/record_clock.hpp"

#include "store/audit_log.hpp"

namespace dj::store {

std::string RecordClock::now() const {
    std::string stamp = utc_timestamp_now();
    if (day_) stamp.replace(0, 10, day_->iso());  // "YYYY-MM-DD" then "T…"
    return stamp;
}

}  // namespace dj::store
