// 首页: what can be said about the selected node now, all from the service's data:
// counts, the node's attributes, today's reminders from the service (plugins' rules such as
// 换届, 政治生日, 光荣在党50年 and 预备期满, forms due or overdue, overdue rectification) and
// the year's indicators of the node against their targets. No area rule is decided here: the
// reminders are exactly what `dangjian reminders` says for the node and day.
#include <algorithm>
#include <map>

#include "assess_common.hpp"
#include "automation.hpp"
#include "forms_view.hpp"
#include "home_view.hpp"
#include "notices_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

bool is_party_organisation(OrgType t) {
    return t == OrgType::OrganCommittee || t == OrgType::GeneralBranch || t == OrgType::Branch || t == OrgType::Group;
}

void stat_card(const char* title, std::size_t value, const char* note) {
    ImGui::TableNextColumn();
    ImGui::BeginGroup();
    text_muted(title);
    ImGui::SetWindowFontScale(1.8f);
    textf("%zu", value);
    ImGui::SetWindowFontScale(1.0f);
    if (note) text_muted(note);
    ImGui::EndGroup();
}

std::string yes_no(const std::optional<bool>& b, const char* yes, const char* no) {
    if (!b) return ZH("—");
    return *b ? yes : no;
}

const char* level_label(const std::string& level) {
    if (level == "overdue") return ZH("逾期");
    if (level == "warning") return ZH("提醒");
    return ZH("提示");
}

