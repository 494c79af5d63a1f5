// 新增/编辑党员. The service validates (the same rules for the CLI, the GUI and the server);
// its Chinese message is split into sentences and each is shown under the field it names.
#include <algorithm>
#include <cctype>

#include "automation.hpp"
#include "core/errors.hpp"
#include "io/member_csv.hpp"
#include "strings.hpp"
#include "views.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

const char* field_id(int f) {
    static const char* const ids[] = {"name", "gender", "birth", "join", "full", "status",
                                      "branch", "post", "level", "flags", "general"};
    return ids[f];
}

}  // namespace

const char* MemberFormView::title() const { return id_ ? ZH("编辑党员") : ZH("新增党员"); }

void MemberFormView::open_new(const std::string& branch_code) {
    id_ = 0;
    name_.clear();
    gender_ = kGenderMale;
    birth_.clear();
    join_.clear();
    full_.clear();
    status_ = kStatusFull;
    branch_ = branch_code;
    post_.clear();
    level_.clear();
    extra_flags_.clear();
    flags_.clear();
    for (auto& e : errors_) e.clear();
    open = true;
    focus_name_ = true;
    auto_log("form_open", "new");
}

void MemberFormView::open_edit(const Member& m) {
    id_ = m.id;
    name_ = m.name;
    gender_ = m.gender;
    birth_ = m.birth_date ? m.birth_date->iso() : "";
    join_ = m.join_date.iso();
    full_ = m.full_date ? m.full_date->iso() : "";
    status_ = m.status;
    branch_ = m.branch_code;
    post_ = m.post;
    level_ = m.cadre_level;
    // Flags no plugin declares move to 其他标记 once the declared ones have loaded (draw).
    flags_ = m.flags;
    extra_flags_.clear();
    for (auto& e : errors_) e.clear();
    open = true;
    focus_name_ = true;
    auto_log("form_open", "edit " + std::to_string(m.id));
}

void MemberFormView::set_error(Field f, const std::string& message) {
    glyph_atlas().add(message);
    if (!errors_[f].empty()) errors_[f] += ZH("；");
    errors_[f] += message;
    auto_log("form_error", std::string(field_id(f)) + " " + message);
}

// The service joins its sentences with "；"; each names its field first.
void MemberFormView::route_errors(const std::string& message) {
    const std::string sep = ZH("；");
    std::size_t start = 0;
    while (start <= message.size()) {
        std::size_t end = message.find(sep, start);
        if (end == std::string::npos) end = message.size();
        std::string part = message.substr(start, end - start);
        start = end + sep.size();
        if (part.empty()) continue;
        Field f = kGeneral;
        if (starts_with(part, ZH("姓名"))) f = kName;
        else if (starts_with(part, ZH("性别"))) f = kGender;
        else if (starts_with(part, ZH("出生日期"))) f = kBirth;
        else if (starts_with(part, ZH("入党日期"))) f = kJoin;
        else if (starts_with(part, ZH("转正日期"))) f = kFull;
        else if (starts_with(part, ZH("党员状态"))) f = kStatus;
        else if (starts_with(part, ZH("所在支部"))) f = kBranch;
        else if (starts_with(part, ZH("标记"))) f = kFlags;
        else if (starts_with(part, ZH("职务"))) f = kPost;
        else if (starts_with(part, ZH("职级"))) f = kLevel;
        else if (part.find(ZH("转正日期")) != std::string::npos) f = kFull;
        else if (part.find(ZH("支部")) != std::string::npos || part.find(ZH("党员应编入")) != std::string::npos) f = kBranch;
        set_error(f, part);
    }
}

