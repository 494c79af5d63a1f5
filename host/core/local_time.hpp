#pragma once
// Times as people read them: stored times are UTC ("2021-06-15T02:30:12.345Z"); screens and
// the CLI show the machine's local time to the minute ("2021-06-15 10:30"), the same text
// in both.
#include <string>

namespace dj {

// Local time to the minute; the text unchanged when it is not such a UTC time.
std::string local_minute(const std::string& utc_iso);

}  // namespace dj
