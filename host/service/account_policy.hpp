#pragma once
// How long sessions live and how failed logins are slowed down: defaults, each overridable
// per database in app_setting (key in brackets). README "Accounts and sessions" lists them.
#include <cstdint>

#include "store/settings_store.hpp"

namespace dj {

struct AccountPolicy {
    // A session unused this long ends [session_idle_seconds]: 30 minutes, a meeting's length.
    std::int64_t idle_seconds = 30 * 60;
    // A session ends this long after login whatever its use [session_lifetime_seconds]: 12 hours,
    // one working day, so a token left on a shared PC does not outlive the day.
    std::int64_t lifetime_seconds = 12 * 60 * 60;
    // Consecutive failed logins after which an account locks until an administrator unlocks it
    // [login_lock_after].
    int lock_after = 10;
    // Failed logins of one login name before the delays start [login_delay_after]: a few typos
    // cost nothing; then 1 s, doubling with each further failure.
    int account_delay_after = 3;
    // The same for one source address [login_source_delay_after]: higher, since a whole office
    // may share one address behind its router.
    int source_delay_after = 20;
    // The longest delay [login_max_delay_seconds]: 15 minutes.
    std::int64_t max_delay_seconds = 15 * 60;
    // A source address's failures are forgotten after this long without one
    // [login_source_forget_seconds]; a login name's count ends only with a successful login,
    // an unlock or a password reset.
    std::int64_t source_forget_seconds = 60 * 60;
    // last_seen is written at most this often, so most requests stay reads.
    std::int64_t touch_every_seconds = 60;
};

// The defaults with the database's overrides.
AccountPolicy read_account_policy(const store::SettingsStore& settings);

// Seconds to wait after `failures` consecutive failures when delays start after `delay_after`:
// 0 before, then 1, 2, 4 … up to the policy's maximum.
std::int64_t throttle_delay(int failures, int delay_after, const AccountPolicy& policy);

}  // namespace dj
