#include "attachment_saver.hpp"

#include <filesystem>

#include "automation.hpp"
#include "export_control.hpp"
#include "io/user_files.hpp"
#include "open_with.hpp"
#include "service/attachment_download.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {
std::string size_text(std::size_t bytes) {
    if (bytes < 1024 * 1024) return format(ZH("%.1f KB"), static_cast<double>(bytes) / 1024.0);
    return format(ZH("%.1f MB"), static_cast<double>(bytes) / (1024.0 * 1024.0));
}
}  // namespace

void AttachmentSaver::reset() {
    if (running_) return;  // the answer still names its own file
    dialog_.close();
    message_.clear();
    written_.clear();
    failed_ = false;
}

void AttachmentSaver::draw(const std::vector<AttachmentInfo>& files, const std::string& id) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        const AttachmentInfo& a = files[i];
        glyph_atlas().add(a.name);
        ImGui::AlignTextToFramePadding();
        text(format("%s（%s）", a.name.c_str(), size_text(a.size).c_str()));
        ImGui::SameLine();
        ImGui::BeginDisabled(running_);
        std::string item = id + "." + std::to_string(i) + ".save";
        if (small_button((std::string(ZH("另存为…")) + "##" + item).c_str())) {
            choosing_ = a.id;
            std::string ext = std::filesystem::path(a.name).extension().string();
            dialog_.open({FileDialog::Mode::Save, ZH("保存附件"), ext.empty() ? std::vector<std::string>{}
                                                                             : std::vector<std::string>{ext},
                          "", a.name, id + ".dlg"});
        }
        ImGui::EndDisabled();
        auto_item(item);
        tooltip(ZH("把附件保存到本机（默认“文档”文件夹）"));
    }
    if (auto picked = dialog_.draw()) start(choosing_, *picked);
    if (running_) show_loading(ZH("正在保存附件…"));
    if (!message_.empty()) {
        glyph_atlas().add(message_);
        ImGui::PushTextWrapPos(0);
        text_colored(failed_ ? colors::kError : colors::kOk, message_);
        ImGui::PopTextWrapPos();
    }
    if (!written_.empty() && !failed_ && !running_) draw_open_buttons(written_, id, message_, failed_);
}

void AttachmentSaver::start(std::int64_t attachment_id, const std::string& path) {
    running_ = true;
    failed_ = false;
    message_.clear();
    written_.clear();
    Actor who = session_.actor();
    session_.call<FileWritten>(
        ZH("保存附件"),
        [who, attachment_id, path](Service& s) {
            AttachmentInfo info = save_attachment(s, who, attachment_id, path);
            return FileWritten{path, info.size};
        },
        [this](FileWritten& f) {
            running_ = false;
            written_ = f.path;
            message_ = format(ZH("已保存到 %s（%zu 字节）"), f.path.c_str(), f.bytes);
            auto_log("attachment_saved", f.path + " " + std::to_string(f.bytes));
        },
        [this](const Failure& f) {
            running_ = false;
            failed_ = true;
            message_ = f.message;
            auto_log("attachment_save_failed", f.message);
        },
        Lane::Long);
}

}  // namespace dj::ui
