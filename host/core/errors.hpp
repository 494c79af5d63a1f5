#pragma once
// The three kinds of failure every front-end maps the same way:
//   UserError     – the input is wrong; the message (简体中文) is shown as-is. CLI exit 2.
//   AccessDenied  – the acting user may not do this here. CLI exit 2.
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

// A database written by a newer dangjian, or damaged beyond what we can read.
class DatabaseVersionError : public UserError {
public:
    using UserError::UserError;
};

}  // namespace dj
