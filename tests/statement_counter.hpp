#pragma once
// Counts the SQL statements a connection runs while it lives (sqlite3_trace_v2, one count
// each time a statement starts). Tests use it to say that an operation's statements do not
// grow with the number of records or nodes it answers for: the cost users feel at city scale,
// asserted without measuring time.
#include <sqlite3.h>

#include <cstddef>
#include <cstring>
#include <string>

#include "db/database.hpp"

namespace dj::test {

class StatementCounter {
public:
    // Counts every statement, or only those whose SQL contains `containing`.
    explicit StatementCounter(const db::Connection& db, std::string containing = "")
        : db_(db.raw()), containing_(std::move(containing)) {
        sqlite3_trace_v2(db_, SQLITE_TRACE_STMT, &StatementCounter::on_statement, this);
    }
    ~StatementCounter() { sqlite3_trace_v2(db_, 0, nullptr, nullptr); }
    StatementCounter(const StatementCounter&) = delete;
    StatementCounter& operator=(const StatementCounter&) = delete;

    // Statements started since the last call (or since construction).
    std::size_t take() {
        std::size_t n = count_;
        count_ = 0;
        return n;
    }

private:
    static int on_statement(unsigned, void* self, void*, void* sql) {
        // A trigger's statements report as comments ("-- …"): they belong to the statement that fired them.
        auto* me = static_cast<StatementCounter*>(self);
        const char* text = static_cast<const char*>(sql);
        if (!text || (text[0] == '-' && text[1] == '-')) return 0;
        if (me->containing_.empty() || std::strstr(text, me->containing_.c_str())) ++me->count_;
        return 0;
    }
    sqlite3* db_;
    std::string containing_;
    std::size_t count_ = 0;
};

}  // namespace dj::test
