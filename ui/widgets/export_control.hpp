#pragma once
// The export row every table screen has (issue 16): where the file will go (the user's
// 文档 folder, a Chinese name without internal ids), 更改位置… through the file dialog, the
// export button, and after saving 打开文件 / 打开所在文件夹. The bytes are made and written
// off the UI thread.
#include <functional>
#include <string>
#include <vector>

#include "file_dialog.hpp"
#include "session.hpp"

namespace dj::ui {

// What a long job wrote to disk (an export).
struct FileWritten {
    std::string path;
    std::size_t bytes = 0;
};
inline void collect_glyphs(CodepointSet& set, const FileWritten& f) { set.add(f.path); }
// Writes `bytes` to `path` (worker thread); UserError in Chinese when it cannot.
void write_bytes(const std::string& path, const std::string& bytes);

// An export row under a screen. Automation ids: ID.browse (更改位置…), ID.go, ID.pdf (打印（PDF）),
// ID.open_file, ID.open_folder; the dialog is ID.dlg (see file_dialog.hpp).
class ExportControl {
public:
    // Draws the row; true when the button was pressed (then call start).
    bool draw(const char* button_text, const std::string& id);
    // The row with a 打印（PDF） button after the export one (`button_text` null: printing only,
    // and the default name should then end in .pdf).
    enum class Press { None, Export, Print };
    Press draw_with_print(const char* button_text, const std::string& id);
    // Makes the bytes with `make` on the Long lane and writes them where the row says; `pdf`:
    // beside it, the same name ending in .pdf (the row's name is the Excel file's).
    void start(Session& session, std::function<std::string(Service&)> make, bool pdf = false);
    // The default file: `parts` joined into a safe name (三会一课记录-县委办公室-2020年12月.xlsx) in
    // the documents folder; an existing file of that name gets (2), (3) … when exporting. A
    // place the user chose in the dialog is kept until the default's name changes.
    void set_default_name(const std::vector<std::string>& parts, const std::string& extension = ".xlsx");
    // Another kind the dialog offers besides the default's (completeness: ".csv").
    void also_offer(const std::string& extension) { also_ = extension; }
    bool busy() const { return running_; }
    // Where the next export goes.
    std::string target() const;

private:
    Press draw_row(const char* button_text, const std::string& id, bool print);

    std::string name_;          // the default name
    std::string also_;          // a second kind offered in the dialog
    std::string chosen_;        // a path picked in the dialog (overwrite already confirmed)
    // The default place, worked out when the name changes or a file was written, not each
    // frame (it reads ~/.config/user-dirs.dirs and looks for existing files).
    std::string default_path_;
    std::string written_;       // the last file written, for 打开文件 / 打开所在文件夹
    bool running_ = false;
    bool failed_ = false;
    std::string message_;
    FileDialog dialog_;
};

}  // namespace dj::ui
