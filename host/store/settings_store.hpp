#pragma once
// Database-wide settings (app_setting): the demo's pinned date, the plugin folders.
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace dj::store {

class SettingsStore {
public:
    explicit SettingsStore(const db::Connection& db) : db_(db) {}
    std::optional<std::string> get(std::string_view key) const;
    void put(std::string_view key, std::string_view value) const;

private:
    const db::Connection& db_;
};

}  // namespace dj::store
