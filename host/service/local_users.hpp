#pragma once
// Accounts: listing them within the actor's scope, creating and changing them, and their
// passwords (app_user, UserStore, AccountStore). One part of LocalService: each operation
// checks access once, on entry. Logins and sessions are local_sessions.hpp.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class UserPart {
public:
    explicit UserPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<UserInfo> list_users(const Actor& who);
    UserInfo create_user(const Actor& who, const NewUser& user);
    UserInfo change_user(const Actor& who, std::string_view login, const UserChange& change);
    UserInfo set_user_enabled(const Actor& who, std::string_view login, bool enabled);
    UserInfo unlock_user(const Actor& who, std::string_view login);
    UserInfo reset_password(const Actor& who, std::string_view login);
    void change_password(const Actor& who, std::string_view old_password, std::string_view new_password);

private:
    // The account `login` as the actor may manage it: in scope and of a role the actor may
    // grant (AccessDenied otherwise, NotFound when it does not exist).
    UserInfo managed_account(const Actor& who, std::string_view login);
    UserInfo read_user(std::string_view login) const;

    ServiceContext& ctx_;
};

// Where an actor acts from, for the audit log: its session's address, or "local" for the
// file's owner working on the file itself.
std::string actor_source(const ServiceContext& ctx, const Actor& who);

// Refuses a new password that is too short (under 10 characters), too long, or the login
// itself, with a message saying which (UserError).
void check_password_rules(std::string_view login, std::string_view password);

}  // namespace dj
