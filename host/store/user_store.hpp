#pragma once
// The accounts table (app_user): who may act, with which role, over which subtree.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "model/roles.hpp"
#include "store/records.hpp"

namespace dj::store {

class UserStore {
public:
    explicit UserStore(const db::Connection& db) : db_(db) {}

    std::optional<Actor> by_login(std::string_view login) const;
    std::optional<Actor> by_id(std::int64_t id) const;
    // The first administrator: who acts when no login is given.
    std::optional<Actor> first_admin() const;
    // Every account, by id.
    std::vector<UserInfo> all() const;
    bool login_taken(std::string_view login) const;
    // Inserts the account; returns its id.
    std::int64_t add(std::string_view login, std::string_view display_name, Role role, std::int64_t org_id) const;

private:
    const db::Connection& db_;
};

}  // namespace dj::store
