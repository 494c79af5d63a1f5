#include "service/account_policy.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace dj {

namespace {

// A positive whole number from app_setting, or the default (a bad value must not disable
// throttling or make sessions eternal).
template <class T>
void override_from(const std::map<std::string, std::string, std::less<>>& set, std::string_view key, T& value) {
    auto it = set.find(key);
    if (it == set.end()) return;
    const std::string& text = it->second;
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size() && v > 0 && v <= 10'000'000)
        value = static_cast<T>(v);
}

}  // namespace

AccountPolicy read_account_policy(const store::SettingsStore& settings) {
    AccountPolicy p;
    const auto set = settings.get_many({"session_idle_seconds", "session_lifetime_seconds", "login_lock_after",
                                        "login_delay_after", "login_source_delay_after", "login_max_delay_seconds",
                                        "login_source_forget_seconds"});
    override_from(set, "session_idle_seconds", p.idle_seconds);
    override_from(set, "session_lifetime_seconds", p.lifetime_seconds);
    override_from(set, "login_lock_after", p.lock_after);
    override_from(set, "login_delay_after", p.account_delay_after);
    override_from(set, "login_source_delay_after", p.source_delay_after);
    override_from(set, "login_max_delay_seconds", p.max_delay_seconds);
    override_from(set, "login_source_forget_seconds", p.source_forget_seconds);
    return p;
}

std::int64_t throttle_delay(int failures, int delay_after, const AccountPolicy& policy) {
    if (failures < delay_after) return 0;
    int doublings = std::min(failures - delay_after, 40);
    std::int64_t delay = std::int64_t{1} << doublings;
    return std::min(delay, policy.max_delay_seconds);
}

}  // namespace dj
