// 整改: rectification items of the selected node and below — filtered by year, status and
// overdue — an item registered from an inspection (督查检查), and each item's progress:
// 待整改 → 整改中 → 已完成 → 已销号, with what was done. Which moves are allowed, who may
// sign off and what a completion needs are the service's rules: its refusals are shown, in
// its words, next to the button that asked.
#include <algorithm>

#include "assess_common.hpp"
#include "automation.hpp"
#include "rectification_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// The service's statuses, in the order of the life cycle.
const char* const kStatuses[] = {"open", "in_progress", "done", "verified"};

const char* status_label(const std::string& id) {
    if (id == "open") return ZH("待整改");
    if (id == "in_progress") return ZH("整改中");
    if (id == "done") return ZH("已完成");
    if (id == "verified") return ZH("已销号");
    return ZH("全部状态");
}

ImVec4 status_colour(const RectificationItem& r) {
    if (r.overdue) return colors::kError;
    if (r.status == "verified" || r.status == "done") return colors::kOk;
    if (r.status == "in_progress") return colors::kWarn;
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

std::string status_text(const RectificationItem& r) {
    return r.overdue ? r.status_label + ZH("（已逾期）") : r.status_label;
}

// "2020-12-20T08:01:02Z" → "2020-12-20 08:01"
std::string minute_text(std::string t) {
    if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
    if (t.size() > 16) t.resize(16);
    return t;
}

}  // namespace

const char* RectificationView::title() const { return ZH("整改"); }

bool RectificationView::busy() const {
    return list_.loading || select_first_ || updating_ || adding_ || export_.busy();
}

void RectificationView::prepare_screenshot(std::string_view variant) {
    if (variant == "rectify") select_first_ = true;
}

void RectificationView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    const std::string code = node->code;
    const std::string prefix = "rectify|" + code + "|";
    const std::string filter = year_ + "|" + status_ + "|" + (overdue_only_ ? "1" : "0");
    Actor who = session_.actor();
    RectificationFilter f;
    f.unit_code = code;
    if (!year_.empty()) f.year = std::stoi(year_);
    if (!status_.empty()) f.status = status_;
    f.overdue_only = overdue_only_;
    session_.load<std::vector<RectificationItem>>(
        list_, session_.key(prefix + filter), ZH("加载整改事项"),
        [who, f](Service& s) { return s.rectifications(who, f); }, Lane::Query, list_.key.rfind(prefix, 0) == 0);

    draw_filters();
    if (adding_open_) draw_add(*node);
    if (list_.failure) {
        select_first_ = false;  // nothing to pick: a screenshot need not wait
        show_failure(*list_.failure);
    } else if (!list_.value) {
        show_loading(ZH("正在加载整改事项…"));
    } else {
        const auto& items = *list_.value;
        if (logged_ != list_.stamp()) {
            logged_ = list_.stamp();
            auto_log("rectifications_loaded", std::to_string(items.size()));
        }
        if (select_first_ && !list_.loading) {
            select_first_ = false;
            if (!items.empty()) selected_ = items.front().id;
        }
        const RectificationItem* item = nullptr;
        for (const auto& r : items)
            if (r.id == selected_) item = &r;
        std::size_t overdue = 0, open = 0;
        for (const auto& r : items) {
            overdue += r.overdue;
            open += r.status == "open" || r.status == "in_progress";
        }
        text_muted(format(ZH("共 %zu 项，未完成 %zu 项，已逾期 %zu 项。"), items.size(), open, overdue));
        const OrgNode* node = session_.selected();
        export_.set_default_name({ZH("整改事项台账"), node ? node->name : std::string(), session_.today().iso()});
        switch (export_.draw_with_print(ZH("导出 Excel"), "rectify.export")) {
            case ExportControl::Press::Export:
                export_.start(session_, [who, f](Service& s) { return s.export_rectifications(who, f); });
                break;
            case ExportControl::Press::Print:
                export_.start(session_, [who, f](Service& s) { return s.print_rectifications(who, f); }, true);
                break;
            case ExportControl::Press::None: break;
        }
        if (items.empty()) {
            text_muted(ZH("没有符合条件的整改事项。"));
        } else {
            float avail = ImGui::GetContentRegionAvail().y;
            draw_list(items, item ? std::max(avail * 0.38f, ImGui::GetFrameHeight() * 4) : avail);
            if (item) {
                ImGui::BeginChild("##rect_detail", ImVec2(0, 0), false);
                draw_detail(*item);
                ImGui::EndChild();
            }
        }
    }
    ImGui::End();
}

