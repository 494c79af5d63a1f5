#pragma once
// Shared by the hostile tests: the tight limits they run under (so each attack is
// stopped in a fraction of a second) and the process's resident memory, read from
// /proc/self so every attack can be held to a documented bound.
#include <fstream>
#include <string>

#include "lua/limits.hpp"

namespace dj::test {

inline dj::lua::Limits hostile_limits() {
    dj::lua::Limits l;
    l.instructions = 2'000'000;
    l.memory_bytes = 16u << 20;
    l.cpu_ms = 1'000;  // only what the count cannot see needs the safety net
    return l;
}

inline long proc_status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string k = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.rfind(k, 0) == 0) return std::stol(line.substr(k.size()));
    return 0;
}

inline long current_rss_kb() { return proc_status_kb("VmRSS"); }

// Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs).
inline void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

inline long peak_rss_since_reset() { return proc_status_kb("VmHWM"); }

}  // namespace dj::test
