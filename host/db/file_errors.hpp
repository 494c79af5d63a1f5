#pragma once
// What SQLite says about the database *file* (damaged, not a database, read-only, locked by
// another writer, unopenable, disk full, I/O failure), told to the user in one place: the
// problem, and what to do about it. Raw SQLite text never reaches a user for these.
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace dj::db {

// A problem with the database file, not with the user's input and not a bug: shown as-is
// like every UserError (CLI exit 2). code() is the SQLite result code that caused it.
class DatabaseFileError : public UserError {
public:
    DatabaseFileError(int code, const std::string& what) : UserError(what), code_(code) {}
    int code() const { return code_; }
    bool damaged() const;  // SQLITE_CORRUPT or SQLITE_NOTADB

private:
    int code_;
};

// True for the result codes (primary or extended) that are about the file, not the SQL.
bool is_file_problem(int rc);
// The Chinese message for such a code: what is wrong with `path` and what to do.
std::string file_problem_message(int rc, std::string_view path);
[[noreturn]] void throw_file_problem(int rc, std::string_view path);

// The message for a write refused because the file failed the check made before writing.
std::string damaged_message(std::string_view path, std::string_view first_problem);
// The verdict of `dangjian check` on a damaged file: what to do with it.
std::string damaged_verdict(std::string_view path);

}  // namespace dj::db
