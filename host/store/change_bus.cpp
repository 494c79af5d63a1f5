#include "store/change_bus.hpp"

namespace dj::store {

ChangeEvent ChangeEvent::org_tree(Date effective) {
    ChangeEvent e;
    e.kind = ChangeKind::OrgTree;
    e.date = effective;
    return e;
}

ChangeEvent ChangeEvent::members(std::int64_t branch_id) {
    ChangeEvent e;
    e.kind = ChangeKind::Members;
    e.org_id = branch_id;
    return e;
}

ChangeEvent ChangeEvent::form_data(std::string form_id, std::int64_t org_id, Period period) {
    ChangeEvent e;
    e.kind = ChangeKind::FormData;
    e.form_id = std::move(form_id);
    e.org_id = org_id;
    e.period = period;
    return e;
}

ChangeEvent ChangeEvent::rectification(std::int64_t org_id) {
    ChangeEvent e;
    e.kind = ChangeKind::Rectification;
    e.org_id = org_id;
    return e;
}

ChangeEvent ChangeEvent::plugin_settings(std::string plugin_id) {
    ChangeEvent e;
    e.kind = ChangeKind::PluginSettings;
    e.plugin_id = std::move(plugin_id);
    return e;
}

ChangeEvent ChangeEvent::plugin_code() { return ChangeEvent{}; }

}  // namespace dj::store
