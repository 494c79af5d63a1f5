#include "export_control.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "io/user_files.hpp"
#include "open_with.hpp"
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

void ExportControl::set_default_name(const std::vector<std::string>& parts, const std::string& extension) {
    std::string name = safe_file_name(parts, extension);
    if (name == name_) return;
    name_ = name;
    default_path_ = unique_path(documents_dir(), name_);
    chosen_.clear();  // another node or period: a new file
    message_.clear();
    written_.clear();
}

std::string ExportControl::target() const {
    if (!chosen_.empty()) return chosen_;
    return default_path_.empty() ? unique_path(documents_dir(), "导出.xlsx") : default_path_;
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
    std::string where = target();
    ImGui::AlignTextToFramePadding();
    text_muted(ZH("保存到"));
    ImGui::SameLine();
    float buttons_w = ImGui::CalcTextSize(ZH("更改位置…")).x + style.FramePadding.x * 2 + style.ItemSpacing.x * 2;
    if (button_text) buttons_w += ImGui::CalcTextSize(button_text).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    if (print) buttons_w += ImGui::CalcTextSize(print_text).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(em * 10, ImGui::GetContentRegionAvail().x - buttons_w));
    glyph_atlas().add(where);
    text(where);
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemHovered()) tooltip(ZH("默认保存到“文档”文件夹；同名文件已存在时自动加上 (2)、(3)…"));
    ImGui::SameLine();
    ImGui::BeginDisabled(running_);
    if (button((std::string(ZH("更改位置…")) + "##" + id).c_str())) {
        std::filesystem::path p(where);
        std::vector<std::string> kinds{p.extension().string()};
        if (!also_.empty() && also_ != kinds.front()) kinds.push_back(also_);
        dialog_.open({FileDialog::Mode::Save, ZH("导出到"), kinds, p.parent_path().string(), p.filename().string(), id + ".dlg"});
    }
    auto_item(id + ".browse");
    Press pressed = Press::None;
    if (button_text) {
        ImGui::SameLine();
        if (button((std::string(button_text) + "##" + id).c_str())) pressed = Press::Export;
        auto_item(id + ".go");
    }
    if (print) {
        ImGui::SameLine();
        if (button((std::string(print_text) + "##" + id).c_str())) pressed = Press::Print;
        auto_item(id + ".pdf");
        tooltip(ZH("生成 A4 版式的 PDF（内嵌中文字体，带页码），可直接打印归档"));
    }
    ImGui::EndDisabled();
    if (auto picked = dialog_.draw()) {
        chosen_ = *picked;
        message_.clear();
    }
    if (running_) show_loading(ZH("正在导出…"));
    if (!message_.empty()) {
        glyph_atlas().add(message_);
        ImGui::PushTextWrapPos(0);
        text_colored(failed_ ? colors::kError : colors::kOk, message_);
        ImGui::PopTextWrapPos();
    }
    if (!written_.empty() && !failed_) draw_open_buttons(written_, id, message_, failed_);
    return running_ ? Press::None : pressed;
}

void ExportControl::start(Session& session, std::function<std::string(Service&)> make, bool pdf) {
    running_ = true;
    message_.clear();
    written_.clear();
    std::string path = target();
    if (pdf && std::filesystem::path(path).extension() != ".pdf") {
        // The PDF goes beside the Excel file the row names, never over an existing file.
        std::filesystem::path p(path);
        path = unique_path(p.parent_path().string(), p.stem().string() + ".pdf");
    }
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
            written_ = f.path;
            // The next export of the same thing is a new file, not this one again.
            chosen_.clear();
            default_path_ = unique_path(documents_dir(), name_);
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
