#pragma once
// The small county of support.hpp with the indicator test plugin (tests/indicators_fixture)
// enabled everywhere and a year of records whose indicator values are worked out by hand
// in the tests.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support.hpp"

namespace dj::test {

struct IndicatorCounty : SmallCounty {
    IndicatorCounty();
    // 2020: activities in three branches, venue checks, a serious case in 乙局, an overdue
    // rectification item in 甲局, and two more members in 甲局's second branch.
    void fill_2020();
    // Files one activity record on the period's last day (so it is on time).
    std::int64_t activity(const std::string& branch, const std::string& period, const std::string& kind, int attendees,
                          std::vector<std::int64_t> people, std::optional<std::int64_t> lecturer = std::nullopt,
                          bool draft = false);
    std::int64_t file(const std::string& form, const std::string& unit, const std::string& period, const std::string& values_json,
                      const std::string& login = "admin");
    void reopen(const std::string& unit, const std::string& period);
    // indicator local id -> org code -> value, for the whole county.
    std::map<std::string, std::map<std::string, double>> values(const std::string& period);
    std::vector<IndicatorValue> rows(const std::string& period);
    // (indicator local id, org code) -> the computation that last wrote it.
    std::map<std::pair<std::string, std::string>, std::int64_t> seqs(const std::string& period);
    std::map<std::string, std::int64_t> member_ids;
};

}  // namespace dj::test
