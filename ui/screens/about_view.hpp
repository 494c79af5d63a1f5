#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <string>
#include <utility>

#include "view.hpp"

namespace dj::ui {

// 关于: version, database, font and frame statistics.
class AboutView : public View {
public:
    AboutView(Session& s, std::string db_path) : View(s, "about", Kind::Tool), db_path_(std::move(db_path)) {}
    const char* title() const override;
    void draw() override;

private:
    std::string db_path_;
};

}  // namespace dj::ui