void RectificationView::draw_filters() {
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text(ZH("年度"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    std::string shown = year_.empty() ? std::string(ZH("全部年度")) : year_ + ZH("年");
    glyph_atlas().check(shown);
    if (ImGui::BeginCombo(label(ZH("##rect_year")), shown.c_str())) {
        if (selectable(ZH("全部年度"), year_.empty())) year_.clear();
        for (int y = session_.today().year(); y >= session_.today().year() - 5; --y) {
            std::string l = std::to_string(y) + ZH("年");
            if (selectable(l.c_str(), year_ == std::to_string(y))) year_ = std::to_string(y);
            auto_item("rectify.year." + std::to_string(y));
        }
        ImGui::EndCombo();
    }
    auto_item("rectify.year");
    ImGui::SameLine();
    text(ZH("状态"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    if (ImGui::BeginCombo(label(ZH("##rect_status")), status_label(status_))) {
        if (selectable(ZH("全部状态"), status_.empty())) status_.clear();
        for (const char* s : kStatuses) {
            if (selectable(status_label(s), status_ == s)) status_ = s;
            auto_item(std::string("rectify.filter.") + s);
        }
        ImGui::EndCombo();
    }
    auto_item("rectify.status_filter");
    ImGui::SameLine();
    checkbox(ZH("仅逾期"), &overdue_only_);
    auto_item("rectify.overdue");
    if (session_.can(Capability::FillForms)) {
        ImGui::SameLine();
        if (button(adding_open_ ? ZH("收起登记") : ZH("登记整改事项…"))) {
            adding_open_ = !adding_open_;
            add_error_.clear();
        }
        auto_item("rectify.add");
        tooltip(ZH("登记督查检查等发现的问题，责任单位为左侧所选组织"));
    }
}

void RectificationView::draw_list(const std::vector<RectificationItem>& items, float height) {
    const float em = ImGui::GetFontSize();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##rectifications", 8, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("编号"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("责任单位"), 0, em * 9);
    ImGui::TableSetupColumn(ZH("年度"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("问题"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("来源"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("责任人"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("整改期限"), 0, em * 5.5f);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 6.5f);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(items.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RectificationItem& r = items[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string id = std::to_string(r.id) + "##row" + std::to_string(r.id);
            if (selectable(id.c_str(), r.id == selected_, ImGuiSelectableFlags_SpanAllColumns)) {
                selected_ = r.id;
                auto_log("rectification_selected", std::to_string(r.id));
            }
            auto_item("rectify.row." + std::to_string(r.id));
            cell(r.org_name);
            cell(std::to_string(r.year));
            cell(r.title);
            tooltip(r.detail.empty() ? r.title : r.title + "\n" + r.detail);
            cell(r.source_label);
            cell(r.owner.empty() ? std::string(ZH("—")) : r.owner);
            cell(r.deadline);
            ImGui::TableNextColumn();
            text_colored(status_colour(r), status_text(r));
        }
    ImGui::EndTable();
}

void RectificationView::draw_detail(const RectificationItem& item) {
    const float em = ImGui::GetFontSize();
    const std::string base = std::to_string(item.id) + "|" + item.updated_at;
    if (edit_for_ != base) {
        // Another item picked, or this one stored anew: start from what it holds now.
        edit_for_ = base;
        u_status_ = item.status;
        u_owner_ = item.owner;
        u_deadline_ = item.deadline;
        u_evidence_.clear();
        u_comment_.clear();
        update_error_.clear();
    }
    ImGui::Spacing();
    ImGui::SetWindowFontScale(1.15f);
    text(format(ZH("#%lld %s"), static_cast<long long>(item.id), item.title.c_str()));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    text_colored(status_colour(item), status_text(item));
    if (ImGui::BeginTable("##rect_kv", 4, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("k1", ImGuiTableColumnFlags_WidthFixed, em * 5);
        ImGui::TableSetupColumn("v1", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("k2", ImGuiTableColumnFlags_WidthFixed, em * 5);
        ImGui::TableSetupColumn("v2", ImGuiTableColumnFlags_WidthStretch);
        auto kv = [](const char* k, const std::string& v) {
            ImGui::TableNextColumn();
            text_muted(k);
            ImGui::TableNextColumn();
            text_wrapped(v.empty() ? std::string(ZH("—")) : v);
        };
        kv(ZH("责任单位"), item.org_name);
        kv(ZH("所属年度"), std::to_string(item.year));
        kv(ZH("来源"), item.source_label);
        kv(ZH("责任人"), item.owner);
        kv(ZH("整改期限"), item.deadline);
        kv(ZH("登记"), item.created_by + " " + minute_text(item.created_at));
        kv(ZH("具体情况"), item.detail);
        kv(ZH("最近更新"), minute_text(item.updated_at));
        ImGui::EndTable();
    }
    separator_text(ZH("整改情况"));
    if (item.evidence.empty())
        text_muted(ZH("还没有填写整改情况。"));
    else
        text_wrapped(item.evidence);
    if (!item.attachments.empty()) text_muted(format(ZH("佐证材料：%zu 个附件"), item.attachments.size()));

    if (!session_.can(Capability::FillForms) && !session_.can(Capability::ApproveForms)) {
        text_muted(ZH("当前身份只能查看整改事项。"));
        return;
    }
    separator_text(ZH("更新整改进度"));
    const float field_x = em * 6, field_w = std::min(em * 24, ImGui::GetContentRegionAvail().x - field_x);
    form_label(ZH("状态"), false, field_x, em * 8);
    if (ImGui::BeginCombo(label(ZH("##u_status")), status_label(u_status_))) {
        for (const char* s : kStatuses) {
            if (selectable(status_label(s), u_status_ == s)) u_status_ = s;
            auto_item(std::string("rectify.status.opt.") + s);
        }
        ImGui::EndCombo();
    }
    auto_item("rectify.status");
    ImGui::SameLine();
    text_muted(ZH("待整改 → 整改中 → 已完成 → 已销号（销号由上级审核）"));
    form_label(ZH("整改情况"), false, field_x, field_w);
    input(ZH("##u_evidence"), u_evidence_, ZH("本次采取的措施、取得的效果（追加到整改情况）"), 0, "rectify.evidence");
    form_label(ZH("责任人"), false, field_x, em * 8);
    input(ZH("##u_owner"), u_owner_, nullptr, 0, "rectify.owner");
    ImGui::SameLine();
    text(ZH("整改期限"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    input(ZH("##u_deadline"), u_deadline_, ZH("如 2021-06-30"), 0, "rectify.deadline");
    form_label(ZH("备注"), false, field_x, field_w);
    input(ZH("##u_comment"), u_comment_, ZH("可不填"), 0, "rectify.comment");
    ImGui::SetCursorPosX(field_x);
    ImGui::BeginDisabled(updating_);
    if (button(ZH("保存"), ImVec2(em * 5, 0))) save(item);
    auto_item("rectify.save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (updating_) {
        show_loading(ZH("正在保存…"));
    } else if (!update_error_.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(colors::kError, update_error_);
        ImGui::PopTextWrapPos();
    }
}

void RectificationView::save(const RectificationItem& item) {
    RectificationUpdate u;
    if (u_status_ != item.status) u.status = u_status_;
    if (u_owner_ != item.owner) u.owner = u_owner_;
    u.evidence = u_evidence_;
    u.comment = u_comment_;
    std::string deadline = u_deadline_ != item.deadline ? u_deadline_ : std::string();
    if (!u.status && !u.owner && u.evidence.empty() && deadline.empty()) {
        update_error_ = ZH("没有要保存的变化：请改变状态，或填写整改情况、责任人、整改期限");
        return;
    }
    updating_ = true;
    update_error_.clear();
    Actor who = session_.actor();
    std::int64_t id = item.id;
    session_.call<RectificationItem>(
        ZH("更新整改事项"),
        [who, id, u, deadline](Service& s) mutable {
            // The service's own message names a date it cannot read.
            if (!deadline.empty()) u.deadline = Date::parse_or_throw(deadline, "整改期限");
            return s.update_rectification(who, id, u);
        },
        [this](RectificationItem& r) {
            updating_ = false;
            u_evidence_.clear();  // appended to the item: not to be sent twice
            u_comment_.clear();
            session_.changed();
            session_.notify(format(ZH("整改事项 #%lld 已更新：%s"), static_cast<long long>(r.id), r.status_label.c_str()));
            auto_log("rectification_updated", std::to_string(r.id) + " " + r.status);
        },
        [this](const Failure& f) {
            updating_ = false;
            update_error_ = f.message;
            auto_log(f.denied ? "denied" : "rectification_failed", f.message);
        });
}

void RectificationView::draw_add(const OrgNode& node) {
    const float em = ImGui::GetFontSize();
    if (a_year_.empty()) a_year_ = std::to_string(session_.today().year());
    ImGui::BeginChild("##rect_add", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 6.6f), true);
    heading(format(ZH("登记整改事项（督查检查）：责任单位「%s」"), node.name.c_str()));
    const float field_x = em * 6, field_w = std::min(em * 30, ImGui::GetContentRegionAvail().x - field_x);
    form_label(ZH("问题"), true, field_x, field_w);
    input(ZH("##a_title"), a_title_, ZH("检查发现的问题"), 0, "rectify.add.title");
    form_label(ZH("具体情况"), false, field_x, field_w);
    input(ZH("##a_detail"), a_detail_, nullptr, 0, "rectify.add.detail");
    form_label(ZH("所属年度"), true, field_x, em * 5);
    input(ZH("##a_year"), a_year_, nullptr, ImGuiInputTextFlags_CharsDecimal, "rectify.add.year");
    ImGui::SameLine();
    text(ZH("整改期限"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    input(ZH("##a_deadline"), a_deadline_, ZH("如 2021-06-30"), 0, "rectify.add.deadline");
    ImGui::SameLine();
    text(ZH("责任人"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 6);
    input(ZH("##a_owner"), a_owner_, nullptr, 0, "rectify.add.owner");
    ImGui::SetCursorPosX(field_x);
    ImGui::BeginDisabled(adding_);
    if (button(ZH("登记"), ImVec2(em * 5, 0))) add(node);
    auto_item("rectify.add.save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (adding_) {
        show_loading(ZH("正在登记…"));
    } else if (!add_error_.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(colors::kError, add_error_);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
}

void RectificationView::add(const OrgNode& node) {
    if (a_deadline_.empty()) {
        add_error_ = ZH("请填写整改期限（如 2021-06-30）");
        return;
    }
    adding_ = true;
    add_error_.clear();
    Actor who = session_.actor();
    NewRectification r;
    r.org_code = node.code;
    r.year = a_year_.empty() ? 0 : std::atoi(a_year_.c_str());
    r.source = "inspection";
    r.title = a_title_;
    r.detail = a_detail_;
    r.owner = a_owner_;
    std::string deadline = a_deadline_;
    session_.call<RectificationItem>(
        ZH("登记整改事项"),
        [who, r, deadline](Service& s) mutable {
            r.deadline = Date::parse_or_throw(deadline, "整改期限");
            return s.add_rectification(who, r);
        },
        [this](RectificationItem& item) {
            adding_ = false;
            a_title_.clear();
            a_detail_.clear();
            a_owner_.clear();
            a_deadline_.clear();
            adding_open_ = false;
            selected_ = item.id;
            session_.changed();
            session_.notify(format(ZH("已登记整改事项 #%lld：%s"), static_cast<long long>(item.id), item.title.c_str()));
            auto_log("rectification_added", std::to_string(item.id));
        },
        [this](const Failure& f) {
            adding_ = false;
            add_error_ = f.message;
            auto_log(f.denied ? "denied" : "rectification_failed", f.message);
        });
}

}  // namespace dj::ui
