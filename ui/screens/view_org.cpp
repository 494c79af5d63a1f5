// 组织: the selected node's details, its history (every version), and — for roles that may
// write — changes effective from a date (rename, move, attributes), a new child, or closing.
#include <algorithm>

#include "automation.hpp"
#include "core/errors.hpp"
#include "org_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

std::string opt_int(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }

std::string yes_no(const std::optional<bool>& b) {
    if (!b) return ZH("—");
    return *b ? ZH("是") : ZH("否");
}

// Parses an optional integer field; throws UserError naming it.
std::optional<int> parse_int(const std::string& text, const char* what) {
    if (text.empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        int v = std::stoi(text, &used);
        if (used == text.size() && v >= 0) return v;
    } catch (const std::exception&) {
    }
    throw UserError(std::string(what) + "应为非负整数，而不是「" + text + "」");
}

constexpr OrgType kTypes[] = {OrgType::County,        OrgType::Committee, OrgType::Department, OrgType::OrganCommittee,
                              OrgType::GeneralBranch, OrgType::Branch,    OrgType::Group};

bool type_combo(const char* text, std::string& value, std::optional<OrgType> parent) {
    bool changed = false;
    if (ImGui::BeginCombo(label(text), value.c_str())) {
        for (OrgType t : kTypes) {
            if (parent && !org_type_may_contain(*parent, t)) continue;
            std::string l(org_type_label(t));
            if (selectable(l.c_str(), value == l)) {
                changed = value != l;
                value = l;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace

const char* OrgView::title() const { return ZH("组织"); }

bool OrgView::busy() const { return history_.loading; }

void OrgView::prepare_screenshot(std::string_view variant) {
    if (variant == "org_history") tab_ = 1;
    if (variant == "org_edit") tab_ = 2;
}

void OrgView::reset_edit(const OrgNode& n) {
    edit_for_ = n.code + "|" + n.valid_from.iso() + "|" + std::to_string(session_.revision());
    e_name_ = n.name;
    e_parent_ = n.parent_code;
    e_type_ = std::string(org_type_label(n.type));
    e_kind_ = n.attrs.kind.value_or("");
    e_staff_ = opt_int(n.attrs.staff_count);
    e_affairs_ = opt_int(n.attrs.party_affairs_staff);
    e_term_start_ = n.attrs.term_start ? n.attrs.term_start->iso() : "";
    e_term_end_ = n.attrs.term_end ? n.attrs.term_end->iso() : "";
    e_committee_ = n.attrs.has_discipline_committee.value_or(false);
    e_member_ = n.attrs.has_discipline_member.value_or(false);
    e_effective_ = session_.today().iso();
    edit_error_.clear();
    c_code_ = n.code + "-";
    c_name_.clear();
    c_type_.clear();
    c_effective_ = session_.today().iso();
    create_error_.clear();
    close_date_ = session_.today().iso();
    close_error_.clear();
}

void OrgView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    const OrgTree& tree = *session_.tree().value;
    std::string ek = node->code + "|" + node->valid_from.iso() + "|" + std::to_string(session_.revision());
    if (ek != edit_for_) reset_edit(*node);

    if (ImGui::BeginTabBar("##org_tabs")) {
        auto tab = [this](const char* name, int index) {
            ImGuiTabItemFlags f = tab_ == index ? ImGuiTabItemFlags_SetSelected : 0;
            bool open_now = ImGui::BeginTabItem(label(name), nullptr, f);
            auto_item(std::string("org.tab.") + std::to_string(index));
            return open_now;
        };
        if (tab(ZH("基本信息"), 0)) {
            draw_details(tree, *node);
            ImGui::EndTabItem();
        }
        if (tab(ZH("历史沿革"), 1)) {
            draw_history(*node);
            ImGui::EndTabItem();
        }
        if (session_.can(Capability::WriteOrg)) {
            if (tab(ZH("调整"), 2)) {
                draw_edit(tree, *node);
                ImGui::EndTabItem();
            }
            if (tab(ZH("新增下级组织"), 3)) {
                draw_create(*node);
                ImGui::EndTabItem();
            }
            if (tab(ZH("撤销"), 4)) {
                draw_close(*node);
                ImGui::EndTabItem();
            }
        }
        tab_ = -1;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

void OrgView::draw_details(const OrgTree& tree, const OrgNode& n) {
    float em = ImGui::GetFontSize();
    std::size_t idx = *tree.index(n.code);
    text_muted(tree.path(idx));
    if (ImGui::BeginTable("##org_kv", 2, ImGuiTableFlags_RowBg, ImVec2(em * 32, 0))) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, em * 7);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        const OrgNode* parent = tree.find(n.parent_code);
        kv_row(ZH("名称"), n.name);
        kv_row(ZH("编码"), n.code);
        kv_row(ZH("类型"), org_type_label(n.type));
        kv_row(ZH("上级组织"), parent ? format(ZH("%s（%s）"), parent->name.c_str(), parent->code.c_str())
                                      : (n.parent_code.empty() ? std::string(ZH("—")) : n.parent_code));
        kv_row(ZH("单位性质"), n.attrs.kind.value_or(ZH("—")));
        kv_row(ZH("在编人数"), n.attrs.staff_count ? format(ZH("%d 人"), *n.attrs.staff_count) : std::string(ZH("—")));
        kv_row(ZH("专职党务干部"),
               n.attrs.party_affairs_staff ? format(ZH("%d 人"), *n.attrs.party_affairs_staff) : std::string(ZH("—")));
        kv_row(ZH("本届任期开始"), date_text(n.attrs.term_start));
        kv_row(ZH("本届任期届满"), date_text(n.attrs.term_end));
        kv_row(ZH("设机关纪委"), yes_no(n.attrs.has_discipline_committee));
        kv_row(ZH("设纪检委员"), yes_no(n.attrs.has_discipline_member));
        kv_row(ZH("本版本生效"), n.valid_from.iso());
        ImGui::EndTable();
    }
    const auto& kids = tree.children[idx];
    separator_text(format(ZH("下级组织：%zu 个"), kids.size()));
    if (!kids.empty() &&
        ImGui::BeginTable("##children", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                              ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, -FLT_MIN))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("名称"), 0, 3.0f);
        ImGui::TableSetupColumn(ZH("编码"), 0, 1.2f);
        ImGui::TableSetupColumn(ZH("类型"), 0, 1.0f);
        ImGui::TableSetupColumn(ZH("任期届满"), 0, 1.2f);
        table_headers();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(kids.size()));
        std::string pick;
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const OrgNode& c = tree.nodes[kids[static_cast<std::size_t>(r)]];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(r);
                if (selectable(c.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) pick = c.code;
                ImGui::PopID();
                cell(c.code);
                cell(org_type_label(c.type));
                cell(date_text(c.attrs.term_end));
            }
        ImGui::EndTable();
        if (!pick.empty()) session_.select(pick);
    }
}

