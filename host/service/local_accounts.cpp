// Accounts and sessions: the seam the server builds on. Placeholder bodies until the
// accounts part (passwords, sessions, throttling) lands; each refuses clearly.
#include "core/errors.hpp"
#include "service/local_service.hpp"

namespace dj {

namespace {
[[noreturn]] void not_yet() { throw UserError("此版本尚不支持账号与登录操作"); }
}  // namespace

UserInfo LocalService::change_user(const Actor&, std::string_view, const UserChange&) { not_yet(); }
UserInfo LocalService::set_user_enabled(const Actor&, std::string_view, bool) { not_yet(); }
UserInfo LocalService::unlock_user(const Actor&, std::string_view) { not_yet(); }
UserInfo LocalService::reset_password(const Actor&, std::string_view) { not_yet(); }
void LocalService::change_password(const Actor&, std::string_view, std::string_view) { not_yet(); }
SessionInfo LocalService::login(const LoginRequest&) { not_yet(); }
Actor LocalService::session_actor(std::string_view, std::string_view) { throw NotAuthenticated("未登录"); }
void LocalService::logout(std::string_view) { not_yet(); }

}  // namespace dj