void MemberFormView::save() {
    for (auto& e : errors_) e.clear();
    MemberInput in;
    in.name = name_;
    in.gender = gender_;
    in.status = status_;
    in.branch_code = branch_;
    in.post = post_;
    in.cadre_level = level_;
    in.flags = flags_;
    for (auto& f : split_member_flags(extra_flags_))
        if (std::find(in.flags.begin(), in.flags.end(), f) == in.flags.end()) in.flags.push_back(f);
    bool bad = false;
    auto parse = [&](const std::string& text, Field f, const char* what) -> std::optional<Date> {
        if (text.empty()) return std::nullopt;
        try {
            return Date::parse_or_throw(text, what);
        } catch (const UserError& e) {
            set_error(f, e.what());
            bad = true;
            return std::nullopt;
        }
    };
    in.birth_date = parse(birth_, kBirth, ZH("出生日期"));
    in.full_date = parse(full_, kFull, ZH("转正日期"));
    if (join_.empty()) {
        set_error(kJoin, ZH("入党日期不能为空"));
        bad = true;
    } else if (auto j = parse(join_, kJoin, ZH("入党日期"))) {
        in.join_date = *j;
    }
    if (bad) {
        // The dates must be fixed first; show the other fields' problems now too, by the same
        // rules the service applies (model/member.hpp), leaving out those about dates.
        MemberInput probe = in;
        probe.birth_date.reset();
        probe.full_date.reset();
        probe.join_date = session_.today();
        for (const auto& p : validate_member(probe, session_.today())) {
            if (p.find(ZH("日期")) != std::string::npos) continue;
            route_errors(p);
        }
        return;
    }

    saving_ = true;
    Actor who = session_.actor();
    std::int64_t id = id_;
    session_.call<Member>(
        id ? ZH("保存党员信息") : ZH("新增党员"),
        [who, id, in](Service& s) { return id ? s.update_member(who, id, in) : s.add_member(who, in); },
        [this, id](Member& m) {
            saving_ = false;
            session_.changed();
            session_.notify(id ? format(ZH("已保存党员 %s 的信息"), m.name.c_str())
                               : format(ZH("已新增党员 %s（编号 %lld）"), m.name.c_str(), static_cast<long long>(m.id)));
            auto_log("saved", "member " + std::to_string(m.id));
            open = false;
        },
        [this](const Failure& f) {
            saving_ = false;
            if (f.denied)
                set_error(kGeneral, f.message);
            else
                route_errors(f.message);
        });
}

void MemberFormView::draw_branch_picker() {
    const OrgTree* tree = session_.tree_if_ready();
    const OrgNode* current = tree ? tree->find(branch_) : nullptr;
    std::string preview = current ? current->name + ZH("（") + current->code + ZH("）") : branch_;
    glyph_atlas().check(preview);
    if (ImGui::BeginCombo(label(ZH("##branch")), preview.empty() ? ZH("请选择党支部") : preview.c_str(),
                          ImGuiComboFlags_HeightLarge)) {
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(-FLT_MIN);
        input(ZH("##branch_search"), branch_search_, ZH("搜索名称或编码"));
        if (tree) {
            std::vector<std::size_t> matches;
            for (std::size_t i = 0; i < tree->nodes.size(); ++i) {
                const OrgNode& n = tree->nodes[i];
                if (!org_type_holds_members(n.type)) continue;
                if (!branch_search_.empty() && n.name.find(branch_search_) == std::string::npos &&
                    n.code.find(branch_search_) == std::string::npos)
                    continue;
                matches.push_back(i);
            }
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(matches.size()));
            while (clipper.Step())
                for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                    const OrgNode& n = tree->nodes[matches[static_cast<std::size_t>(r)]];
                    std::string item = n.name + ZH("（") + n.code + ZH("）") + "##" + n.code;
                    if (selectable(item.c_str(), n.code == branch_)) {
                        branch_ = n.code;
                        errors_[kBranch].clear();
                    }
                }
        }
        ImGui::EndCombo();
    }
    auto_item("form.branch");
}

