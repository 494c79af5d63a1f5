#pragma once
// Accounts: listing them within the actor's scope and creating them (app_user, UserStore).
// One part of LocalService: each operation checks access once, on entry.
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

private:
    ServiceContext& ctx_;
};

}  // namespace dj
