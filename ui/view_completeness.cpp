// 报送情况: for one form and period, how many reports each node under the selected one
// owes and how many came in, on time and approved, rolled up the tree by the service; and
// the export of the submissions as Excel (xlsx) or CSV.
#include <cstdlib>
#include <fstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "views_forms.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// A horizontal bar: `part` of `whole` filled, `inner` of it darker, with the percentage.
void progress_bar(std::size_t part, std::size_t inner, std::size_t whole, float width) {
    const float h = ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    if (whole > 0) {
        float f = static_cast<float>(part) / static_cast<float>(whole);
        float g = static_cast<float>(inner) / static_cast<float>(whole);
        ImVec4 light = colors::kAccent;
        light.w = 0.45f;
        if (part > 0) dl->AddRectFilled(p, ImVec2(p.x + width * f, p.y + h), ImGui::GetColorU32(light), 2.0f);
        if (inner > 0) dl->AddRectFilled(p, ImVec2(p.x + width * g, p.y + h), ImGui::GetColorU32(colors::kOk), 2.0f);
        std::string pct = format("%.0f%%", 100.0 * f);
        dl->AddText(ImVec2(p.x + width + 4 - ImGui::CalcTextSize(pct.c_str()).x - 8, p.y), ImGui::GetColorU32(ImGuiCol_Text),
                    pct.c_str());
    }
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(ImGuiCol_Border), 2.0f);
}

}  // namespace

void collect_glyphs(CodepointSet& set, const FormCatalog& c) { collect_glyphs(set, c.forms); }
void collect_glyphs(CodepointSet& set, const ExportDone& e) { set.add(e.path); }

const char* CompletenessView::title() const { return ZH("报送情况"); }

bool CompletenessView::busy() const { return catalog_.loading || rows_.loading || exporting_; }

