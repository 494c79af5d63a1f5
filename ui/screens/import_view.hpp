#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <optional>
#include <string>

#include "file_dialog.hpp"
#include "view.hpp"

namespace dj::ui {

// 导入党员名册: .xlsx or CSV import off the UI thread, with the per-row report.
class ImportView : public View {
public:
    explicit ImportView(Session& s) : View(s, "import", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return running_; }

private:
    std::string path_;  // chosen in the dialog or dropped
    FileDialog dialog_, template_dialog_;
    std::string template_message_;
    bool running_ = false;
    std::optional<ImportReport> report_;
    std::optional<Failure> failure_;
    double seconds_ = 0;
};

}  // namespace dj::ui
