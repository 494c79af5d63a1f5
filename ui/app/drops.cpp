#include "drops.hpp"

#include <deque>

namespace dj::ui {

namespace {
std::deque<std::string>& pending() {
    static std::deque<std::string> p;
    return p;
}
int g_age = 0;  // frames the oldest drop has waited
}  // namespace

void push_dropped(const std::vector<std::string>& paths) {
    for (const auto& p : paths) pending().push_back(p);
    g_age = 0;
}

std::optional<std::string> take_dropped() {
    if (pending().empty()) return std::nullopt;
    std::string p = pending().front();
    pending().pop_front();
    return p;
}

bool has_dropped() { return !pending().empty(); }

std::vector<std::string> unclaimed_drops() {
    // One whole frame for the views to see it: a drop arrives between frames.
    if (pending().empty() || ++g_age < 2) return {};
    std::vector<std::string> out(pending().begin(), pending().end());
    pending().clear();
    g_age = 0;
    return out;
}

}  // namespace dj::ui
