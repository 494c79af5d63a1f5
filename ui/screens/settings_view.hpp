#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include "view.hpp"

namespace dj::ui {

// 设置: font size and theme.
class SettingsView : public View {
public:
    explicit SettingsView(Session& s) : View(s, "settings", Kind::Tool) {}
    const char* title() const override;
    void draw() override;

private:
    float pending_size_ = 0;
    int theme_ = 0;
};

}  // namespace dj::ui