ImVec4 level_colour(const std::string& level) {
    if (level == "overdue") return colors::kError;
    if (level == "warning") return colors::kWarn;
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

void collect_glyphs(CodepointSet& set, const HomeIndicators& h) {
    collect_glyphs(set, h.defs);
    collect_glyphs(set, h.values);
}

const char* HomeView::title() const { return ZH("首页"); }

bool HomeView::busy() const {
    return session_.tree_if_ready() == nullptr || !members_counted_ || reminders_.loading || indicators_.loading ||
           todo_logged_.empty() || notices_logged_.empty() || notice_acting_;
}

void HomeView::draw_todo() {
    const bool approver = session_.can(Capability::ApproveForms), filler = session_.can(Capability::FillForms);
    if (!approver && !filler) {
        todo_logged_ = "-";
        return;
    }
    const auto& t = session_.todo();
    if (t.failure) {
        todo_logged_ = "-";
        show_failure(*t.failure);
        return;
    }
    if (!t.value) {
        show_loading(ZH("正在汇总待办…"));
        return;
    }
    const TodoList& l = t.value->list;
    std::size_t soon = 0;
    for (const auto& d : l.due) soon += d.soon;
    if (todo_logged_ != t.stamp() && !t.loading) {
        todo_logged_ = t.stamp();
        auto_log("home_todo", format("%zu %zu %zu %zu", l.to_approve.size(), l.returned.size(), l.due.size(), soon));
    }
    // One line that starts the day: each count opens 待办.
    ImGui::AlignTextToFramePadding();
    heading(ZH("今日待办"));
    auto count_button = [&](const char* what, std::size_t n, const char* id, const ImVec4* colour) {
        ImGui::SameLine();
        if (colour && n > 0) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
        bool go = button(format(ZH("%s %zu###%s"), what, n, id).c_str());
        if (colour && n > 0) ImGui::PopStyleColor();
        auto_item(std::string("home.todo.") + id);
        if (go) session_.show("todo");
    };
    if (approver) count_button(ZH("待审核"), l.to_approve.size(), "approve", &colors::kAccent);
    if (filler) {
        count_button(ZH("被退回"), l.returned.size(), "returned", &colors::kError);
        count_button(ZH("本期应报"), l.due.size(), "due", nullptr);
        count_button(ZH("即将截止"), soon, "soon", &colors::kWarn);
    }
    ImGui::Separator();
    ImGui::Spacing();
}

void HomeView::draw_notices() {
    if (!session_.can(Capability::ReadNotices)) {
        notices_logged_ = "-";
        return;
    }
    Actor who = session_.actor();
    session_.load<std::vector<NoticeInfo>>(
        notices_, session_.key("home_notices"), ZH("加载通知"),
        [who](Service& s) {
            NoticeFilter f;
            f.unread_only = true;
            f.limit = 50;
            return s.notices(who, f);
        },
        Lane::Query, notices_.value.has_value());
    if (notices_.failure) {
        notices_logged_ = "-";
        return;  // the 通知公告 screen says why; the home screen goes on without it
    }
    if (!notices_.value) return;
    const auto& list = *notices_.value;
    if (notices_logged_ != notices_.stamp() && !notices_.loading) {
        notices_logged_ = notices_.stamp();
        std::string ids;
        for (const auto& n : list) ids += " " + std::to_string(n.id);
        auto_log("home_notices", std::to_string(list.size()) + ids);
    }
    if (list.empty()) return;
    const float em = ImGui::GetFontSize();
    heading(format(ZH("未读通知 %zu 条"), list.size()));
    ImGui::SameLine();
    if (small_button(ZH("全部通知"))) session_.show("notices");
    auto_item("home.notices");
    const std::size_t shown = std::min<std::size_t>(list.size(), 5);
    if (ImGui::BeginTable("##home_notices", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("t", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("s", ImGuiTableColumnFlags_WidthFixed, em * 14);
        ImGui::TableSetupColumn("b", ImGuiTableColumnFlags_WidthFixed, em * 8);
        for (std::size_t i = 0; i < shown; ++i) {
            const NoticeInfo& n = list[i];
            const std::string id = std::to_string(n.id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (n.kind == "remind") text_colored(colors::kAccent, "【" + n.kind_label + "】" + n.title);
            else text("【" + n.kind_label + "】" + n.title);
            ImGui::TableNextColumn();
            text_muted(n.sender_unit_name + " · " + local_time(n.sent_at));
            ImGui::TableNextColumn();
            if (small_button(format(ZH("查看##hn%s"), id.c_str()).c_str())) {
                if (auto* v = session_.views ? session_.views->get<NoticesView>() : nullptr) v->open(n.id);
            }
            auto_item("home.notice.open." + id);
            ImGui::SameLine();
            ImGui::BeginDisabled(notice_acting_);
            bool read = small_button(format(ZH("标为已读##hr%s"), id.c_str()).c_str());
            ImGui::EndDisabled();
            auto_item("home.notice.read." + id);
            if (read) {
                notice_acting_ = true;
                const std::int64_t nid = n.id;
                session_.call<NoticeInfo>(
                    ZH("标为已读"), [who, nid](Service& s) { return s.read_notice(who, nid); },
                    [this](NoticeInfo& done) {
                        notice_acting_ = false;
                        auto_log("notice_read", std::to_string(done.id));
                        session_.changed();
                    },
                    [this](const Failure& f) {
                        notice_acting_ = false;
                        session_.notify(f.message, true);
                    });
            }
        }
        ImGui::EndTable();
    }
    if (list.size() > shown) text_muted(format(ZH("另有 %zu 条未读通知，见「通知公告」。"), list.size() - shown));
    ImGui::Separator();
    ImGui::Spacing();
}

void HomeView::compute(const OrgTree& tree, std::size_t node, const std::vector<Member>* members) {
    stats_ = Stats{};
    for (std::size_t i : tree.subtree(node)) {
        const OrgNode& n = tree.nodes[i];
        if (n.type == OrgType::Department) ++stats_.departments;
        if (is_party_organisation(n.type)) ++stats_.organisations;
        if (n.type == OrgType::Branch) ++stats_.branches;
        if (n.type == OrgType::Group) ++stats_.groups;
    }
    if (!members) return;
    stats_.members = members->size();
    for (const Member& m : *members) {
        if (m.status == kStatusFull) ++stats_.full;
        if (m.status == kStatusProbationary) ++stats_.probationary;
    }
}

void HomeView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    const OrgTree& tree = *session_.tree().value;
    std::size_t idx = *tree.index(node->code);
    const auto& members = session_.members();
    {
        // Today's reminders at the node and below, and the node's own year indicators.
        const std::string code = node->code;
        const Date today = session_.today();
        const std::string year = std::to_string(today.year());
        Actor who = session_.actor();
        session_.load<std::vector<Reminder>>(
            reminders_, session_.key("home_reminders|" + code), ZH("加载提醒"),
            [who, today, code](Service& s) { return s.reminders(who, today, code); }, Lane::Query,
            reminders_.key.rfind("home_reminders|" + code + "|", 0) == 0);
        session_.load<HomeIndicators>(
            indicators_, session_.key("home_indicators|" + code + "|" + year), ZH("计算本年度指标"),
            [who, code, year](Service& s) {
                HomeIndicators h;
                h.defs = s.list_indicators(who, code);
                if (!h.defs.empty()) h.values = s.indicator_values(who, IndicatorQuery{year, code, std::nullopt, false});
                return h;
            },
            Lane::Query, indicators_.key.rfind("home_indicators|" + code + "|", 0) == 0);
    }
    const std::vector<Member>* list = members.value && !members.loading ? &*members.value : nullptr;
    std::string key = session_.tree().stamp() + "|" + node->code + "|" + members.stamp() + (list ? "|m" : "|-");
    if (key != stats_key_) {
        compute(tree, idx, list);
        stats_key_ = key;
        members_counted_ = list != nullptr || members.failure.has_value();
    }

    draw_notices();
    draw_todo();

    // Title block
    ImGui::SetWindowFontScale(1.3f);
    text(node->name);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    text_muted(format(ZH("%s · 编码 %s"), std::string(org_type_label(node->type)).c_str(), node->code.c_str()));
    text_muted(tree.path(idx));
    ImGui::Spacing();

    // Counts
    if (ImGui::BeginTable("##cards", 4, ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                            ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        stat_card(ZH("部门/单位"), stats_.departments, nullptr);
        stat_card(ZH("基层党组织"), stats_.organisations, ZH("机关党委、党总支、党支部、党小组"));
        stat_card(ZH("党支部"), stats_.branches, nullptr);
        ImGui::TableNextColumn();
        ImGui::BeginGroup();
        text_muted(ZH("党员"));
        if (list) {
            ImGui::SetWindowFontScale(1.8f);
            textf("%zu", stats_.members);
            ImGui::SetWindowFontScale(1.0f);
            text_muted(format(ZH("正式 %zu · 预备 %zu"), stats_.full, stats_.probationary));
        } else if (members.failure) {
            show_failure(*members.failure);
        } else {
            show_loading();
        }
        ImGui::EndGroup();
        ImGui::EndTable();
    }
    ImGui::Spacing();

    // Attributes and indicators of the node at the left, reminders at the right
    if (ImGui::BeginTable("##attrs_and_reminders", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("a", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("b", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableNextColumn();
        separator_text(ZH("本组织信息"));
        if (ImGui::BeginTable("##kv", 2, ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.5f);
            ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
            const OrgNode* parent = tree.find(node->parent_code);
            kv_row(ZH("类型"), org_type_label(node->type));
            kv_row(ZH("上级组织"), parent                     ? parent->name
                                   : node->parent_code.empty() ? std::string(ZH("—"))
                                                               : std::string(ZH("（上级组织，不在本账号管辖范围内）")));
            if (node->attrs.kind) kv_row(ZH("单位性质"), *node->attrs.kind);
            if (node->attrs.staff_count) kv_row(ZH("在编人数"), format(ZH("%d 人"), *node->attrs.staff_count));
            if (node->attrs.party_affairs_staff)
                kv_row(ZH("专职党务干部"), format(ZH("%d 人"), *node->attrs.party_affairs_staff));
            if (node->attrs.term_start || node->attrs.term_end)
                kv_row(ZH("本届任期"), date_text(node->attrs.term_start) + ZH(" 至 ") + date_text(node->attrs.term_end));
            if (node->attrs.has_discipline_committee)
                kv_row(ZH("机关纪委"), yes_no(node->attrs.has_discipline_committee, ZH("已设立"), ZH("未设立")));
            if (node->attrs.has_discipline_member)
                kv_row(ZH("纪检委员"), yes_no(node->attrs.has_discipline_member, ZH("已设"), ZH("未设")));
            kv_row(ZH("下级组织"), format(ZH("%zu 个"), tree.children[idx].size()));
            kv_row(ZH("本版本生效"), node->valid_from.iso());
            ImGui::EndTable();
        }
        draw_indicators();
        ImGui::TableNextColumn();
        draw_service_reminders();
        ImGui::EndTable();
    }
    ImGui::End();
}

void HomeView::draw_service_reminders() {
    const Date today = session_.today();
    if (reminders_.failure) {
        separator_text(format(ZH("今日提醒（%s）"), today.iso().c_str()));
        show_failure(*reminders_.failure);
        return;
    }
    if (!reminders_.value) {
        separator_text(format(ZH("今日提醒（%s）"), today.iso().c_str()));
        show_loading(ZH("正在汇总提醒…"));
        return;
    }
    const auto& list = *reminders_.value;
    std::size_t overdue = 0, warning = 0, info = 0;
    for (const auto& r : list) (r.level == "overdue" ? overdue : r.level == "warning" ? warning : info) += 1;
    if (reminders_logged_ != reminders_.stamp()) {
        reminders_logged_ = reminders_.stamp();
        auto_log("home_reminders", std::to_string(list.size()) + " " + std::to_string(overdue) + " " + std::to_string(warning) +
                                       " " + std::to_string(info));
        // Each row as shown, so a test can hold the screen to `dangjian reminders` for the
        // same node and day.
        for (const auto& r : list)
            auto_log("home_reminder", r.rule_id + "\t" + r.org_code + "\t" + r.level + "\t" + r.due + "\t" + r.text);
    }
    separator_text(format(ZH("今日提醒（%s）：逾期 %zu · 提醒 %zu · 提示 %zu"), today.iso().c_str(), overdue, warning, info));
    if (list.empty()) {
        text_muted(ZH("今天没有提醒。"));
        return;
    }
    if (grouped_stamp_ != reminders_.stamp()) {
        group_reminders(list);
        grouped_stamp_ = reminders_.stamp();
        org_width_ = 0;
        for (const auto& g : groups_)
            org_width_ = std::max(org_width_, ImGui::CalcTextSize(short_org_name(list[g.first].org_name).c_str()).x);
        auto_log("home_reminder_groups", format("%zu %zu %zu", groups_.size(), old_groups_, old_count_));
    }
    text_muted(ZH("按事项和组织归并，最新的在前；点击一行打开对应的表单、整改事项或组织。"));
    const float em = ImGui::GetFontSize();
    float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const std::size_t shown = groups_.size() - old_groups_ + (old_groups_ ? 1 : 0);
    float h = row_h * (std::min(static_cast<float>(shown) + 1.0f, 16.5f)) + 4.0f;  // the screen's one list of what to do
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##service_reminders", 5, tf, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("级别"), ImGuiTableColumnFlags_WidthFixed, em * 2.5f);
    // 组织 as wide as the longest name (names below the shown node lose its name: 第三党支部,
    // not 清川县委网络安全和信息化委员会办公室第三党支部), up to a third of the table: the rows go
    // through a clipper, which needs one line per row, so a name is never wrapped; one still
    // longer shows whole in a tooltip.
    const float org_w = std::min(org_width_ + ImGui::GetStyle().CellPadding.x * 2,
                                 std::max(em * 8.0f, ImGui::GetContentRegionAvail().x * 0.34f));
    ImGui::TableSetupColumn(ZH("组织"), ImGuiTableColumnFlags_WidthFixed, org_w);
    ImGui::TableSetupColumn(ZH("内容"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(ZH("条数"), ImGuiTableColumnFlags_WidthFixed, em * 3.0f);
    ImGui::TableSetupColumn(ZH("期限"), ImGuiTableColumnFlags_WidthFixed, em * 5.5f);
    table_headers();
    // The recent groups through a clipper: a county has thousands.
    std::vector<const ReminderGroup*> recent;
    recent.reserve(groups_.size());
    for (const auto& g : groups_)
        if (!g.old) recent.push_back(&g);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(recent.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            draw_reminder_group(list, *recent[static_cast<std::size_t>(i)], i);
    int row = static_cast<int>(recent.size());
    if (old_groups_ > 0) {
        // Last year's gaps stay countable but out of the way: one line, opened on demand.
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text_muted(ZH("更早"));
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        bool open = ImGui::TreeNodeEx(
            label(format(ZH("一个月以前的提醒 %zu 条（%zu 项，多为已截止的期间）###old_reminders"), old_count_, old_groups_).c_str()),
            ImGuiTreeNodeFlags_SpanFullWidth);
        auto_item("home.reminders.old");
        tooltip(ZH("已截止的期间不再接受报送（过时关闭）；如需补报，请工委管理员在「报送情况」中重新开放"));
        cell(format("%zu", old_count_));
        cell(ZH("—"));
        if (open) {
            for (const auto& g : groups_)
                if (g.old) draw_reminder_group(list, g, row++);
            ImGui::TreePop();
        }
    }
    ImGui::EndTable();
}

void HomeView::group_reminders(const std::vector<Reminder>& list) {
    groups_.clear();
    old_count_ = old_groups_ = 0;
    std::map<std::pair<std::string, std::string>, std::size_t> at;  // (rule, org) -> group
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Reminder& r = list[i];
        auto key = std::make_pair(r.rule_id, r.org_code);
        auto it = at.find(key);
        if (it == at.end()) {
            at.emplace(key, groups_.size());
            groups_.push_back({i, 1, false});
            continue;
        }
        ReminderGroup& g = groups_[it->second];
        ++g.count;
        // The group shows its newest reminder (the latest date; undated ones are current).
        const Reminder& shown = list[g.first];
        if (!shown.due.empty() && (r.due.empty() || r.due > shown.due)) g.first = i;
    }
    const std::string month_ago = session_.today().add_days(-31).iso();
    for (auto& g : groups_) {
        const Reminder& r = list[g.first];
        g.old = !r.due.empty() && r.due < month_ago;
        if (g.old) {
            ++old_groups_;
            old_count_ += g.count;
        }
    }
    auto rank = [](const std::string& level) { return level == "overdue" ? 0 : level == "warning" ? 1 : 2; };
    std::stable_sort(groups_.begin(), groups_.end(), [&](const ReminderGroup& a, const ReminderGroup& b) {
        const Reminder &x = list[a.first], &y = list[b.first];
        // Newest first (undated ones are about today), then the more urgent.
        std::string dx = x.due.empty() ? "9999" : x.due, dy = y.due.empty() ? "9999" : y.due;
        if (dx != dy) return dx > dy;
        return rank(x.level) < rank(y.level);
    });
}

std::string HomeView::short_org_name(const std::string& name) const {
    const OrgNode* node = session_.selected();
    if (node && name.size() > node->name.size() && name.compare(0, node->name.size(), node->name) == 0)
        return name.substr(node->name.size());
    return name;
}

void HomeView::draw_reminder_group(const std::vector<Reminder>& list, const ReminderGroup& g, int row) {
    const Reminder& r = list[g.first];
    ImVec4 colour = level_colour(r.level);
    ImGui::TableNextRow();
    ImGui::PushID(row);
    ImGui::TableNextColumn();
    text_colored(colour, level_label(r.level));
    ImGui::TableNextColumn();
    const std::string name = short_org_name(r.org_name);
    text(name);
    if (name != r.org_name || ImGui::CalcTextSize(name.c_str()).x > ImGui::GetContentRegionAvail().x + 1.0f) tooltip(r.org_name);
    ImGui::TableNextColumn();
    if (selectable((r.text + "##open").c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        open_reminder(r);
    auto_item("home.reminder." + r.rule_id + "." + r.org_code);
    std::string tip = g.count > 1 ? format(ZH("同类提醒共 %zu 条，这里显示最新的一条。"), g.count) : std::string();
    if (r.rule_id == "host.form_overdue") {
        std::string who;
        for (Role role : kAllRoles)
            if (role_has(role, Capability::ReopenPeriods)) who += (who.empty() ? "" : ZH("、")) + std::string(role_label(role));
        tip += format(ZH("该期间已于 %s 截止（过时关闭），不再接受报送；如需补报，可由%s在「报送情况」中重新开放。"), r.due.c_str(),
                      who.c_str());
    }
    tip += r.form_id.empty() ? (r.rectification_id ? ZH("点击打开整改事项。") : ZH("点击转到该组织。")) : ZH("点击打开该表单。");
    tooltip(tip);
    if (g.count > 1)
        cell(format("%zu", g.count));
    else
        cell("");
    cell(r.due.empty() ? std::string(ZH("—")) : r.due);
    ImGui::PopID();
}

void HomeView::open_reminder(const Reminder& r) {
    auto_log("home_reminder_open", r.rule_id + " " + r.org_code);
    session_.select(r.org_code);
    if (r.rectification_id) {
        session_.show("rectify");
        return;
    }
    if (r.form_id.empty()) return;
    // A closed period opens too: the form says it is closed and who may reopen it.
    const std::string form = r.form_id, unit = r.org_code, period = r.period;
    Actor who = session_.actor();
    session_.call<FormInfo>(
        ZH("打开表单"), [who, form](Service& s) { return s.form(who, form); },
        [this, unit, period](FormInfo& f) { session_.views->get<FormsView>()->open_record(f, unit, period, std::nullopt); },
        [this](const Failure& f) { session_.notify(f.message, true); });
}

void HomeView::draw_indicators() {
    const float em = ImGui::GetFontSize();
    const int year = session_.today().year();
    separator_text(format(ZH("%d 年度指标"), year));
    if (indicators_.failure) {
        show_failure(*indicators_.failure);
        return;
    }
    if (!indicators_.value) {
        show_loading(ZH("正在计算指标…"));
        return;
    }
    const HomeIndicators& h = *indicators_.value;
    if (indicators_logged_ != indicators_.stamp()) {
        indicators_logged_ = indicators_.stamp();
        auto_log("home_indicators", std::to_string(h.values.size()));
    }
    if (h.values.empty()) {
        text_muted(h.defs.empty() ? ZH("本组织没有适用的指标（含指标的插件未启用）。")
                                  : ZH("本组织这一层级没有年度指标（指标在部门或支部计算，请在左侧选择）。"));
        return;
    }
    std::size_t met = 0, failed = 0;
    for (const auto& v : h.values)
        if (v.met) (*v.met ? met : failed) += 1;
    text_muted(format(ZH("达标 %zu 项，未达标 %zu 项（竖线为目标）"), met, failed));
    const float width = ImGui::GetContentRegionAvail().x;
    auto def_of = [&](const IndicatorValue& v) -> const IndicatorInfo* {
        for (const auto& x : h.defs)
            if (x.id == v.indicator_id) return &x;
        return nullptr;
    };
    // Those measured against a target (or a rule) first, each with its bar — what failed
    // before what passed —; the rest, which only count something or have no value here, in
    // a compact list after them.
    std::vector<const IndicatorValue*> plain, judged;
    for (const auto& v : h.values) {
        const IndicatorInfo* d = def_of(v);
        const bool rule = d && d->rule;
        if (v.error.empty() && (!v.value || (!v.target && !rule)))
            plain.push_back(&v);
        else
            judged.push_back(&v);
    }
    auto rank = [](const IndicatorValue* v) { return !v->error.empty() ? 0 : (v->met && !*v->met) ? 1 : !v->met ? 2 : 3; };
    std::stable_sort(judged.begin(), judged.end(),
                     [&](const IndicatorValue* a, const IndicatorValue* b) { return rank(a) < rank(b); });
    for (const IndicatorValue* vp : judged) {
        const IndicatorValue& v = *vp;
        const IndicatorInfo* d = def_of(v);
        const bool rule = d && d->rule;
        const bool lower = d && d->direction == "lower";
        ImGui::PushID(v.indicator_id.c_str());
        // Line 1: the name, and 达标 / 未达标 at the right.
        const char* verdict = !v.met ? nullptr : *v.met ? ZH("达标") : ZH("未达标");
        float verdict_w = verdict ? ImGui::CalcTextSize(verdict).x : 0.0f;
        const float x0 = ImGui::GetCursorPosX();
        ImGui::PushTextWrapPos(x0 + width - verdict_w - em);
        text(v.name);
        ImGui::PopTextWrapPos();
        if (d && !d->description.empty()) tooltip(d->description);
        if (verdict) {
            ImGui::SameLine();
            ImGui::SetCursorPosX(x0 + width - verdict_w);
            text_colored(*v.met ? colors::kOk : colors::kError, verdict);
        }
        // Line 2: the bar against the target and the numbers, or what the rule found.
        if (!v.error.empty()) {
            text_colored(colors::kError, std::string(ZH("计算出错：")) + v.error);
        } else if (rule) {
            if (v.findings.empty() && v.value.value_or(0) == 0)
                text_colored(colors::kOk, ZH("合规检查未发现问题"));
            else if (v.findings.empty())  // counted below this node: the 指标 screen lists where
                text_colored(colors::kWarn, format(ZH("下级组织共发现 %s 处问题（详见「指标」）"), number_text(v.value).c_str()));
            for (const auto& f : v.findings) text_colored(colors::kWarn, std::string(ZH("· ")) + f);
        } else {
            std::string numbers = number_text(v.value) + v.unit +
                                  std::string(lower ? ZH(" / 目标 ≤") : ZH(" / 目标 ≥")) + number_text(v.target) + v.unit;
            float numbers_w = ImGui::CalcTextSize(numbers.c_str()).x;
            target_bar(v.value, v.target, v.met, lower, std::max(em * 4, width - numbers_w - em));
            ImGui::SameLine();
            text_muted(numbers);
        }
        ImGui::PopID();
    }
    if (plain.empty()) return;
    ImGui::Spacing();
    text_muted(ZH("其他统计（无目标或本组织不适用）"));
    if (ImGui::BeginTable("##plain_indicators", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        for (const IndicatorValue* v : plain) {
            ImGui::TableNextRow();
            cell(v->name);
            if (const IndicatorInfo* d = def_of(*v); d && !d->description.empty()) tooltip(d->description);
            ImGui::TableNextColumn();
            if (v->value)
                text(number_text(v->value) + v->unit);
            else
                text_muted(ZH("不适用"));
        }
        ImGui::EndTable();
    }
}

}  // namespace dj::ui
