#pragma once
// The org tree's tables (org_node, org_version): reads as of a date, and the writes that
// add, amend, re-version and close nodes. Every write raises ChangeKind::OrgTree.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "db/org_tree.hpp"
#include "model/org.hpp"
#include "store/change_bus.hpp"
#include "store/records.hpp"

namespace dj::store {

class OrgStore {
public:
    OrgStore(const db::Connection& db, const ChangeBus& changes) : db_(db), changes_(changes) {}

    std::optional<OrgNode> find_by_code(std::string_view code, Date at) const { return org_tree::find_by_code(db_, code, at); }
    std::optional<OrgNode> find_by_id(std::int64_t id, Date at) const { return org_tree::find_by_id(db_, id, at); }
    std::optional<OrgNode> current_by_code(std::string_view code) const { return org_tree::current_by_code(db_, code); }
    std::optional<std::int64_t> id_of_code(std::string_view code) const { return org_tree::id_of_code(db_, code); }
    std::vector<OrgNode> subtree(std::int64_t root_id, Date at) const { return org_tree::subtree(db_, root_id, at); }
    bool is_within(std::int64_t node_id, std::int64_t ancestor_id, Date at) const {
        return org_tree::is_within(db_, node_id, ancestor_id, at);
    }
    std::vector<OrgNode> history(std::int64_t node_id) const { return org_tree::history(db_, node_id); }
    // The path from the root down to the node as of `at` (empty if the node did not exist).
    std::vector<OrgNode> path_to(std::int64_t node_id, Date at) const;

    // Open children and members, for refusing to close a node that still has them.
    std::size_t open_children(std::int64_t node_id) const;
    // Counts over the current subtree of `root_id` (departments, organisations, members, users).
    Overview overview(std::int64_t root_id) const;

    // A new node with its first version (from node.valid_from); fills node.id.
    void create(OrgNode& node) const;
    // Replaces the current version of `before.id` by `after` from after.valid_from: amends it
    // when the dates are equal, else ends it there and starts a new one.
    void revise(const OrgNode& before, const OrgNode& after) const;
    // Ends the current version on `effective`.
    void close(std::int64_t node_id, Date effective) const;

    // One version row, without raising an event: for bulk writers (the demo generator) that
    // start the cache afresh anyway.
    static void insert_version(const db::Connection& db, const OrgNode& node);

private:
    const db::Connection& db_;
    const ChangeBus& changes_;
};

}  // namespace dj::store
