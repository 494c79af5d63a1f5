// 导入党员名册: reads the .xlsx or CSV chosen in the file dialog (or dropped on the window) and imports it on the Long lane; the window shows a spinner
// and the elapsed time meanwhile, then the service's per-row report.
#include <fstream>
#include <sstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "import_view.hpp"
#include "drops.hpp"
#include "export_control.hpp"
#include "io/member_csv.hpp"
#include "io/record_sheet.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

const char* ImportView::title() const { return ZH("导入党员名册"); }

void ImportView::draw() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 44, em * 30), ImGuiCond_Appearing);
    std::string name = std::string(title()) + "###import";
    if (!ImGui::Begin(label(name.c_str()), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    text_wrapped(ZH("从 Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GBK）导入党员，也可以把文件拖到本窗口。"
                    "全部行正确才导入；任何一行有误则一行也不导入，并列出每一处错误（行号和列）。"));
    std::string header;
    for (const auto& h : roster_header()) header += (header.empty() ? "" : ZH("，")) + h;
    glyph_atlas().add(header);
    text_muted(std::string(ZH("表头：")) + header);
    ImGui::Spacing();
    ImGui::BeginDisabled(running_);
    if (button(ZH("下载模板…"))) {
        template_dialog_.open({FileDialog::Mode::Save, ZH("保存党员名册导入模板"), {".xlsx"}, "",
                               ZH("党员名册导入模板.xlsx"), "import.template.dlg"});
    }
    auto_item("import.template");
    ImGui::SameLine();
    if (button(ZH("选择文件…"))) {
        dialog_.open({FileDialog::Mode::Open, ZH("选择要导入的党员名册"), {".xlsx", ".csv"}, "", "", "import.dlg"});
    }
    auto_item("import.choose");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (path_.empty()) text_muted(ZH("尚未选择文件"));
    else text(path_);
    bool start = button(ZH("开始导入"));
    auto_item("import.start");
    ImGui::EndDisabled();
    if (!template_message_.empty()) {
        glyph_atlas().add(template_message_);
        text_muted(template_message_);
    }
    if (auto picked = dialog_.draw()) {
        path_ = *picked;
        auto_log("import_file", path_);
    }
    if (auto picked = template_dialog_.draw()) {
        try {
            write_bytes(*picked, member_template_xlsx());
            template_message_ = std::string(ZH("模板已保存到 ")) + *picked;
            auto_log("template_saved", *picked);
        } catch (const UserError& e) {
            template_message_ = e.what();
        }
    }
    // A file dropped on the window while this is open is imported at once.
    if (!running_ && !dialog_.is_open() && !template_dialog_.is_open())
        if (auto dropped = take_dropped()) {
            path_ = *dropped;
            auto_log("import_file", path_);
            start = true;
        }
    if (start) {
        if (path_.empty()) {
            failure_ = Failure{ZH("请先选择要导入的文件（或把文件拖到本窗口）"), false, false};
            report_.reset();
        } else {
            running_ = true;
            report_.reset();
            failure_.reset();
            std::string path = path_;
            Actor who = session_.actor();
            double started = Session::now();
            session_.call<ImportReport>(
                ZH("导入党员名册"),
                [who, path](Service& s) {
                    std::ifstream in(path, std::ios::binary);
                    if (!in) throw UserError("无法读取文件「" + path + "」：文件不存在或没有读取权限");
                    std::ostringstream bytes;
                    bytes << in.rdbuf();
                    return s.import_members(who, bytes.str());
                },
                [this, started](ImportReport& r) {
                    running_ = false;
                    seconds_ = Session::now() - started;
                    report_ = r;
                    if (r.problems.empty()) {
                        session_.changed();
                        session_.notify(format(ZH("已导入 %zu 名党员"), r.imported));
                    }
                    auto_log("import_done", std::to_string(r.imported) + " " + std::to_string(r.problems.size()));
                },
                [this, started](const Failure& f) {
                    running_ = false;
                    seconds_ = Session::now() - started;
                    failure_ = f;
                    auto_log("import_failed", f.message);
                },
                Lane::Long);
        }
    }

    if (running_) {
        show_loading(ZH("正在导入，请稍候…（界面可继续使用）"));
        if (auto a = session_.tasks().activity(Lane::Long)) {
            ImGui::SameLine();
            text_muted(format(ZH("已用时 %.1f 秒"), a->seconds));
        }
        // No percentage: the service imports in one transaction, all or nothing.
    }
    if (failure_) show_failure(*failure_);
    if (report_) {
        const ImportReport& r = *report_;
        if (r.problems.empty()) {
            text_colored(colors::kOk, format(ZH("导入成功：共 %zu 行，已导入 %zu 名党员（文件编码 %s，用时 %.1f 秒）。"),
                                             r.rows, r.imported, r.encoding.c_str(), seconds_));
        } else {
            text_colored(colors::kError, format(ZH("导入失败：共 %zu 行，发现 %zu 处错误，未导入任何记录。请修改后重新导入。"),
                                                r.rows, r.problems.size()));
            if (ImGui::BeginTable("##problems", 2,
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_SizingStretchProp,
                                  ImVec2(0, -FLT_MIN))) {
                ImGui::TableSetupScrollFreeze(0, 1);
                ImGui::TableSetupColumn(ZH("行号"), ImGuiTableColumnFlags_WidthFixed, em * 4);
                ImGui::TableSetupColumn(ZH("问题"), ImGuiTableColumnFlags_WidthStretch);
                table_headers();
                ImGuiListClipper clipper;
                clipper.Begin(static_cast<int>(r.problems.size()));
                while (clipper.Step())
                    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                        const auto& p = r.problems[static_cast<std::size_t>(i)];
                        ImGui::TableNextRow();
                        cell(format(ZH("第 %zu 行"), p.line));
                        ImGui::TableNextColumn();
                        text_wrapped(p.message);
                    }
                ImGui::EndTable();
            }
        }
    }
    ImGui::End();
}

}  // namespace dj::ui
