#pragma once
// The three kinds of failure every front-end maps the same way:
//   UserError     – the input is wrong; the message (简体中文) is shown as-is. CLI exit 2.
//   AccessDenied  – the acting user may not do this here. CLI exit 2.
// The subclasses below exist so the HTTP server answers each with its own status
// (400, 401, 403, 404, 409, 429) and the remote client raises the same class again.
//   anything else – an internal failure (a bug, a full disk). CLI exit 1.
#include <stdexcept>
#include <string>

namespace dj {

class UserError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class NotFound : public UserError {
public:
    using UserError::UserError;
};

class AccessDenied : public UserError {
public:
    using UserError::UserError;
};

// Not logged in, a wrong password, or a session that ended (idle, lifetime, logout,
// password change, account disabled). HTTP 401.
class NotAuthenticated : public UserError {
public:
    using UserError::UserError;
};

// Too many failed logins from this account or address: try again after `retry_after`
// seconds (0: locked until an administrator unlocks the account). HTTP 429.
class Throttled : public UserError {
public:
    Throttled(const std::string& message, int retry_after_seconds)
        : UserError(message), retry_after_(retry_after_seconds) {}
    int retry_after() const { return retry_after_; }

private:
    int retry_after_;
};

// The request conflicts with the current state (a login already taken, a record changed
// or acted on since it was read). HTTP 409.
class Conflict : public UserError {
public:
    using UserError::UserError;
};

// A database written by a newer dangjian, or damaged beyond what we can read.
class DatabaseVersionError : public UserError {
public:
    using UserError::UserError;
};

}  // namespace dj
