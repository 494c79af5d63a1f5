// 我的身份: the acting user, what the role may do, and (on a local database) acting as
// another user. Everything shown afterwards is limited to that user's role and scope, as the
// service enforces it.
#include "automation.hpp"
#include "identity_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

const char* IdentityView::title() const { return ZH("我的身份"); }

bool IdentityView::busy() const { return directory_.loading; }

void IdentityView::draw() {
    if (!begin_screen(title())) {
        ImGui::End();
        return;
    }
    const Actor& me = session_.actor();
    float em = ImGui::GetFontSize();
    ImGui::SetWindowFontScale(1.3f);
    text(format(ZH("%s（%s）"), me.display_name.c_str(), me.login.c_str()));
    ImGui::SetWindowFontScale(1.0f);
    const OrgTree* tree = session_.tree_if_ready();
    const OrgNode* scope = tree ? tree->find(me.org_code) : nullptr;
    if (ImGui::BeginTable("##me", 2, ImGuiTableFlags_RowBg, ImVec2(em * 30, 0))) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, em * 6);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        kv_row(ZH("角色"), role_label(me.role));
        kv_row(ZH("管辖范围"), scope ? format(ZH("%s（%s）及其下级"), scope->name.c_str(), me.org_code.c_str())
                                     : me.org_code);
        std::string may, may_not;
        for (Capability c : kAllCapabilities) {
            std::string& to = role_has(me.role, c) ? may : may_not;
            if (!to.empty()) to += ZH("、");
            to += capability_label(c);
        }
        kv_row(ZH("可以"), may.empty() ? std::string(ZH("—")) : may);
        kv_row(ZH("不可以"), may_not.empty() ? std::string(ZH("—")) : may_not);
        ImGui::EndTable();
    }
    text_muted(ZH("各界面显示的内容都限于当前身份的角色和管辖范围；越权的操作会被系统拒绝并说明原因。"));

    if (session_.remote()) {
        // Against the county server you are who you logged in as: no switching identity.
        separator_text(ZH("登录"));
        text_wrapped(ZH("连接全县共用服务器时，身份就是登录的账号，不能切换；要以另一个账号操作，请退出登录后重新登录。"));
        if (button(ZH("退出登录"))) session_.request_logout();
        auto_item("whoami.logout");
        ImGui::End();
        return;
    }
    separator_text(ZH("切换身份"));
    text_wrapped(ZH("本机数据库：可以改用其他用户的身份查看和操作（如检查某单位管理员能看到什么）。"));
    const Actor& dir = session_.directory_actor();
    session_.load<std::vector<UserInfo>>(directory_, "directory|" + std::to_string(dir.user_id) + "|" +
                                                         std::to_string(session_.revision()),
                                         ZH("加载用户列表"), [dir](Service& s) { return s.list_users(dir); });
    ImGui::SetNextItemWidth(em * 14);
    input(ZH("##identity_filter"), filter_, ZH("筛选登录名、姓名或组织"), 0, "whoami.filter");
    if (directory_.failure) {
        show_failure(*directory_.failure);
    } else if (!directory_.value) {
        show_loading();
    } else if (ImGui::BeginTable("##directory", 5,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_SizingStretchProp,
                                 ImVec2(0, -FLT_MIN))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("登录名"), 0, 1.2f);
        ImGui::TableSetupColumn(ZH("姓名"), 0, 1.2f);
        ImGui::TableSetupColumn(ZH("角色"), 0, 1.0f);
        ImGui::TableSetupColumn(ZH("管辖范围"), 0, 3.0f);
        ImGui::TableSetupColumn(ZH("操作"), ImGuiTableColumnFlags_WidthFixed, em * 6);
        table_headers();
        std::string pending;
        for (const UserInfo& u : *directory_.value) {
            if (!filter_.empty() && u.login.find(filter_) == std::string::npos &&
                u.display_name.find(filter_) == std::string::npos && u.org_name.find(filter_) == std::string::npos &&
                u.org_code.find(filter_) == std::string::npos)
                continue;
            ImGui::TableNextRow();
            cell(u.login);
            cell(u.display_name);
            cell(role_label(u.role));
            cell(format(ZH("%s（%s）"), u.org_name.c_str(), u.org_code.c_str()));
            ImGui::TableNextColumn();
            ImGui::PushID(u.login.c_str());
            if (u.login == me.login) {
                text_colored(colors::kAccent, ZH("当前身份"));
            } else {
                if (small_button(ZH("切换为此身份"))) pending = u.login;
                auto_item("whoami.switch." + u.login);
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
        if (!pending.empty()) session_.switch_user(pending);
    }
    ImGui::End();
}

}  // namespace dj::ui
