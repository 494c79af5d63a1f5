#pragma once
// Reading the versioned org tree: a node, a subtree and ancestry, as of a date. Here in db/
// because both the indicator engine's snapshots and the stores read the tree this way; the
// writes to org_node and org_version belong to store/org_store.hpp.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "model/org.hpp"

namespace dj::org_tree {

std::optional<OrgNode> find_by_code(const db::Connection& db, std::string_view code, Date at);
std::optional<OrgNode> find_by_id(const db::Connection& db, std::int64_t id, Date at);
// The version that is current now (valid_to IS NULL); nullopt if closed or unknown.
std::optional<OrgNode> current_by_code(const db::Connection& db, std::string_view code);
std::optional<std::int64_t> id_of_code(const db::Connection& db, std::string_view code);

// root and everything under it as of `at`, parents before children, siblings by code.
std::vector<OrgNode> subtree(const db::Connection& db, std::int64_t root_id, Date at);
// Whether `node_id` is `ancestor_id` or lies under it in the tree as of `at`.
bool is_within(const db::Connection& db, std::int64_t node_id, std::int64_t ancestor_id, Date at);
std::vector<OrgNode> history(const db::Connection& db, std::int64_t node_id);

}  // namespace dj::org_tree