void OrgView::draw_history(const OrgNode& n) {
    Actor who = session_.actor();
    std::string code = n.code;
    session_.load<std::vector<OrgNode>>(history_, session_.key("history|" + code), ZH("加载组织历史"),
                                        [who, code](Service& s) { return s.org_history(who, code); });
    text_muted(ZH("每次更名、调整隶属关系或修改属性都形成一个新版本；撤销后历史仍保留。"));
    if (history_.failure) {
        show_failure(*history_.failure);
        return;
    }
    if (!history_.value) {
        show_loading();
        return;
    }
    if (ImGui::BeginTable("##history", 8,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                              ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, -FLT_MIN))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("生效日期"), 0, 1.1f);
        ImGui::TableSetupColumn(ZH("截止日期"), 0, 1.1f);
        ImGui::TableSetupColumn(ZH("名称"), 0, 2.6f);
        ImGui::TableSetupColumn(ZH("类型"), 0, 0.9f);
        ImGui::TableSetupColumn(ZH("上级编码"), 0, 1.0f);
        ImGui::TableSetupColumn(ZH("单位性质"), 0, 1.0f);
        ImGui::TableSetupColumn(ZH("在编人数"), 0, 0.8f);
        ImGui::TableSetupColumn(ZH("任期届满"), 0, 1.1f);
        table_headers();
        for (const OrgNode& v : *history_.value) {
            ImGui::TableNextRow();
            cell(v.valid_from.iso());
            cell(v.valid_to ? v.valid_to->iso() : std::string(ZH("（现行）")));
            cell(v.name);
            cell(org_type_label(v.type));
            cell(v.parent_code.empty() ? std::string(ZH("—")) : v.parent_code);
            cell(v.attrs.kind.value_or(ZH("—")));
            cell(v.attrs.staff_count ? std::to_string(*v.attrs.staff_count) : std::string(ZH("—")));
            cell(date_text(v.attrs.term_end));
        }
        ImGui::EndTable();
    }
}

