// 通知公告: what Service::notices gives the actor, one opened beside the list; 标为已读 for
// the actor's unit; 阅读情况 for senders; 发布通知 and 催报. Whom a notice may reach and who
// may read it is the service's to decide: this screen shows its answers and refusals.
#include <algorithm>
#include <fstream>
#include <iterator>

#include "automation.hpp"
#include "drops.hpp"
#include "notices_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

constexpr std::size_t kMaxFileBytes = 50u << 20;  // the service's bound on one file

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string file_name(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The files named in the form, read on the worker (UserError naming a file it cannot read).
std::vector<NewAttachment> read_files(const std::vector<std::string>& paths) {
    std::vector<NewAttachment> out;
    for (const auto& p : paths) {
        std::ifstream in(expand_home(p), std::ios::binary);
        if (!in) throw UserError("无法读取附件「" + p + "」");
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (bytes.size() > kMaxFileBytes) throw UserError("附件「" + file_name(p) + "」超过 50 MB，不能上传");
        out.push_back({"", file_name(p), std::move(bytes)});
    }
    return out;
}

}  // namespace

void collect_glyphs(CodepointSet& set, const NoticeInfo& n) {
    set.add("【】·");
    for (const auto* s : {&n.kind_label, &n.title, &n.body, &n.sender_name, &n.sender_unit_name, &n.read_by_name})
        set.add(*s);
    for (const auto& a : n.attachments) set.add(a.name);
}

void collect_glyphs(CodepointSet& set, const NoticeReceipts& r) {
    set.add(r.title);
    for (const auto& u : r.units) {
        set.add(u.unit_name);
        set.add(u.read_by_name);
    }
}

void collect_glyphs(CodepointSet& set, const RemindDraft& d) {
    set.add(d.notice.title);
    set.add(d.notice.body);
    set.add(d.form_title);
    set.add(d.period_label);
    for (const auto& u : d.units) set.add(u.unit_name);
}

const char* NoticesView::title() const { return ZH("通知公告"); }

bool NoticesView::busy() const {
    if (acting_ || sending_ || saver_.busy()) return true;
    if (composing_) return false;  // the form needs nothing loaded
    if (list_.loading || !list_.value) return true;
    // A screenshot of an opened notice waits for its 阅读情况 as well.
    if (!screenshot_variant_.empty() && selected_ != 0 && session_.can(Capability::SendNotices) && !receipts_.value &&
        !receipts_.failure)
        return true;
    return receipts_.loading;
}

void NoticesView::prepare_screenshot(std::string_view variant) {
    screenshot_variant_ = std::string(variant);
    if (variant == "notice_new") composing_ = true;
    if (variant == "notice_remind" && !session_.start_form.empty()) {
        // The 催报 that 报送情况 would open for --form / --period at the selected node.
        acting_ = true;
        Actor who = session_.actor();
        std::string form = session_.start_form, period = session_.start_period, code = session_.selected_code();
        if (period.empty()) period = std::to_string(session_.today().year());
        session_.call<RemindDraft>(
            ZH("准备催报"), [who, form, period, code](Service& s) { return s.remind_draft(who, form, period, code); },
            [this](RemindDraft& d) {
                acting_ = false;
                compose_remind(d);
            },
            [this](const Failure& f) {
                acting_ = false;
                session_.notify(f.message, true);
            });
    }
}

void NoticesView::open(std::int64_t id) {
    composing_ = false;
    sent_box_ = false;
    selected_ = id;
    session_.show("notices");
}

void NoticesView::compose_remind(const RemindDraft& draft) {
    remind_ = draft;
    title_ = draft.notice.title;
    body_ = draft.notice.body;
    attach_paths_.clear();
    error_.clear();
    message_.clear();
    composing_ = true;
    session_.show("notices");
    auto_log("remind_draft", std::to_string(draft.units.size()));
}

void NoticesView::mark_read(std::int64_t id) {
    acting_ = true;
    Actor who = session_.actor();
    session_.call<NoticeInfo>(
        ZH("标为已读"), [who, id](Service& s) { return s.read_notice(who, id); },
        [this](NoticeInfo& n) {
            acting_ = false;
            auto_log("notice_read", std::to_string(n.id));
            session_.notify(format(ZH("已标为已读：%s"), n.title.c_str()));
            session_.changed();
        },
        [this](const Failure& f) {
            acting_ = false;
            session_.notify(f.message, true);
        });
}

