#pragma once
// The file chooser every import, export and attachment uses (issue 16): a window with the
// places at the left (最近位置 remembered per account, 桌面, 文档, 主目录), the folder's
// files in a table sortable by 名称 / 大小 / 修改时间, type-to-filter, a file name field, an
// extension filter, overwrite confirmation when saving, and errors in Chinese for folders
// that cannot be read. A file dropped on the window while it is open is chosen.
//
// Automation ids (ID is the dialog's id): ID.recent.N, ID.place.desktop|documents|home,
// ID.up, ID.filter, ID.entry.NAME, ID.name, ID.ext, ID.ok, ID.cancel, ID.overwrite; events
// `filedlg_shown ID`, `filedlg_dir ID PATH`, `filedlg_select ID NAME`, `filedlg_chosen ID
// PATH`, `filedlg_error ID MESSAGE`, `filedlg_cancel ID`.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace dj::ui {

class FileDialog {
public:
    enum class Mode { Open, Save };
    struct Options {
        Mode mode = Mode::Open;
        std::string title;                    // 选择要导入的文件 …
        std::vector<std::string> extensions;  // ".xlsx", ".csv"; empty: any file
        std::string dir;                      // start here (default: the last place used, else 文档)
        std::string name;                     // Save: the proposed file name
        std::string id = "filedlg";
    };

    void open(Options options);
    void close() { open_ = false; }
    bool is_open() const { return open_; }
    // Draws the window while open; the chosen path on the frame the user confirms.
    std::optional<std::string> draw();

private:
    struct Entry {
        std::string name;
        bool dir = false;
        std::uintmax_t size = 0;
        std::time_t modified = 0;
    };
    void go(const std::string& dir);
    void sort_entries(int column, bool ascending);
    bool accepts(const std::string& name) const;
    std::optional<std::string> confirm(const std::string& path);
    void place_button(const std::string& label, const std::string& path, const std::string& auto_id);

    Options o_;
    // The places, read once when the dialog opens (not each frame).
    std::vector<std::string> recent_;
    std::string documents_, home_;
    std::optional<std::string> desktop_;
    bool open_ = false;
    bool appearing_ = false;
    bool shown_logged_ = false;
    std::string dir_;
    std::vector<Entry> entries_;
    std::string error_;      // the folder could not be read
    std::string filter_;     // type-to-filter over names
    std::string name_;       // the file name field
    int ext_ = 0;            // index into o_.extensions, or the last (所有文件)
    std::string overwrite_;  // a path waiting for 替换 confirmation
    std::string problem_;    // why 打开/保存 did nothing
    int sort_column_ = 0;
    bool sort_ascending_ = true;
};

}  // namespace dj::ui
