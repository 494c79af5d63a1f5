// 党员名册: 60,000 rows stay smooth because only the visible rows are drawn (ImGuiListClipper)
// and filtering/sorting work on an index vector, redone only when the data, a filter or the
// sort order changes.
#include <algorithm>
#include <chrono>

#include "automation.hpp"
#include "member_form_view.hpp"
#include "members_view.hpp"
#include "model/member.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

enum Column { kId, kName, kGender, kBirth, kAge, kJoin, kFull, kStatus, kPartyAge, kPolBirthday, kBranch, kPost,
              kLevel, kFlags, kColumnCount };

std::string flags_text(const std::vector<std::string>& flags) {
    std::string s;
    for (const auto& f : flags) {
        if (!s.empty()) s += ZH("、");
        s += f;
    }
    return s;
}

int compare(const Member& a, const Member& b, int column) {
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (column) {
        case kId: return cmp(a.id, b.id);
        case kName: return a.name.compare(b.name);
        case kGender: return a.gender.compare(b.gender);
        case kBirth: return cmp(a.birth_date.value_or(Date()), b.birth_date.value_or(Date()));
        case kAge: return cmp(a.age.value_or(-1), b.age.value_or(-1));
        case kJoin: return cmp(a.join_date, b.join_date);
        case kFull: return cmp(a.full_date.value_or(Date()), b.full_date.value_or(Date()));
        case kStatus: return a.status.compare(b.status);
        case kPartyAge: return cmp(a.party_age.value_or(-1), b.party_age.value_or(-1));
        case kPolBirthday: return cmp(a.political_birthday, b.political_birthday);
        case kBranch: return a.branch_code.compare(b.branch_code);
        case kPost: return a.post.compare(b.post);
        case kLevel: return a.cadre_level.compare(b.cadre_level);
        case kFlags: return flags_text(a.flags).compare(flags_text(b.flags));
    }
    return 0;
}

}  // namespace

const char* MembersView::title() const { return ZH("党员名册"); }

bool MembersView::busy() const { return select_first_ || export_.busy(); }

void MembersView::prepare_screenshot(std::string_view variant) {
    if (variant == "member") select_first_ = true;
}

void MembersView::refilter(const std::vector<Member>& all) {
    rows_.clear();
    rows_.reserve(all.size());
    const std::string& here = session_.selected_code();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Member& m = all[i];
        if (!name_filter_.empty() && m.name.find(name_filter_) == std::string::npos &&
            std::to_string(m.id) != name_filter_)
            continue;
        if (!flag_filter_.empty() && std::find(m.flags.begin(), m.flags.end(), flag_filter_) == m.flags.end()) continue;
        if (!status_filter_.empty() && m.status != status_filter_) continue;
        if (direct_only_ && m.branch_code != here) continue;
        rows_.push_back(i);
    }
    sort_dirty_ = true;
}

