// 设置 and 关于.
#include "about_view.hpp"
#include "settings_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

const char* SettingsView::title() const { return ZH("设置"); }

void SettingsView::draw() {
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, em * 14), ImGuiCond_Appearing);
    std::string name = std::string(title()) + "###settings";
    if (!ImGui::Begin(label(name.c_str()), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    GlyphAtlas& atlas = glyph_atlas();
    if (pending_size_ <= 0) pending_size_ = atlas.base_size();
    separator_text(ZH("字号"));
    ImGui::SetNextItemWidth(em * 12);
    ImGui::SliderFloat(label(ZH("像素##font_size")), &pending_size_, 10.0f, 32.0f, "%.0f");
    ImGui::SameLine();
    if (button(ZH("应用##font"))) atlas.set_base_size(static_cast<float>(static_cast<int>(pending_size_ + 0.5f)));
    text_muted(format(ZH("当前 %.0f 像素 × 显示器缩放 %.2f"), atlas.base_size(), atlas.content_scale()));

    separator_text(ZH("配色"));
    theme_ = current_theme();
    if (radio(ZH("浅色"), theme_ == 0)) set_theme(0);
    ImGui::SameLine();
    if (radio(ZH("深色"), theme_ == 1)) set_theme(1);

    separator_text(ZH("调试"));
    bool frame_time = show_frame_time();
    if (checkbox(ZH("在状态栏显示每帧耗时"), &frame_time)) set_show_frame_time(frame_time);
    ImGui::End();
}

const char* AboutView::title() const { return ZH("关于"); }

void AboutView::draw() {
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 30, em * 18), ImGuiCond_Appearing);
    std::string name = std::string(title()) + "###about";
    if (!ImGui::Begin(label(name.c_str()), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    heading(ZH("dangjian 机关党建工作平台"));
    GlyphAtlas& atlas = glyph_atlas();
    if (ImGui::BeginTable("##about", 2, ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, em * 7);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        kv_row(ZH("版本"), DJ_VERSION);
        kv_row(ZH("数据库"), db_path_);
        kv_row(ZH("界面库"), std::string("Dear ImGui ") + IMGUI_VERSION);
        kv_row(ZH("字体"), ZH("文泉驿微米黑"));
        kv_row(ZH("已载入字形"), format(ZH("%zu 个（按界面和数据实际用到的字构建）"), atlas.in_atlas()));
        kv_row(ZH("字库重建"), format(ZH("%zu 次，最近一次 %.1f 毫秒"), atlas.builds(), atlas.last_build_ms()));
        kv_row(ZH("缺字"), format("%zu", atlas.missing()));
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace dj::ui
