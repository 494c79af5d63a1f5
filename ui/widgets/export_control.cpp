#include "export_control.hpp"

#include <algorithm>
#include <fstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw UserError("无法写入文件「" + path + "」：目录不存在或没有写入权限");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw UserError("写入文件「" + path + "」失败（磁盘已满？）");
}

void ExportControl::set_default(const std::string& path) {
    if (path == default_) return;
    // Keep what the user typed; follow the default only while they have not edited it.
    if (path_.empty() || path_ == default_) path_ = path;
    default_ = path;
    message_.clear();
}

bool ExportControl::draw(const char* button_text, const std::string& id) {
    const float em = ImGui::GetFontSize();
    float button_w = ImGui::CalcTextSize(button_text).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(std::max(em * 12, ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x));
    std::string field = "##" + id + ".path";
    input(field.c_str(), path_, ZH("保存到（.xlsx）"), 0, (id + ".path").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(running_);
    bool go = button(button_text);
    auto_item(id + ".go");
    ImGui::EndDisabled();
    if (running_) show_loading(ZH("正在导出…"));
    if (!message_.empty()) {
        glyph_atlas().add(message_);
        ImGui::PushTextWrapPos(0);
        text_colored(failed_ ? colors::kError : colors::kOk, message_);
        ImGui::PopTextWrapPos();
    }
    return go && !running_;
}

void ExportControl::start(Session& session, std::function<std::string(Service&)> make) {
    running_ = true;
    message_.clear();
    std::string path = expand_home(path_);
    session.call<FileWritten>(
        ZH("导出"),
        [path, make = std::move(make)](Service& s) {
            std::string bytes = make(s);
            write_bytes(path, bytes);
            return FileWritten{path, bytes.size()};
        },
        [this](FileWritten& f) {
            running_ = false;
            failed_ = false;
            message_ = format(ZH("已导出到 %s（%zu 字节）"), f.path.c_str(), f.bytes);
            auto_log("exported", f.path + " " + std::to_string(f.bytes));
        },
        [this](const Failure& f) {
            running_ = false;
            failed_ = true;
            message_ = f.message;
            auto_log("export_failed", f.message);
        },
        Lane::Long);
}

}  // namespace dj::ui
