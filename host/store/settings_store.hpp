#pragma once
// Database-wide settings (app_setting): the demo's pinned date, the plugin folders.
#include <map>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace dj::store {

class SettingsStore {
public:
    explicit SettingsStore(const db::Connection& db) : db_(db) {}
    std::optional<std::string> get(std::string_view key) const;
    // Those of `keys` that are set, in one statement (a session check reads seven).
    std::map<std::string, std::string, std::less<>> get_many(const std::vector<std::string_view>& keys) const;
    void put(std::string_view key, std::string_view value) const;

private:
    const db::Connection& db_;
};

}  // namespace dj::store