void MembersView::sort(const std::vector<Member>& all) {
    auto t0 = std::chrono::steady_clock::now();
    if (!sort_specs_.empty()) {
        std::stable_sort(rows_.begin(), rows_.end(), [&](std::size_t a, std::size_t b) {
            for (auto [column, ascending] : sort_specs_) {
                int c = compare(all[a], all[b], column);
                if (c != 0) return ascending ? c < 0 : c > 0;
            }
            return a < b;
        });
    }
    sort_dirty_ = false;
    sort_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void MembersView::draw() {
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    const auto& loaded = session_.members();

    // Toolbar
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    input(ZH("##name_filter"), name_filter_, ZH("姓名或编号"), 0, "members.filter");
    ImGui::SameLine();
    const char* const kStatuses[] = {"", kStatusFull.data(), kStatusProbationary.data()};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::BeginCombo(label(ZH("##status")), status_filter_.empty() ? ZH("全部状态") : status_filter_.c_str())) {
        for (const char* s : kStatuses)
            if (selectable(*s ? s : ZH("全部状态"), status_filter_ == s)) status_filter_ = s;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::BeginCombo(label(ZH("##flag")), flag_filter_.empty() ? ZH("全部标记") : flag_filter_.c_str())) {
        if (selectable(ZH("全部标记"), flag_filter_.empty())) flag_filter_.clear();
        // The flags the plugins declare; one typed elsewhere stays selectable while chosen.
        if (const auto& declared = session_.member_flags(); declared.value)
            for (const auto& f : *declared.value) {
                if (selectable(f.name.c_str(), flag_filter_ == f.name)) flag_filter_ = f.name;
                if (!f.help.empty()) tooltip(f.help);
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    checkbox(ZH("只看直属党员"), &direct_only_);
    tooltip(ZH("只列出直接编在所选组织的党员，不含下级组织"));
    if (session_.can(Capability::WriteMembers)) {
        ImGui::SameLine();
        if (button(ZH("新增党员"))) {
            std::string branch = node && org_type_holds_members(node->type) ? node->code : std::string();
            if (auto* form = session_.views->get<MemberFormView>()) form->open_new(branch);
        }
        auto_item("members.add");
        ImGui::SameLine();
        if (button(ZH("导入名册…"))) {
            if (auto* imp = session_.views->find("import")) imp->open = true;
        }
        auto_item("members.import");
    }

    if (loaded.failure) {
        show_failure(*loaded.failure);
        ImGui::End();
        return;
    }
    if (!loaded.value) {
        show_loading(ZH("正在加载党员名册…"));
        ImGui::End();
        return;
    }
    const auto& all = *loaded.value;
    std::string fkey = loaded.stamp() + "|" + name_filter_ + "|" + flag_filter_ + "|" + status_filter_ + "|" +
                       (direct_only_ ? "d" : "s") + "|" + session_.selected_code();
    if (fkey != filter_key_) {
        refilter(all);
        if (filter_key_.rfind(loaded.stamp() + "|", 0) != 0) auto_log("members_loaded", std::to_string(all.size()));
        filter_key_ = fkey;
    }
    if (select_first_ && !rows_.empty()) {
        selected_id_ = all[rows_.front()].id;
        select_first_ = false;
    }
    ImGui::SameLine();
    if (loaded.loading) {
        spinner();
        ImGui::SameLine();
    }
    text_muted(rows_.size() == all.size() ? format(ZH("共 %zu 名党员"), all.size())
                                          : format(ZH("共 %zu 名党员，筛选出 %zu 名"), all.size(), rows_.size()));

    // The register as shown (filtered and sorted), for Excel: the service reads the same list
    // and keeps these members in this order.
    export_.set_default_name({ZH("党员名册"), node ? node->name : std::string(), session_.today().iso()});
    if (export_.draw(ZH("导出 Excel"), "members.export")) {
        MemberExport request;
        request.unit_code = session_.selected_code();
        request.filter.include_subtree = true;
        request.filter.on = session_.today();
        request.only.emplace();
        request.only->reserve(rows_.size());
        for (std::size_t i : rows_) request.only->push_back(all[i].id);
        export_.start(session_, [who = session_.actor(), request = std::move(request)](Service& s) {
            return s.export_members(who, request);
        });
    }

    const Member* selected = nullptr;
    if (selected_id_ != 0)
        for (const auto& m : all)
            if (m.id == selected_id_) selected = &m;

    const float detail_w = ImGui::GetFontSize() * 21.0f;
    ImGui::BeginChild("##table_area", ImVec2(-detail_w - ImGui::GetStyle().ItemSpacing.x, 0));
    auto t0 = std::chrono::steady_clock::now();
    draw_table(all);
    table_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##detail", ImVec2(0, 0), true);
    if (selected)
        draw_detail(*selected);
    else
        text_muted(ZH("在表格中选择一名党员，在这里查看详情。双击可编辑。"));
    ImGui::EndChild();
    ImGui::End();
}

void MembersView::draw_table(const std::vector<Member>& all) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SortMulti | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##members", kColumnCount, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableSetupColumn(ZH("编号"), ImGuiTableColumnFlags_DefaultSort, em * 3.5f, kId);
    ImGui::TableSetupColumn(ZH("姓名"), 0, em * 4.5f, kName);
    ImGui::TableSetupColumn(ZH("性别"), 0, em * 2.6f, kGender);
    ImGui::TableSetupColumn(ZH("出生日期"), 0, em * 5.5f, kBirth);
    ImGui::TableSetupColumn(ZH("年龄"), 0, em * 2.5f, kAge);
    ImGui::TableSetupColumn(ZH("入党日期"), 0, em * 5.5f, kJoin);
    ImGui::TableSetupColumn(ZH("转正日期"), 0, em * 5.5f, kFull);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 2.5f, kStatus);
    ImGui::TableSetupColumn(ZH("党龄"), 0, em * 2.5f, kPartyAge);
    ImGui::TableSetupColumn(ZH("政治生日"), 0, em * 5.5f, kPolBirthday);
    ImGui::TableSetupColumn(ZH("所在支部"), 0, em * 12.0f, kBranch);
    ImGui::TableSetupColumn(ZH("职务"), 0, em * 5.0f, kPost);
    ImGui::TableSetupColumn(ZH("职级"), 0, em * 6.0f, kLevel);
    ImGui::TableSetupColumn(ZH("标记"), 0, em * 8.0f, kFlags);
    table_headers();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        sort_specs_.clear();
        for (int i = 0; i < specs->SpecsCount; ++i)
            sort_specs_.emplace_back(static_cast<int>(specs->Specs[i].ColumnUserID),
                                     specs->Specs[i].SortDirection == ImGuiSortDirection_Ascending);
        specs->SpecsDirty = false;
        sort_dirty_ = true;
    }
    if (sort_dirty_) sort(all);

    if (scroll_to_selected_) {
        for (std::size_t r = 0; r < rows_.size(); ++r)
            if (all[rows_[r]].id == selected_id_) {
                ImGui::SetScrollY(static_cast<float>(r) * ImGui::GetTextLineHeightWithSpacing());
                break;
            }
        scroll_to_selected_ = false;
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Member& m = all[rows_[static_cast<std::size_t>(r)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(m.id));
            std::string id_text = std::to_string(m.id);
            if (ImGui::Selectable(id_text.c_str(), m.id == selected_id_,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                selected_id_ = m.id;
                auto_log("member_selected", id_text);
                if (ImGui::IsMouseDoubleClicked(0) && session_.can(Capability::WriteMembers))
                    if (auto* form = session_.views->get<MemberFormView>()) form->open_edit(m);
            }
            ImGui::PopID();
            cell(m.name);
            cell(m.gender);
            cell(date_text(m.birth_date));
            cell(m.age ? std::to_string(*m.age) : std::string(ZH("—")));
            cell(m.join_date.iso());
            cell(date_text(m.full_date));
            ImGui::TableNextColumn();
            if (m.status == kStatusProbationary)
                text_colored(colors::kWarn, m.status);
            else
                text(m.status);
            cell(m.party_age ? std::to_string(*m.party_age) : std::string(ZH("—")));
            cell(m.political_birthday.iso());
            cell(m.branch_name);
            cell(m.post);
            cell(m.cadre_level);
            cell(flags_text(m.flags));
        }
    }
    ImGui::EndTable();
}

