#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <string>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// 用户: accounts in scope, and new accounts for those who manage users.
class UsersView : public View {
public:
    explicit UsersView(Session& s) : View(s, "users", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ManageUsers); }
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<UserInfo>> users_;
    std::string login_, name_, role_ = "填报人", org_, error_;
    bool creating_ = false;
};

}  // namespace dj::ui
