#pragma once
// What every part of the local service shares: the connection, the reference date, the
// change bus and the stores over it, access checks, the loaded plugins and the indicator
// engine. Owned by LocalService; the parts hold a reference.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "lua/limits.hpp"
#include "model/org.hpp"
#include "model/roles.hpp"
#include "store/account_store.hpp"
#include "store/change_bus.hpp"
#include "store/member_store.hpp"
#include "store/org_store.hpp"
#include "store/plugin_store.hpp"
#include "store/record_clock.hpp"
#include "store/review_store.hpp"
#include "store/settings_store.hpp"
#include "store/submission_store.hpp"
#include "store/user_store.hpp"

namespace dj {

struct EffectivePluginInfo;

namespace plugins {
class PluginHost;
struct FormBinding;
}  // namespace plugins
namespace indicators {
class IndicatorEngine;
}  // namespace indicators

class ServiceContext {
public:
    explicit ServiceContext(db::Connection connection);
    ~ServiceContext();
    ServiceContext(const ServiceContext&) = delete;
    ServiceContext& operator=(const ServiceContext&) = delete;

    db::Connection db;
    Date today;
    // Declared before the stores: they raise their events on it, and date records by it.
    store::ChangeBus changes;
    store::RecordClock clock;  // pinned to `today` when a caller pins that
    store::OrgStore orgs{db, changes};
    store::MemberStore members{db, changes};
    store::UserStore users{db};
    store::SettingsStore settings{db};
    store::PluginStore plugin_data{db, changes, clock};
    store::SubmissionStore submissions{db, changes, clock};
    store::ReviewStore reviews{db, changes, clock};
    store::AccountStore accounts{db};

    // The wall clock sessions and login throttling run on, seconds since the epoch. Tests
    // set it; nothing in the service sleeps. Unlike `clock` (what records are dated), a
    // pinned demo today does not stop it: sessions expire in real time.
    std::function<std::int64_t()> wall_clock;
    std::int64_t now() const { return wall_clock(); }

    // --- Access: checked once, where an operation enters its part ---
    // Re-reads the actor from the database, so a caller cannot claim a role it lacks. A
    // disabled account is refused; an actor from a login session (session_id set) must still
    // hold that session, and one still on its one-time password is refused everything (see
    // verified_for_password_change).
    Actor verified(const Actor& who) const;
    // verified() for changing one's own password: the one thing a session still on its
    // one-time password may do (logout needs only the token).
    Actor verified_for_password_change(const Actor& who) const;
    // Throws AccessDenied unless the role has `cap` and `node_id` lies in the actor's subtree.
    void require(const Actor& who, Capability cap, std::int64_t node_id) const;
    OrgNode current_node_or_throw(std::string_view code) const;

    // --- Plugins ---
    void set_extra_plugin_dirs(std::vector<std::filesystem::path> dirs);
    // What each plugin may spend (tests lower the limits to show each is enforced).
    void set_plugin_limits(const lua::Limits& limits);
    // The loaded plugins (loads them on first use).
    plugins::PluginHost& plugin_host();
    plugins::PluginHost* loaded_plugins() const { return plugins_.get(); }
    // The next use loads every plugin again (after the folders changed).
    void unload_plugins() {
        plugins_.reset();
        ++plugin_generation;
    }
    void reload_unit_scripts();
    std::shared_ptr<const plugins::FormBinding> form_or_throw(std::string_view form_id);
    // Whether a form is filled at the node: its plugin is on there or, for a unit's own
    // script, the node lies in that unit's subtree.
    bool form_applies(const plugins::FormBinding& form, const OrgNode& node);
    // The ids of the plugins switched on at the node (no settings).
    std::set<std::string> enabled_at(std::int64_t node_id);
    // What a node's subtree has: the plugins on at the node or at any node below it. A node
    // above where plugins are enabled (the 县委 above the 机关工委) shows its subtree's
    // assessment and rolled-up indicators through this; filing still asks the node itself.
    std::set<std::string> enabled_in_subtree(std::int64_t node_id);
    // Every plugin on at the node or below it has its dependencies on there too (UserError
    // naming both plugins and the unit otherwise): a 述职评议 that reads 组织生活's
    // indicators has nothing to read where 组织生活 is off.
    void check_dependencies_enabled(std::int64_t node_id);
    std::vector<EffectivePluginInfo> effective_at(std::int64_t node_id);

    // Counts the changes to what the loaded plugins are (folders, unit scripts, a reload):
    // other instances on the same file (the server's readers) compare it to know theirs are stale.
    std::uint64_t plugin_generation = 0;

    // --- Indicators ---
    indicators::IndicatorEngine& engine();

private:
    Actor verified_account(const Actor& who, bool password_change) const;

    std::vector<std::filesystem::path> extra_plugin_dirs_;
    lua::Limits plugin_limits_;
    std::unique_ptr<plugins::PluginHost> plugins_;
    std::unique_ptr<indicators::IndicatorEngine> engine_;
};

}  // namespace dj
