#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <string>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// 我的身份: who is acting, what they may do, and switching to another user.
class IdentityView : public View {
public:
    explicit IdentityView(Session& s) : View(s, "whoami", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<UserInfo>> directory_;
    std::string filter_;
};

}  // namespace dj::ui
