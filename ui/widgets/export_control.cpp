#include "export_control.hpp"

#include <algorithm>
#include <filesystem>
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
    return draw_row(button_text, id, false) == Press::Export;
}

ExportControl::Press ExportControl::draw_with_print(const char* button_text, const std::string& id) {
    return draw_row(button_text, id, true);
}

ExportControl::Press ExportControl::draw_row(const char* button_text, const std::string& id, bool print) {
    const float em = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* print_text = ZH("打印（PDF）");
    float buttons_w = 0;
    if (button_text) buttons_w += ImGui::CalcTextSize(button_text).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (print) buttons_w += ImGui::CalcTextSize(print_text).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    ImGui::SetNextItemWidth(std::max(em * 12, ImGui::GetContentRegionAvail().x - buttons_w));
    std::string field = "##" + id + ".path";
    input(field.c_str(), path_, button_text ? ZH("保存到（.xlsx）") : ZH("保存到（.pdf）"), 0, (id + ".path").c_str());
    Press pressed = Press::None;
    ImGui::BeginDisabled(running_);
    if (button_text) {
        ImGui::SameLine();
        if (button(button_text)) pressed = Press::Export;
        auto_item(id + ".go");
    }
    if (print) {
        ImGui::SameLine();
        if (button(print_text)) pressed = Press::Print;
        auto_item(id + ".pdf");
        tooltip(ZH("生成 A4 版式的 PDF（内嵌中文字体，带页码），可直接打印归档"));
    }
    ImGui::EndDisabled();
    if (running_) show_loading(ZH("正在导出…"));
    if (!message_.empty()) {
        glyph_atlas().add(message_);
        ImGui::PushTextWrapPos(0);
        text_colored(failed_ ? colors::kError : colors::kOk, message_);
        ImGui::PopTextWrapPos();
    }
    return running_ ? Press::None : pressed;
}

void ExportControl::start(Session& session, std::function<std::string(Service&)> make, bool pdf) {
    running_ = true;
    message_.clear();
    std::string path = expand_home(path_);
    if (pdf) path = std::filesystem::path(path).replace_extension(".pdf").string();
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
