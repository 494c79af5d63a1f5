#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <optional>
#include <string>

#include "view.hpp"

namespace dj::ui {

// 导入党员名册: CSV import off the UI thread, with the per-row report.
class ImportView : public View {
public:
    explicit ImportView(Session& s) : View(s, "import", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return running_; }

private:
    std::string path_;
    bool running_ = false;
    std::optional<ImportReport> report_;
    std::optional<Failure> failure_;
    double seconds_ = 0;
};

}  // namespace dj::ui
