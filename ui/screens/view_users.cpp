// 用户: the accounts in the actor's scope; new accounts for roles that manage users.
#include "automation.hpp"
#include "strings.hpp"
#include "users_view.hpp"
#include "widgets.hpp"

namespace dj::ui {

const char* UsersView::title() const { return ZH("用户"); }

bool UsersView::busy() const { return users_.loading; }

void UsersView::draw() {
    if (!begin_screen(title())) {
        ImGui::End();
        return;
    }
    Actor who = session_.actor();
    session_.load<std::vector<UserInfo>>(users_, session_.key("users"), ZH("加载用户"),
                                         [who](Service& s) { return s.list_users(who); });
    float em = ImGui::GetFontSize();
    bool manage = session_.can(Capability::ManageUsers);
    if (manage) {
        separator_text(ZH("新建用户"));
        if (org_.empty()) org_ = session_.selected_code();
        ImGui::PushItemWidth(em * 10);
        input(ZH("登录名"), login_, ZH("小写字母、数字"), 0, "users.login");
        ImGui::SameLine();
        input(ZH("姓名##user_name"), name_, nullptr, 0, "users.name");
        ImGui::SameLine();
        std::vector<const char*> roles;
        for (Role r : kAllRoles) {
            if (r == Role::Admin && who.role != Role::Admin) continue;
            roles.push_back(role_label(r).data());
        }
        combo(ZH("角色"), role_, roles.data(), static_cast<int>(roles.size()), "users.role");
        input(ZH("所属组织编码"), org_, nullptr, 0, "users.org");
        ImGui::PopItemWidth();
        ImGui::SameLine();
        if (const OrgTree* t = session_.tree_if_ready()) {
            const OrgNode* n = t->find(org_);
            text_muted(n ? n->name : std::string(ZH("（管辖范围内没有这个编码）")));
            ImGui::SameLine();
        }
        ImGui::BeginDisabled(creating_);
        if (button(ZH("创建用户"))) {
            error_.clear();
            NewUser u;
            u.login = login_;
            u.display_name = name_;
            u.role = parse_role(role_).value_or(Role::Filler);
            u.org_code = org_;
            creating_ = true;
            session_.call<UserInfo>(
                ZH("创建用户"), [who, u](Service& s) { return s.create_user(who, u); },
                [this](UserInfo& made) {
                    creating_ = false;
                    session_.changed();
                    session_.notify(format(ZH("已创建用户 %s（%s）"), made.login.c_str(), made.display_name.c_str()));
                    login_.clear();
                    name_.clear();
                },
                [this](const Failure& f) {
                    creating_ = false;
                    error_ = f.message;
                    auto_log("users_error", f.message);
                });
        }
        auto_item("users.create");
        ImGui::EndDisabled();
        if (!error_.empty()) text_error(error_);
        ImGui::Spacing();
    }

    separator_text(ZH("管辖范围内的用户"));
    if (users_.failure) {
        show_failure(*users_.failure);
    } else if (!users_.value) {
        show_loading();
    } else if (ImGui::BeginTable("##users", 5,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_SizingStretchProp,
                                 ImVec2(0, -FLT_MIN))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("登录名"), 0, 1.2f);
        ImGui::TableSetupColumn(ZH("姓名"), 0, 1.2f);
        ImGui::TableSetupColumn(ZH("角色"), 0, 1.0f);
        ImGui::TableSetupColumn(ZH("所属组织"), 0, 3.0f);
        ImGui::TableSetupColumn(ZH("组织编码"), 0, 1.2f);
        table_headers();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(users_.value->size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const UserInfo& u = (*users_.value)[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (u.login == who.login)
                    text_colored(colors::kAccent, u.login);
                else
                    text(u.login);
                cell(u.display_name);
                cell(role_label(u.role));
                cell(u.org_name);
                cell(u.org_code);
            }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace dj::ui
