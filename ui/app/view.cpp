#include "view.hpp"

#include "automation.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

bool View::begin_screen(const std::string& title_text) {
    ImGui::SetNextWindowPos(session_.content_pos);
    ImGui::SetNextWindowSize(session_.content_size);
    std::string name = title_text + "###screen_" + id();
    return ImGui::Begin(label(name.c_str()), nullptr,
                        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

const OrgNode* View::begin_node_screen() {
    const auto& loaded = session_.tree();
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return nullptr;
    }
    if (loaded.failure) {
        show_failure(*loaded.failure);
        ImGui::End();
        return nullptr;
    }
    if (!loaded.value || !node) {
        show_loading(ZH("正在加载组织架构…"));
        ImGui::End();
        return nullptr;
    }
    return node;
}

void show_failure(const Failure& f) {
    if (automation().enabled()) {  // once per distinct message, not once per frame
        static std::string last;
        if (last != f.message) {
            last = f.message;
            auto_log(f.denied ? "denied" : "failure", f.message);
        }
    }
    if (f.denied) {
        text_colored(colors::kWarn, ZH("无权访问"));
        text_wrapped(f.message);
    } else {
        text_error(f.message);
    }
}

void show_loading(const char* what) {
    spinner();
    ImGui::SameLine();
    text_muted(what ? what : ZH("加载中…"));
}

}  // namespace dj::ui
