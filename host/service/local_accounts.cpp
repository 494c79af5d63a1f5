// LocalService's account and session operations, each handed to its part (local_users.hpp
// for the accounts, local_sessions.hpp for logins and sessions).
#include "service/local_service.hpp"
#include "service/local_sessions.hpp"
#include "service/local_users.hpp"

namespace dj {

UserInfo LocalService::change_user(const Actor& who, std::string_view login, const UserChange& change) {
    return users_->change_user(who, login, change);
}
UserInfo LocalService::set_user_enabled(const Actor& who, std::string_view login, bool enabled) {
    return users_->set_user_enabled(who, login, enabled);
}
UserInfo LocalService::unlock_user(const Actor& who, std::string_view login) {
    return users_->unlock_user(who, login);
}
UserInfo LocalService::reset_password(const Actor& who, std::string_view login) {
    return users_->reset_password(who, login);
}
void LocalService::change_password(const Actor& who, std::string_view old_password, std::string_view new_password) {
    users_->change_password(who, old_password, new_password);
}
SessionInfo LocalService::login(const LoginRequest& request) { return SessionPart(*ctx_).login(request); }
Actor LocalService::session_actor(std::string_view token, std::string_view source) {
    return SessionPart(*ctx_).session_actor(token, source);
}
void LocalService::logout(std::string_view token) { SessionPart(*ctx_).logout(token); }

}  // namespace dj