void MemberFormView::draw() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    std::string name = std::string(title()) + "###member_form";
    if (!ImGui::Begin(label(name.c_str()), &open,
                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    if (!session_.can(Capability::WriteMembers)) {
        text_colored(colors::kWarn, ZH("无权限：当前身份不能修改党员信息。"));
        ImGui::End();
        return;
    }
    const float fx = em * 5.5f;  // where fields start
    const float fw = em * 22.0f; // field width
    auto clear_on_edit = [this](bool changed, Field f) {
        if (changed) errors_[f].clear();
    };
    auto under = [&](Field f) {
        if (errors_[f].empty()) return;
        ImGui::SetCursorPosX(fx);
        ImGui::PushTextWrapPos(fx + fw);
        text_colored(colors::kError, errors_[f]);
        ImGui::PopTextWrapPos();
    };

    form_label(ZH("姓名"), true, fx, fw);
    if (focus_name_) {
        ImGui::SetKeyboardFocusHere();
        focus_name_ = false;
    }
    clear_on_edit(input("##name", name_, ZH("最多 30 个字"), 0, "form.name"), kName);
    under(kName);

    form_label(ZH("性别"), true, fx, fw);
    if (radio(ZH("男##gender"), gender_ == kGenderMale)) {
        gender_ = kGenderMale;
        errors_[kGender].clear();
    }
    auto_item("form.gender.male");
    ImGui::SameLine(0, em * 2);
    if (radio(ZH("女##gender"), gender_ == kGenderFemale)) {
        gender_ = kGenderFemale;
        errors_[kGender].clear();
    }
    auto_item("form.gender.female");
    under(kGender);

    form_label(ZH("出生日期"), false, fx, fw);
    clear_on_edit(input("##birth", birth_, ZH("如 1990-07-01"), 0, "form.birth"), kBirth);
    under(kBirth);
    form_label(ZH("入党日期"), true, fx, fw);
    clear_on_edit(input("##join", join_, ZH("如 2015-07-01"), 0, "form.join"), kJoin);
    under(kJoin);

    form_label(ZH("党员状态"), true, fx, fw);
    if (radio(ZH("正式党员##status"), status_ == kStatusFull)) {
        status_ = kStatusFull;
        errors_[kStatus].clear();
        errors_[kFull].clear();
    }
    auto_item("form.status.full");
    ImGui::SameLine(0, em * 2);
    if (radio(ZH("预备党员##status"), status_ == kStatusProbationary)) {
        status_ = kStatusProbationary;
        errors_[kStatus].clear();
        errors_[kFull].clear();
    }
    auto_item("form.status.probationary");
    under(kStatus);

    form_label(ZH("转正日期"), status_ == kStatusFull, fx, fw);
    clear_on_edit(input("##full", full_, status_ == kStatusProbationary ? ZH("预备党员不填") : ZH("正式党员必填"), 0, "form.full"),
                  kFull);
    under(kFull);

    form_label(ZH("所在支部"), true, fx, fw);
    draw_branch_picker();
    under(kBranch);
    form_label(ZH("职务"), false, fx, fw);
    clear_on_edit(input("##post", post_, ZH("如 支部书记、干部"), 0, "form.post"), kPost);
    under(kPost);
    form_label(ZH("职级"), false, fx, fw);
    clear_on_edit(input("##level", level_, ZH("如 一级科员"), 0, "form.level"), kLevel);
    under(kLevel);

    form_label(ZH("标记"), false, fx, fw);
    ImGui::BeginGroup();
    const auto& declared = session_.member_flags();
    static const std::vector<MemberFlagInfo> kNone;
    const auto& offered = declared.value ? *declared.value : kNone;
    if (declared.value)
        for (auto it = flags_.begin(); it != flags_.end();) {
            if (std::none_of(offered.begin(), offered.end(), [&](const MemberFlagInfo& d) { return d.name == *it; })) {
                extra_flags_ += (extra_flags_.empty() ? "" : ZH("、")) + *it;
                it = flags_.erase(it);
            } else {
                ++it;
            }
        }
    if (declared.loading && !declared.value) show_loading();
    int n = 0;
    for (const auto& d : offered) {
        const std::string& f = d.name;
        bool on = std::find(flags_.begin(), flags_.end(), f) != flags_.end();
        if (n % 3 != 0) ImGui::SameLine(static_cast<float>(n % 3) * em * 10.0f);  // relative to the group
        ++n;
        if (checkbox(f.c_str(), &on)) {
            if (on)
                flags_.push_back(f);
            else
                flags_.erase(std::remove(flags_.begin(), flags_.end(), f), flags_.end());
            errors_[kFlags].clear();
        }
        if (!d.help.empty()) tooltip(d.help);
    }
    ImGui::EndGroup();
    form_label(ZH("其他标记"), false, fx, fw);
    clear_on_edit(input("##extra_flags", extra_flags_, ZH("多个用、分隔")), kFlags);
    under(kFlags);

    ImGui::Separator();
    if (!errors_[kGeneral].empty()) {
        ImGui::PushTextWrapPos(fx + fw);
        text_colored(colors::kError, errors_[kGeneral]);
        ImGui::PopTextWrapPos();
    }
    ImGui::BeginDisabled(saving_);
    if (button(ZH("保存"), ImVec2(em * 6, 0))) save();
    auto_item("form.save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (button(ZH("取消"), ImVec2(em * 6, 0))) open = false;
    auto_item("form.cancel");
    if (saving_) {
        ImGui::SameLine();
        show_loading(ZH("正在保存…"));
    }
    text_muted(ZH("党龄自转正之日起算；入党时应年满十八岁。保存时由系统统一校验。"));
    ImGui::End();
}

}  // namespace dj::ui
