#pragma once
// Deterministic synthetic data at three scales, for the demo, tests and benchmarks.
#include <cstdint>
#include <functional>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

namespace dj::demo {

struct Scale {
    std::string_view name;
    int departments;
    int branches;  // 党支部 in all
    int members;
};
// county ≈ 120 / 400 / 5,000; city ≈ 1,500 / 5,000 / 60,000; province ≈ 20,000 / 70,000 / 800,000.
const Scale* find_scale(std::string_view name);

struct Options {
    std::string scale = "county";
    std::uint64_t seed = 2020;
    int year = 2020;  // the data is as recorded at the end of this year
    // A year of submissions for every form of every bundled plugin. Unset: at county scale
    // only (a city's year takes minutes; benchmarks ask for it explicitly).
    std::optional<bool> submissions;
    std::vector<std::string> plugin_dirs;  // searched after the bundled folder
    // Called now and then with the share done (0..1) and what is being made.
    std::function<void(double, std::string_view)> progress;
};

struct Report {
    int departments = 0;
    int party_organisations = 0;
    int branches = 0;
    int groups = 0;
    int members = 0;
    int users = 0;
    int submissions = 0;
    int late = 0;
    int missing = 0;
    int returned = 0;
    int approved = 0;
};

// Creates a new database at `path` (refusing an existing file) and fills it.
Report generate(const std::string& path, const Options& options);

}  // namespace dj::demo
