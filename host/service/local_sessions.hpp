#pragma once
// Logins and sessions: checking passwords, throttling failures per login name and per
// source address, locking, and resolving a session token to its actor with the idle and
// absolute expiry of account_policy.hpp. Stateless over ServiceContext: LocalService makes
// one per call.
#include <string_view>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class SessionPart {
public:
    explicit SessionPart(ServiceContext& ctx) : ctx_(ctx) {}

    SessionInfo login(const LoginRequest& request);
    Actor session_actor(std::string_view token, std::string_view source);
    void logout(std::string_view token);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