void CompletenessView::draw() {
    const float em = ImGui::GetFontSize();
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    Actor who = session_.actor();
    session_.load<FormCatalog>(catalog_, session_.key("catalog"), ZH("加载表单目录"), [who](Service& s) {
        FormCatalog c;
        for (const auto& p : s.list_plugins(who)) {
            if (p.status != "loaded") continue;
            for (const auto& id : p.forms) {
                try {
                    c.forms.push_back(s.form(who, id));
                } catch (const UserError&) {
                    // A form of a plugin that went away since the list was read: skip it.
                }
            }
        }
        return c;
    });
    if (catalog_.failure) {
        show_failure(*catalog_.failure);
        ImGui::End();
        return;
    }
    if (!catalog_.value || !node) {
        show_loading(ZH("正在加载表单目录…"));
        ImGui::End();
        return;
    }
    const auto& forms = catalog_.value->forms;
    if (forms.empty()) {
        text_wrapped(ZH("还没有任何表单：没有已加载的插件声明表单。"));
        ImGui::End();
        return;
    }
    if (form_id_.empty()) form_id_ = session_.start_form;
    const FormInfo* form = nullptr;
    for (const auto& f : forms)
        if (f.id == form_id_) form = &f;
    if (!form) {
        form = &forms.front();
        form_id_ = form->id;
        period_.clear();
    }
    PeriodType type = period_type_of(form->period);
    if (period_.empty() || !Period::parse(period_) || Period::parse(period_)->type() != type) {
        auto start = Period::parse(session_.start_period);
        period_ = start && start->type() == type ? start->str() : Period::containing(session_.today(), type).str();
    }

    // Toolbar: the form and the period.
    ImGui::AlignTextToFramePadding();
    text(ZH("表单"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 16);
    if (ImGui::BeginCombo(label(ZH("##form")), form->title.c_str())) {
        for (const auto& f : forms) {
            if (selectable((f.title + "##" + f.id).c_str(), f.id == form_id_)) form_id_ = f.id;
            auto_item("completeness.form." + f.id);
        }
        ImGui::EndCombo();
    } else {
        auto_item("completeness.form");
    }
    glyph_atlas().check(form->title);
    ImGui::SameLine();
    text(ZH("期间"));
    ImGui::SameLine();
    period_combo("##period", period_, type, session_.today(), em * 10, "completeness.period");
    ImGui::SameLine();
    checkbox(ZH("只列出应报的组织"), &only_expected_);

    std::string code = node->code, fid = form_id_, period = period_;
    session_.load<std::vector<CompletenessRow>>(
        rows_, session_.key("completeness|" + fid + "|" + period + "|" + code), ZH("统计报送情况"),
        [who, fid, period, code](Service& s) { return s.completeness(who, fid, period, code); }, Lane::Query,
        rows_.value.has_value());

    if (rows_.failure) {
        show_failure(*rows_.failure);
    } else if (!rows_.value) {
        show_loading(ZH("正在统计…"));
    } else {
        const auto& rows = *rows_.value;
        if (rows_logged_ != rows_.stamp()) {
            rows_logged_ = rows_.stamp();
            auto_log("completeness_rows", std::to_string(rows.size()) + " " +
                                              std::to_string(rows.empty() ? 0 : rows.front().expected));
        }
        if (!rows.empty()) {
            const auto& r = rows.front();
            auto pct = [&](std::size_t n) { return r.expected ? 100.0 * static_cast<double>(n) / static_cast<double>(r.expected) : 0.0; };
            text(format(ZH("「%s」%s：应报 %zu 份，已报 %zu 份（%.0f%%），按时 %zu 份，已审核 %zu 份。"), form->title.c_str(),
                        period_label(period_).c_str(), r.expected, r.submitted, pct(r.submitted), r.on_time, r.approved));
            ImGui::SameLine();
            text_muted(ZH("（条形图：红为已报，绿为已审核）"));
        }
        draw_export(*form);
        draw_table(rows);
    }
    ImGui::End();
}

void CompletenessView::draw_export(const FormInfo& f) {
    const float em = ImGui::GetFontSize();
    std::string key = f.id + "|" + period_;
    if (export_for_ != key) {
        export_for_ = key;
        export_path_ = home_dir() + "/" + ZH("dangjian-导出-") + f.id + "-" + period_ + ".xlsx";
        export_message_.clear();
    }
    ImGui::SetNextItemWidth(std::max(em * 12, ImGui::GetContentRegionAvail().x - em * 7));
    input(ZH("##export_path"), export_path_, ZH("保存到（.xlsx 或 .csv）"), 0, "completeness.export_path");
    ImGui::SameLine();
    ImGui::BeginDisabled(exporting_);
    bool go = button(ZH("导出 Excel"), ImVec2(-FLT_MIN, 0));
    auto_item("completeness.export");
    ImGui::EndDisabled();
    if (go) {
        exporting_ = true;
        export_message_.clear();
        std::string path = expand_home(export_path_);
        std::string format_id = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0 ? "csv" : "xlsx";
        Actor who = session_.actor();
        SubmissionFilter filter;
        filter.form_id = f.id;
        filter.period = period_;
        filter.unit_code = session_.selected_code();
        session_.call<ExportDone>(
            ZH("导出报送记录"),
            [who, filter, path, format_id](Service& s) {
                std::string bytes = s.export_submissions(who, filter, format_id);
                std::ofstream out(path, std::ios::binary | std::ios::trunc);
                if (!out) throw UserError("无法写入文件「" + path + "」：目录不存在或没有写入权限");
                out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
                if (!out) throw UserError("写入文件「" + path + "」失败（磁盘已满？）");
                return ExportDone{path, bytes.size()};
            },
            [this](ExportDone& d) {
                exporting_ = false;
                export_failed_ = false;
                export_message_ = format(ZH("已导出到 %s（%zu 字节）"), d.path.c_str(), d.bytes);
                auto_log("exported", d.path + " " + std::to_string(d.bytes));
            },
            [this](const Failure& fail) {
                exporting_ = false;
                export_failed_ = true;
                export_message_ = fail.message;
                auto_log("export_failed", fail.message);
            },
            Lane::Long);
    }
    if (exporting_) show_loading(ZH("正在导出…"));
    if (!export_message_.empty()) {
        glyph_atlas().add(export_message_);
        ImGui::PushTextWrapPos(0);
        text_colored(export_failed_ ? colors::kError : colors::kOk, export_message_);
        ImGui::PopTextWrapPos();
    }
}

void CompletenessView::draw_table(const std::vector<CompletenessRow>& all) {
    const float em = ImGui::GetFontSize();
    std::vector<const CompletenessRow*> rows;
    for (const auto& r : all)
        if (!only_expected_ || r.expected > 0) rows.push_back(&r);
    if (rows.empty()) {
        text_muted(ZH("所选组织及其下级没有应报这张表单的组织（插件未启用，或表单不由这些组织填报）。"));
        return;
    }
    const int base_depth = all.empty() ? 0 : all.front().depth;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##completeness", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ZH("组织"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("类型"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("应报"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("已报"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("按时"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("已审核"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("完成情况"), 0, em * 13);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CompletenessRow& r = *rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Indent(em * static_cast<float>(r.depth - base_depth) + 1.0f);
            text(r.unit_name);
            ImGui::Unindent(em * static_cast<float>(r.depth - base_depth) + 1.0f);
            auto type = parse_org_type(r.type);
            cell(type ? std::string(org_type_label(*type)) : r.type);
            cellf("%zu", r.expected);
            ImGui::TableNextColumn();
            text_colored(r.submitted < r.expected ? colors::kWarn : colors::kOk, std::to_string(r.submitted));
            cellf("%zu", r.on_time);
            cellf("%zu", r.approved);
            ImGui::TableNextColumn();
            if (r.expected == 0)
                text_muted(ZH("不适用"));
            else
                progress_bar(r.submitted, r.approved, r.expected, em * 12);
        }
    ImGui::EndTable();
}

}  // namespace dj::ui
