#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <optional>
#include <string>

#include "file_dialog.hpp"
#include "view.hpp"

namespace dj::ui {

// 从 Excel 导入记录: a unit's records of one form from its .xlsx template, all or nothing,
// with the per-row report (row and column of every problem). Opened from 报表填报.
class RecordImportView : public View {
public:
    explicit RecordImportView(Session& s) : View(s, "record_import", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return running_; }
    // Opens the window for `form` filled at the node `unit_code`.
    void open_for(const FormInfo& form, const std::string& unit_code, const std::string& unit_name);

private:
    void start(const std::string& path);

    FormInfo form_;
    std::string unit_code_, unit_name_;
    std::string path_;
    FileDialog dialog_, template_dialog_;
    std::string template_message_;
    bool running_ = false;
    std::optional<ImportReport> report_;
    std::optional<Failure> failure_;
};

}  // namespace dj::ui
