#pragma once
// The export row every table screen has: a path the user can edit, 导出 Excel, and the
// outcome beside it. The bytes are made and written off the UI thread.
#include <functional>
#include <string>

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

// An export row under a screen: the path the user types, a button, the outcome beside it.
// The bytes are made and written on the Long lane.
class ExportControl {
public:
    // Draws the row; true when the button was pressed (then call start). `id` names the
    // widgets for the automation log (`ID.path`, `ID.go`).
    bool draw(const char* button_text, const std::string& id);
    // The row with a 打印（PDF） button after the export one (`button_text` null: printing
    // only); the print button is `ID.pdf` in the automation log.
    enum class Press { None, Export, Print };
    Press draw_with_print(const char* button_text, const std::string& id);
    // Makes the bytes with `make` on the Long lane and writes them to the path typed; `pdf`:
    // to that path with its extension switched to .pdf (the row's path names the Excel file).
    void start(Session& session, std::function<std::string(Service&)> make, bool pdf = false);
    // The default path, used until the user edits it; a new default clears the message.
    void set_default(const std::string& path);
    bool busy() const { return running_; }
    const std::string& path() const { return path_; }  // as typed (~ not yet expanded)

private:
    Press draw_row(const char* button_text, const std::string& id, bool print);

    std::string default_, path_;
    bool running_ = false;
    bool failed_ = false;
    std::string message_;
};

}  // namespace dj::ui
