#pragma once
// Which org node an audit row is about, from its target ("org:D0001", "submission:12",
// "plugin:care@D0001" …), so each reader sees only the rows about their own subtree.
#include <cstdint>
#include <optional>
#include <string_view>

#include "db/database.hpp"

namespace dj::store {

class AuditScope {
public:
    explicit AuditScope(const db::Connection& db) : db_(db) {}

    // nullopt for a row about the whole database (its creation, plugin folders, a roster
    // import, a plugin reload) or about something since deleted: only a reader whose scope
    // is the whole tree sees those.
    std::optional<std::int64_t> node_of(std::string_view target) const;

private:
    std::optional<std::int64_t> lookup(const char* sql, std::string_view key) const;
    const db::Connection& db_;
};

}  // namespace dj::store