void OrgView::draw_edit(const OrgTree& tree, const OrgNode& n) {
    float em = ImGui::GetFontSize();
    text_wrapped(ZH("修改自“生效日期”起有效：与当前版本同一天生效则修正当前版本，晚于它则形成新版本，之前的历史不变。"));
    const float fx = em * 7.0f, fw = em * 16.0f;
    form_label(ZH("名称"), true, fx, fw);
    input("##e_name", e_name_, nullptr, 0, "org.edit.name");
    form_label(ZH("上级组织编码"), true, fx, fw);
    input("##e_parent", e_parent_, nullptr, 0, "org.edit.parent");
    const OrgNode* parent = tree.find(e_parent_);
    if (parent) {
        ImGui::SameLine();
        text_muted(parent->name);
    }
    form_label(ZH("类型"), true, fx, fw);
    type_combo("##e_type", e_type_, parent ? std::optional<OrgType>(parent->type) : std::nullopt);
    if (n.type == OrgType::Department || e_type_ == std::string(org_type_label(OrgType::Department))) {
        std::vector<const char*> kinds;
        for (auto k : kDepartmentKinds) kinds.push_back(k.data());
        form_label(ZH("单位性质"), false, fx, fw);
        combo("##e_kind", e_kind_, kinds.data(), static_cast<int>(kinds.size()));
    }
    form_label(ZH("在编人数"), false, fx, fw);
    input("##e_staff", e_staff_);
    form_label(ZH("专职党务干部"), false, fx, fw);
    input("##e_affairs", e_affairs_);
    form_label(ZH("本届任期开始"), false, fx, fw);
    input("##e_term_start", e_term_start_, ZH("如 2021-07-01"));
    form_label(ZH("本届任期届满"), false, fx, fw);
    input("##e_term_end", e_term_end_, ZH("如 2026-06-30"));
    form_label(ZH("纪检"), false, fx, fw);
    checkbox(ZH("设机关纪委"), &e_committee_);
    ImGui::SameLine();
    checkbox(ZH("设纪检委员"), &e_member_);
    form_label(ZH("生效日期"), true, fx, fw);
    input("##e_effective", e_effective_, nullptr, 0, "org.edit.effective");
    if (!edit_error_.empty()) text_error(edit_error_);
    ImGui::BeginDisabled(saving_);
    bool save = button(ZH("保存调整"));
    auto_item("org.edit.save");
    ImGui::EndDisabled();
    if (!save) return;

    OrgChange change;
    try {
        change.effective = Date::parse_or_throw(e_effective_, ZH("生效日期"));
        if (e_name_ != n.name) change.name = e_name_;
        if (e_parent_ != n.parent_code) change.parent_code = e_parent_;
        if (e_type_ != std::string(org_type_label(n.type))) change.type = parse_org_type(e_type_);
        if (!e_kind_.empty() && e_kind_ != n.attrs.kind.value_or("")) change.attrs.kind = e_kind_;
        auto staff = parse_int(e_staff_, ZH("在编人数"));
        if (staff && staff != n.attrs.staff_count) change.attrs.staff_count = staff;
        auto affairs = parse_int(e_affairs_, ZH("专职党务干部"));
        if (affairs && affairs != n.attrs.party_affairs_staff) change.attrs.party_affairs_staff = affairs;
        if (!e_term_start_.empty()) {
            Date d = Date::parse_or_throw(e_term_start_, ZH("本届任期开始"));
            if (d != n.attrs.term_start) change.attrs.term_start = d;
        }
        if (!e_term_end_.empty()) {
            Date d = Date::parse_or_throw(e_term_end_, ZH("本届任期届满"));
            if (d != n.attrs.term_end) change.attrs.term_end = d;
        }
        if (e_committee_ != n.attrs.has_discipline_committee.value_or(false))
            change.attrs.has_discipline_committee = e_committee_;
        if (e_member_ != n.attrs.has_discipline_member.value_or(false)) change.attrs.has_discipline_member = e_member_;
    } catch (const UserError& e) {
        edit_error_ = e.what();
        glyph_atlas().add(edit_error_);
        return;
    }
    if (!change.name && !change.parent_code && !change.type && change.attrs == OrgAttributes{}) {
        edit_error_ = ZH("没有修改任何内容");
        return;
    }
    edit_error_.clear();
    saving_ = true;
    Actor who = session_.actor();
    std::string code = n.code;
    session_.call<OrgNode>(
        ZH("调整组织"), [who, code, change](Service& s) { return s.change_org(who, code, change); },
        [this](OrgNode& made) {
            saving_ = false;
            session_.changed();
            session_.notify(format(ZH("已调整组织 %s（自 %s 起）"), made.name.c_str(), made.valid_from.iso().c_str()));
            auto_log("saved", "org " + made.code);
        },
        [this](const Failure& f) {
            saving_ = false;
            edit_error_ = f.message;
            auto_log("org_error", f.message);
        });
}

