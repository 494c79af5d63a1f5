#pragma once
// A year of realistic submissions for every form of every enabled plugin, made through the
// service itself (validation, deadlines, approval chain), with the gaps, late reports,
// returns and pending approvals a real county has.
#include <cstdint>
#include <functional>
#include <string_view>

namespace dj {
class LocalService;
}

namespace dj::demo {

struct SubmissionReport {
    int submitted = 0;
    int late = 0;       // after a reopening
    int missing = 0;    // expected but never filed
    int drafts = 0;
    int returned = 0;
    int approved = 0;
};

SubmissionReport fill_submissions(LocalService& svc, int year, std::uint64_t seed,
                                  const std::function<void(double, std::string_view)>& progress);

}  // namespace dj::demo
