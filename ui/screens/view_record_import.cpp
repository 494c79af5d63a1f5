// 从 Excel 导入记录: the form's template to download, the filled file chosen in the dialog or
// dropped on the window, imported on the Long lane through Service::import_records.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "drops.hpp"
#include "export_control.hpp"
#include "io/record_sheet.hpp"
#include "io/user_files.hpp"
#include "record_import_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

const char* RecordImportView::title() const { return ZH("从 Excel 导入记录"); }

void RecordImportView::open_for(const FormInfo& form, const std::string& unit_code, const std::string& unit_name) {
    if (form.id != form_.id || unit_code != unit_code_) {
        path_.clear();
        report_.reset();
        failure_.reset();
        template_message_.clear();
    }
    form_ = form;
    unit_code_ = unit_code;
    unit_name_ = unit_name;
    open = true;
    auto_log("record_import_open", form.id + " " + unit_code);
}

void RecordImportView::start(const std::string& path) {
    running_ = true;
    report_.reset();
    failure_.reset();
    Actor who = session_.actor();
    std::string form_id = form_.id, unit = unit_code_;
    session_.call<ImportReport>(
        ZH("从 Excel 导入记录"),
        [who, path, form_id, unit](Service& s) {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw UserError("无法读取文件「" + path + "」：文件不存在或没有读取权限");
            std::ostringstream bytes;
            bytes << in.rdbuf();
            return s.import_records(who, form_id, unit, bytes.str());
        },
        [this](ImportReport& r) {
            running_ = false;
            report_ = r;
            if (r.problems.empty()) {
                session_.changed();
                session_.notify(format(ZH("已导入 %zu 条记录"), r.imported));
            }
            auto_log("records_import_done", std::to_string(r.imported) + " " + std::to_string(r.problems.size()));
        },
        [this](const Failure& f) {
            running_ = false;
            failure_ = f;
            auto_log("records_import_failed", f.message);
        },
        Lane::Long);
}

void RecordImportView::draw() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 46, em * 30), ImGuiCond_Appearing);
    std::string name = std::string(title()) + "###record_import";
    if (!ImGui::Begin(label(name.c_str()), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    glyph_atlas().add(form_.title + unit_name_);
    heading(format(ZH("%s · %s"), form_.title.c_str(), unit_name_.c_str()));
    text_wrapped(ZH("先下载模板，每行填写一条记录（第一列为期间，如 2020-12），再选择填好的文件导入，"
                    "也可以把文件拖到本窗口。每一行都按填报时的规则校验；全部正确才导入，任何一行有误则一条也不导入。"));
    ImGui::Spacing();
    ImGui::BeginDisabled(running_);
    if (button(ZH("下载模板…")))
        template_dialog_.open({FileDialog::Mode::Save, ZH("保存导入模板"), {".xlsx"}, "",
                               safe_file_name({form_.title, ZH("导入模板")}, ".xlsx"), "records.template.dlg"});
    auto_item("records.template");
    ImGui::SameLine();
    if (button(ZH("选择文件…")))
        dialog_.open({FileDialog::Mode::Open, ZH("选择填好的 Excel 文件"), {".xlsx"}, "", "", "records.dlg"});
    auto_item("records.choose");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    if (path_.empty()) text_muted(ZH("尚未选择文件"));
    else text(path_);
    bool go = button(ZH("开始导入"));
    auto_item("records.start");
    ImGui::EndDisabled();
    if (!template_message_.empty()) text_muted(template_message_);

    if (auto picked = dialog_.draw()) path_ = *picked;
    if (auto picked = template_dialog_.draw()) {
        try {
            write_bytes(*picked, form_template_xlsx(nlohmann::json::parse(form_.schema_json)));
            template_message_ = std::string(ZH("模板已保存到 ")) + *picked;
            auto_log("template_saved", *picked);
        } catch (const std::exception& e) {
            template_message_ = e.what();
        }
    }
    if (!running_ && !dialog_.is_open() && !template_dialog_.is_open())
        if (auto dropped = take_dropped()) {
            path_ = *dropped;
            go = true;
        }
    if (go) {
        if (path_.empty()) failure_ = Failure{ZH("请先选择要导入的文件（或把文件拖到本窗口）"), false, false};
        else start(path_);
    }

    if (running_) show_loading(ZH("正在导入，请稍候…"));
    if (failure_) show_failure(*failure_);
    if (report_) {
        const ImportReport& r = *report_;
        if (r.problems.empty()) {
            text_colored(colors::kOk, format(ZH("导入成功：已导入 %zu 条记录。"), r.imported));
        } else {
            text_colored(colors::kError, format(ZH("导入失败：共 %zu 条记录，发现 %zu 处错误，未导入任何记录。请修改后重新导入。"),
                                                r.rows, r.problems.size()));
            // One wrapped line per problem: 第 3 行　H 列：… (a table's stretch column came out one
            // character wide on the window's first frames).
            ImGui::BeginChild("##problems", ImVec2(0, -FLT_MIN), true);
            for (const auto& p : r.problems) {
                text_wrapped(format(ZH("第 %zu 行　%s"), p.line, p.message.c_str()));
            }
            ImGui::EndChild();
        }
    }
    ImGui::End();
}

}  // namespace dj::ui