void OrgView::draw_create(const OrgNode& n) {
    float em = ImGui::GetFontSize();
    text_wrapped(format(ZH("在「%s」下新建一个下级组织。"), n.name.c_str()));
    const float fx = em * 7.0f, fw = em * 16.0f;
    form_label(ZH("编码"), true, fx, fw);
    input("##c_code", c_code_, ZH("英文字母、数字和 -"));
    form_label(ZH("名称"), true, fx, fw);
    input("##c_name", c_name_);
    form_label(ZH("类型"), true, fx, fw);
    type_combo("##c_type", c_type_, n.type);
    form_label(ZH("成立日期"), true, fx, fw);
    input("##c_effective", c_effective_);
    if (!create_error_.empty()) text_error(create_error_);
    if (!button(ZH("新建"))) return;
    NewOrg org;
    try {
        org.code = c_code_;
        org.name = c_name_;
        auto t = parse_org_type(c_type_);
        if (!t) throw UserError(ZH("请选择组织类型"));
        org.type = *t;
        org.parent_code = n.code;
        org.effective = Date::parse_or_throw(c_effective_, ZH("成立日期"));
    } catch (const UserError& e) {
        create_error_ = e.what();
        glyph_atlas().add(create_error_);
        return;
    }
    create_error_.clear();
    Actor who = session_.actor();
    session_.call<OrgNode>(
        ZH("新建组织"), [who, org](Service& s) { return s.create_org(who, org); },
        [this](OrgNode& made) {
            session_.changed();
            session_.notify(format(ZH("已新建组织 %s（%s）"), made.name.c_str(), made.code.c_str()));
            session_.select(made.code);
        },
        [this](const Failure& f) { create_error_ = f.message; });
}

void OrgView::draw_close(const OrgNode& n) {
    float em = ImGui::GetFontSize();
    text_wrapped(format(ZH("撤销「%s」：自撤销日期起不再出现在组织树中，历史记录保留。有下级组织或党员的须先调整。"),
                        n.name.c_str()));
    ImGui::SetNextItemWidth(em * 10);
    input(ZH("撤销日期"), close_date_);
    if (!close_error_.empty()) text_error(close_error_);
    if (button(ZH("撤销该组织…"))) ImGui::OpenPopup("###confirm_close");
    if (ImGui::BeginPopupModal(label(ZH("确认撤销###confirm_close")), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        text(format(ZH("确定撤销「%s」吗？"), n.name.c_str()));
        if (button(ZH("确定撤销"))) {
            ImGui::CloseCurrentPopup();
            auto date = Date::parse(close_date_);
            if (!date) {
                close_error_ = format(ZH("撤销日期格式不正确：「%s」"), close_date_.c_str());
                glyph_atlas().add(close_error_);
            } else {
                Actor who = session_.actor();
                std::string code = n.code, parent = n.parent_code, name = n.name;
                session_.call<bool>(
                    ZH("撤销组织"),
                    [who, code, on = *date](Service& s) {
                        s.close_org(who, code, on);
                        return true;
                    },
                    [this, parent, name](bool&) {
                        session_.changed();
                        session_.notify(format(ZH("已撤销组织 %s"), name.c_str()));
                        session_.select(parent);
                    },
                    [this](const Failure& f) { close_error_ = f.message; });
            }
        }
        ImGui::SameLine();
        if (button(ZH("取消"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace dj::ui