void MembersView::draw_detail(const Member& m) {
    Date today = session_.today();
    ImGui::SetWindowFontScale(1.3f);
    text(m.name);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    text_muted(format(ZH("%s党员 · 编号 %lld"), m.status.c_str(), static_cast<long long>(m.id)));
    ImGui::Separator();
    if (ImGui::BeginTable("##member_kv", 2, ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5.0f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        kv_row(ZH("性别"), m.gender);
        kv_row(ZH("出生日期"), m.birth_date ? format(ZH("%s（%d 岁）"), m.birth_date->iso().c_str(), m.age.value_or(0))
                                           : std::string(ZH("—")));
        kv_row(ZH("入党日期"), m.join_date.iso());
        kv_row(ZH("转正日期"), date_text(m.full_date));
        if (m.party_age)
            kv_row(ZH("党龄"), format(ZH("%d 年（自转正之日起算）"), *m.party_age));
        else
            kv_row(ZH("党龄"), ZH("预备党员，转正后起算"));  // when the 预备期 ends: the orglife reminder
        {
            int years = today.year() - m.join_date.year();
            int days = m.political_birthday.days() - today.days();
            std::string when = days == 0 ? std::string(ZH("就是今天"))
                               : days > 0 ? format(ZH("还有 %d 天"), days)
                                          : format(ZH("已过 %d 天"), -days);
            kv_row(ZH("政治生日"), years > 0 ? format(ZH("%s，入党 %d 周年（%s）"), m.political_birthday.iso().c_str(),
                                                      years, when.c_str())
                                             : format(ZH("%s（今年入党）"), m.political_birthday.iso().c_str()));
        }
        kv_row(ZH("所在支部"), m.branch_name);
        kv_row(ZH("支部编码"), m.branch_code);
        kv_row(ZH("职务"), m.post.empty() ? std::string(ZH("—")) : m.post);
        kv_row(ZH("职级"), m.cadre_level.empty() ? std::string(ZH("—")) : m.cadre_level);
        kv_row(ZH("标记"), m.flags.empty() ? std::string(ZH("—")) : flags_text(m.flags));
        ImGui::EndTable();
    }
    if (session_.can(Capability::WriteMembers)) {
        ImGui::Spacing();
        if (button(ZH("编辑")))
            if (auto* form = session_.views->get<MemberFormView>()) form->open_edit(m);
        auto_item("member.edit");
        ImGui::SameLine();
        if (button(ZH("减少党员…"))) {
            remove_reason_.clear();
            remove_error_.clear();
            remove_date_ = today.iso();
            ImGui::OpenPopup("###remove_member");
        }
        draw_remove_popup(m);
    }
}

void MembersView::draw_remove_popup(const Member& m) {
    if (!ImGui::BeginPopupModal(label(ZH("减少党员###remove_member")), nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    text(format(ZH("减少党员：%s（编号 %lld）"), m.name.c_str(), static_cast<long long>(m.id)));
    text_muted(ZH("记录会保留，只是不再计入名册。"));
    const char* const kReasons[] = {ZH("转出"), ZH("去世"), ZH("出党"), ZH("停止党籍"), ZH("其他")};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo(label(ZH("原因")), remove_reason_.empty() ? ZH("请选择") : remove_reason_.c_str())) {
        for (const char* r : kReasons)
            if (selectable(r, remove_reason_ == r)) remove_reason_ = r;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    input(ZH("日期"), remove_date_);
    if (!remove_error_.empty()) text_error(remove_error_);
    if (button(ZH("确定减少"))) {
        auto date = Date::parse(remove_date_);
        if (!date) {
            remove_error_ = format(ZH("日期格式不正确：「%s」（应如 2020-07-01）"), remove_date_.c_str());
            glyph_atlas().add(remove_error_);
        } else {
            std::int64_t id = m.id;
            std::string reason = remove_reason_;
            Actor who = session_.actor();
            std::string name = m.name;
            session_.call<bool>(
                ZH("减少党员"),
                [who, id, on = *date, reason](Service& s) {
                    s.remove_member(who, id, on, reason);
                    return true;
                },
                [this, name](bool&) {
                    session_.changed();
                    session_.notify(format(ZH("已减少党员 %s"), name.c_str()));
                    selected_id_ = 0;
                },
                [this](const Failure& f) { session_.notify(f.message, true); });
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (button(ZH("取消"))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace dj::ui