void NoticesView::draw() {
    if (!begin_screen(title())) {
        ImGui::End();
        return;
    }
    const float em = ImGui::GetFontSize();
    Actor who = session_.actor();
    const bool sender = session_.can(Capability::SendNotices);
    if (composing_) {
        draw_compose();
        ImGui::End();
        return;
    }
    bool sent = sent_box_;
    session_.load<std::vector<NoticeInfo>>(
        list_, session_.key(std::string("notices|") + (sent ? "sent" : "all")), ZH("加载通知"),
        [who, sent](Service& s) {
            NoticeFilter f;
            f.sent_only = sent;
            auto list = s.notices(who, f);
            // Unread ones addressed to the actor's unit first, then newest first (the service's order).
            std::stable_partition(list.begin(), list.end(), [](const NoticeInfo& n) { return n.to_my_unit && !n.read; });
            return list;
        },
        Lane::Query, list_.value.has_value());

    if (sender) {
        if (radio(ZH("收到的通知"), !sent_box_)) sent_box_ = false;
        auto_item("notices.inbox");
        ImGui::SameLine();
        if (radio(ZH("我发布的"), sent_box_)) sent_box_ = true;
        auto_item("notices.sent");
        ImGui::SameLine(0, em * 2);
        if (button(ZH("发布通知"))) {
            composing_ = true;
            remind_.reset();
            title_.clear();
            body_.clear();
            attach_paths_.clear();
            error_.clear();
            message_.clear();
        }
        auto_item("notices.new");
        ImGui::SameLine(0, em * 2);
    }
    ImGui::SetNextItemWidth(em * 12);
    input("##notice_filter", filter_, ZH("按标题筛选"), 0, "notices.filter");
    if (!message_.empty()) text_colored(colors::kOk, message_);

    if (list_.failure) {
        show_failure(*list_.failure);
        ImGui::End();
        return;
    }
    if (!list_.value) {
        show_loading(ZH("正在加载通知…"));
        ImGui::End();
        return;
    }
    const auto& list = *list_.value;
    if (list_logged_ != list_.stamp() && !list_.loading) {
        list_logged_ = list_.stamp();
        std::size_t unread = 0;
        for (const auto& n : list) unread += n.to_my_unit && !n.read;
        auto_log("notices_loaded", format("%zu %zu", list.size(), unread));
    }
    if (ImGui::BeginTable("##notices_layout", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupColumn("l", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("r", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableNextColumn();
        draw_list(ImGui::GetContentRegionAvail().y);
        ImGui::TableNextColumn();
        const NoticeInfo* current = nullptr;
        for (const auto& n : list)
            if (n.id == selected_) current = &n;
        if (current) {
            ImGui::BeginChild("##notice_detail", ImVec2(0, ImGui::GetContentRegionAvail().y), false);
            draw_detail(*current);
            ImGui::EndChild();
        } else {
            text_muted(list.empty() ? ZH("暂无通知。") : ZH("在左侧选择一条通知查看。"));
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void NoticesView::draw_list(float height) {
    const float em = ImGui::GetFontSize();
    const auto& list = *list_.value;
    // A screenshot shows the first notice opened.
    if (!screenshot_variant_.empty() && selected_ == 0 && !list.empty()) selected_ = list.front().id;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##notice_list", 3, flags, ImVec2(0, std::max(height, em * 6)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("状态"), ImGuiTableColumnFlags_WidthFixed, em * 3);
    ImGui::TableSetupColumn(ZH("标题"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("发布"), ImGuiTableColumnFlags_WidthFixed, em * 6);
    table_headers();
    for (const auto& n : list) {
        if (!matches_filter(n.title, filter_)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (n.to_my_unit && !n.read) text_colored(colors::kAccent, ZH("未读"));
        else if (n.to_my_unit) text_muted(ZH("已读"));
        else if (n.sent_by_me) text_muted(format(ZH("%zu/%zu"), n.read_count, n.recipients));
        else text_muted(ZH("—"));
        ImGui::TableNextColumn();
        std::string line = "【" + n.kind_label + "】" + n.title + "##notice" + std::to_string(n.id);
        glyph_atlas().check(n.title);
        if (ImGui::Selectable(line.c_str(), selected_ == n.id, ImGuiSelectableFlags_SpanAllColumns)) {
            selected_ = n.id;
            auto_log("notice_open", std::to_string(n.id));
        }
        auto_item("notices.row." + std::to_string(n.id));
        ImGui::TableNextColumn();
        text_muted(local_time(n.sent_at).substr(0, 10));
    }
    ImGui::EndTable();
}

void NoticesView::draw_detail(const NoticeInfo& n) {
    ImGui::SetWindowFontScale(1.2f);
    text_wrapped(n.title);
    ImGui::SetWindowFontScale(1.0f);
    text_muted(format(ZH("%s · %s %s · 发布于 %s"), n.kind_label.c_str(), n.sender_unit_name.c_str(),
                      n.sender_name.c_str(), local_time(n.sent_at).c_str()));
    if (n.kind == "remind" && !n.deadline.empty()) text_muted(format(ZH("报送截止：%s"), n.deadline.c_str()));
    if (n.to_my_unit) {
        if (n.read) {
            text_colored(colors::kOk, format(ZH("本单位已读（%s，%s）"), n.read_by_name.c_str(), local_time(n.read_at).c_str()));
        } else {
            ImGui::BeginDisabled(acting_);
            if (button(ZH("标为已读"))) mark_read(n.id);
            ImGui::EndDisabled();
            auto_item("notices.read");
        }
    }
    ImGui::Separator();
    text_wrapped(n.body);
    if (!n.attachments.empty()) {
        ImGui::Spacing();
        text_muted(ZH("附件："));
        if (saver_notice_ != n.id) {
            saver_.reset();
            saver_notice_ = n.id;
        }
        saver_.draw(n.attachments, "notice.attachment");
    }
    if (session_.can(Capability::SendNotices)) draw_receipts(n);
}

void NoticesView::draw_receipts(const NoticeInfo& n) {
    const float em = ImGui::GetFontSize();
    Actor who = session_.actor();
    const std::int64_t id = n.id;
    session_.load<NoticeReceipts>(
        receipts_, session_.key("notice_receipts|" + std::to_string(id)), ZH("加载阅读情况"),
        [who, id](Service& s) { return s.notice_receipts(who, id); });
    ImGui::Spacing();
    separator_text(ZH("阅读情况"));
    if (receipts_.failure) {
        show_failure(*receipts_.failure);
        return;
    }
    if (!receipts_.value) {
        show_loading();
        return;
    }
    const auto& r = *receipts_.value;
    if (receipts_logged_ != receipts_.stamp() && !receipts_.loading) {
        receipts_logged_ = receipts_.stamp();
        auto_log("receipts", format("%lld %zu %zu", static_cast<long long>(r.notice_id), r.read_count, r.unread_count));
    }
    text(format(ZH("已读 %zu / 未读 %zu"), r.read_count, r.unread_count));
    auto_item("notices.receipts");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    float h = std::max(em * 8, ImGui::GetContentRegionAvail().y);
    if (!ImGui::BeginTable("##receipts", 3, flags, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("收文单位"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("状态"), ImGuiTableColumnFlags_WidthFixed, em * 3);
    ImGui::TableSetupColumn(ZH("阅读人、时间"), ImGuiTableColumnFlags_WidthStretch);
    table_headers();
    for (const auto& u : r.units) {
        ImGui::TableNextRow();
        cell(u.unit_name);
        ImGui::TableNextColumn();
        if (u.read) text_colored(colors::kOk, ZH("已读"));
        else text_colored(colors::kError, ZH("未读"));
        cell(u.read ? u.read_by_name + "  " + local_time(u.read_at) : std::string());
    }
    ImGui::EndTable();
}

void NoticesView::draw_compose() {
    const float em = ImGui::GetFontSize();
    heading(remind_ ? ZH("催报") : ZH("发布通知"));
    if (button(ZH("返回通知列表"))) {
        composing_ = false;
        remind_.reset();
    }
    auto_item("notice.back");
    ImGui::Spacing();
    const float fx = em * 6, fw = std::max(em * 20, ImGui::GetContentRegionAvail().x - fx - em);
    form_label(ZH("标题"), true, fx, fw);
    input("##notice_title", title_, ZH("如：关于开展七一走访慰问的通知"), 0, "notice.title");
    form_label(ZH("正文"), true, fx, fw);
    input_multiline("##notice_body", body_, ImVec2(fw, em * 9));
    auto_item("notice.body", true);

    form_label(ZH("收文单位"), true, fx, fw);
    if (remind_) {
        // Fixed: the service addresses a 催报 to the units that have not filed.
        text_wrapped(format(ZH("「%s」%s尚未报送的单位，共 %zu 个："), remind_->form_title.c_str(),
                            remind_->period_label.c_str(), remind_->units.size()));
        ImGui::SetCursorPosX(fx);
        ImGui::BeginChild("##remind_units", ImVec2(fw, em * 6), true);
        for (const auto& u : remind_->units) text(u.unit_name);
        ImGui::EndChild();
    } else {
        const OrgNode* node = session_.selected();
        if (radio(ZH("所选组织及其下级单位"), !to_units_)) to_units_ = false;
        auto_item("notice.scope.subtree");
        ImGui::SameLine();
        if (radio(ZH("指定单位"), to_units_)) to_units_ = true;
        auto_item("notice.scope.units");
        ImGui::SetCursorPosX(fx);
        if (!to_units_) {
            text_muted(node ? format(ZH("发给「%s」下的全部单位（党小组除外），在左侧组织树中选择范围。"), node->name.c_str())
                            : std::string(ZH("在左侧组织树中选择范围。")));
        } else if (const OrgTree* tree = session_.tree_if_ready()) {
            ImGui::SetNextItemWidth(em * 12);
            input("##unit_filter", unit_filter_, ZH("筛选单位"), 0, "notice.unit_filter");
            ImGui::SameLine();
            text_muted(format(ZH("已选 %zu 个"), units_.size()));
            ImGui::SetCursorPosX(fx);
            ImGui::BeginChild("##unit_pick", ImVec2(fw, em * 8), true);
            for (const auto& n : tree->nodes) {
                if (n.type == OrgType::Group || n.code == session_.actor().org_code) continue;
                if (!matches_filter(n.name, unit_filter_) && !matches_filter(n.code, unit_filter_)) continue;
                bool on = units_.count(n.code) > 0;
                ImGui::Indent(static_cast<float>(n.depth) * em * 0.6f);
                if (checkbox((n.name + "##u" + n.code).c_str(), &on)) {
                    if (on) units_.insert(n.code);
                    else units_.erase(n.code);
                }
                auto_item("notice.unit." + n.code);
                ImGui::Unindent(static_cast<float>(n.depth) * em * 0.6f);
            }
            ImGui::EndChild();
        }
    }

    form_label(ZH("附件"), false, fx, fw - em * 5);
    if (button(ZH("添加附件…")))
        attach_dialog_.open({FileDialog::Mode::Open, ZH("选择附件"), {}, "", "", "notice.attach.dlg"});
    auto_item("notice.attach");
    tooltip(ZH("也可以把文件拖到窗口里；每个附件不超过 50 MB"));
    if (auto picked = attach_dialog_.draw()) attach_paths_.push_back(*picked);
    // A file dropped on the window while composing is attached (the dialog takes it while open).
    if (!attach_dialog_.is_open() && !sending_)
        if (auto dropped = take_dropped()) attach_paths_.push_back(*dropped);
    for (std::size_t i = 0; i < attach_paths_.size(); ++i) {
        ImGui::SetCursorPosX(fx);
        text(file_name(attach_paths_[i]));
        ImGui::SameLine();
        if (small_button(format(ZH("移除##a%zu"), i).c_str())) {
            attach_paths_.erase(attach_paths_.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }

    ImGui::Spacing();
    ImGui::SetCursorPosX(fx);
    ImGui::BeginDisabled(sending_);
    if (button(remind_ ? ZH("发送催报") : ZH("发布"))) send();
    ImGui::EndDisabled();
    auto_item("notice.send");
    if (!error_.empty()) {
        ImGui::SetCursorPosX(fx);
        text_error(error_);
    }
}

void NoticesView::send() {
    NewNotice n;
    n.title = trim(title_);
    n.body = body_;
    if (remind_) {
        n.scope_code = remind_->notice.scope_code;
        n.remind_form = remind_->notice.remind_form;
        n.remind_period = remind_->notice.remind_period;
    } else if (to_units_) {
        n.unit_codes.assign(units_.begin(), units_.end());
        if (n.unit_codes.empty()) {
            error_ = ZH("请至少选择一个收文单位");
            return;
        }
    } else {
        n.scope_code = session_.selected_code();
    }
    sending_ = true;
    error_.clear();
    Actor who = session_.actor();
    auto paths = attach_paths_;
    session_.call<NoticeInfo>(
        ZH("发布通知"),
        [who, n, paths](Service& s) mutable {
            n.attachments = read_files(paths);
            return s.send_notice(who, n);
        },
        [this](NoticeInfo& sent) {
            sending_ = false;
            auto_log("notice_sent", format("%lld %zu", static_cast<long long>(sent.id), sent.recipients));
            message_ = format(ZH("已发布「%s」，收文单位 %zu 个。"), sent.title.c_str(), sent.recipients);
            composing_ = false;
            remind_.reset();
            title_.clear();
            body_.clear();
            attach_paths_.clear();
            units_.clear();
            sent_box_ = true;
            selected_ = sent.id;
            session_.changed();
        },
        [this](const Failure& f) {
            sending_ = false;
            error_ = f.message;
            auto_log("notice_failed", f.message);
        });
}

}  // namespace dj::ui
