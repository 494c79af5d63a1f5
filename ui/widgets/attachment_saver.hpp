#pragma once
// 另存为… beside stored attachments (a notice's files, a record's documents): the file dialog
// proposes the attachment's own name in the 文档 folder, the bytes come piece by piece through
// Service::attachment_chunk on the Long lane (locally or from the county server), and after
// saving 打开文件 / 打开所在文件夹 follow, as after an export. One saver serves a list of files.
//
// Automation ids (ID is the list's id): ID.N.save (the N-th file's 另存为…), ID.dlg (the
// dialog), ID.open_file, ID.open_folder; events `attachment_saved PATH BYTES` and
// `attachment_save_failed MESSAGE`.
#include <cstdint>
#include <string>
#include <vector>

#include "file_dialog.hpp"
#include "session.hpp"

namespace dj::ui {

class AttachmentSaver {
public:
    explicit AttachmentSaver(Session& session) : session_(session) {}
    // A line per file (name, size, 另存为…), then the last save's message.
    void draw(const std::vector<AttachmentInfo>& files, const std::string& id);
    bool busy() const { return running_; }
    // Another notice or record: the last message was about a file of the previous one.
    void reset();

private:
    void start(std::int64_t attachment_id, const std::string& path);

    Session& session_;
    FileDialog dialog_;
    std::int64_t choosing_ = 0;  // the attachment the open dialog is for
    bool running_ = false;
    bool failed_ = false;
    std::string message_;
    std::string written_;  // the file just saved, for 打开文件 / 打开所在文件夹
};

}  // namespace dj::ui
