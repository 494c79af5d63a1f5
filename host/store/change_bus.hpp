#pragma once
// The one path every write takes to tell the rest of the program what it changed. The stores
// raise an event for each write, inside the writer's transaction; listeners (the indicator
// cache, see service/indicator_sync.hpp) react there, so their bookkeeping commits or rolls
// back with the write. No write site invalidates a cache by hand.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "model/period.hpp"

namespace dj::store {

enum class ChangeKind {
    OrgTree,         // a node was created, changed or closed, effective from `date`
    Members,         // the register of branch `org_id` changed
    FormData,        // a submission of `form_id` at `org_id` for `period` was stored or moved on
    Rectification,   // an item of `org_id` was added or updated
    PluginSettings,  // enablement or settings of `plugin_id` changed somewhere in the tree
    PluginCode,      // the loaded code changed: plugin folders, a reload, a unit's script
};

struct ChangeEvent {
    ChangeKind kind = ChangeKind::PluginCode;
    std::int64_t org_id = 0;
    std::optional<Date> date;
    std::string form_id;
    std::optional<Period> period;
    std::string plugin_id;

    static ChangeEvent org_tree(Date effective);
    static ChangeEvent members(std::int64_t branch_id);
    static ChangeEvent form_data(std::string form_id, std::int64_t org_id, Period period);
    static ChangeEvent rectification(std::int64_t org_id);
    static ChangeEvent plugin_settings(std::string plugin_id);
    static ChangeEvent plugin_code();
};

class ChangeBus {
public:
    using Listener = std::function<void(const ChangeEvent&)>;
    void subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }
    // Tells every listener, in the order they subscribed.
    void emit(const ChangeEvent& event) const {
        for (const auto& l : listeners_) l(event);
    }

private:
    std::vector<Listener> listeners_;
};

}  // namespace dj::store
