// 待办: the service's list of what waits for the actor (Service::todo decides who is the next
// step, whose records came back, what the unit still owes); this screen only shows it, ticks
// rows for 批量审核 and opens each row's record in the form renderer (报表填报).
#include <algorithm>

#include "automation.hpp"
#include "forms_view.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "todo_view.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// What a 批量审核 did: how many went through, and each refusal in the service's words.
struct BatchResult {
    std::size_t approved = 0;
    std::vector<std::string> failures;
};
void collect_glyphs(CodepointSet& set, const BatchResult& r) {
    for (const auto& f : r.failures) set.add(f);
}

const std::string& form_title(const TodoData& t, const std::string& id) {
    auto it = t.list.form_titles.find(id);
    return it == t.list.form_titles.end() ? id : it->second;
}

// The comment of the last 退回 in a record's history.
std::string return_comment(const SubmissionInfo& s) {
    for (auto it = s.history.rbegin(); it != s.history.rend(); ++it)
        if (it->action == "return") return it->comment;
    return {};
}

const SubmissionStep* last_step(const SubmissionInfo& s, const char* action) {
    for (auto it = s.history.rbegin(); it != s.history.rend(); ++it)
        if (it->action == action) return &*it;
    return nullptr;
}

ImGuiTableFlags list_flags() {
    return ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
           ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
}

// Tall enough for `rows` (at most `max_rows`), the header included.
float list_height(std::size_t rows, float max_rows) {
    float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    return row_h * (std::min(static_cast<float>(rows), max_rows) + 1.0f) + 4.0f;
}

// A list's column: a fixed width in em, or a share of what is left.
struct Column {
    const char* label;
    bool fixed;
    float size;
};
Column fixed(const char* label, float em) { return {label, true, em}; }
Column stretch(const char* label, float weight) { return {label, false, weight}; }

// Every section starts alike: its heading, then, when it has nothing, the line that says so
// and nothing more (false).
bool section(const std::string& heading, bool empty, const char* when_empty) {
    separator_text(heading);
    if (!empty) return true;
    text_muted(when_empty);
    return false;
}

// The section's list with its header row. False when ImGui draws no table (then no EndTable).
bool begin_list(const char* id, std::size_t rows, float max_rows, std::initializer_list<Column> columns) {
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), list_flags(), ImVec2(0, list_height(rows, max_rows))))
        return false;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const auto& c : columns)
        ImGui::TableSetupColumn(c.label, c.fixed ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                                c.fixed ? em * c.size : c.size);
    table_headers();
    return true;
}

}  // namespace

const char* TodoView::title() const { return ZH("待办"); }

bool TodoView::busy() const { return acting_; }

std::string TodoView::summary(const TodoData& t, const SubmissionInfo& s) {
    auto& spec = specs_[s.form_id];
    if (spec.id.empty())
        if (auto f = t.forms.find(s.form_id); f != t.forms.end()) spec = FormSpec::parse(f->second.schema_json);
    std::string text = record_summary(spec, s.values_json);
    return text.empty() ? std::string(ZH("—")) : text;
}

void TodoView::open(const TodoData& t, const SubmissionInfo& s) {
    auto f = t.forms.find(s.form_id);
    if (f == t.forms.end()) return;
    auto_log("todo_open", std::to_string(s.id));
    session_.views->get<FormsView>()->open_record(f->second, s.unit_code, s.period, s.id);
}

void TodoView::draw() {
    if (!begin_screen(format(ZH("待办 · %s"), session_.actor().display_name.c_str()))) {
        ImGui::End();
        return;
    }
    const auto& loaded = session_.todo();
    session_.users();  // names for the 报送人 column
    if (loaded.failure) {
        show_failure(*loaded.failure);
        ImGui::End();
        return;
    }
    if (!loaded.value) {
        show_loading(ZH("正在汇总待办…"));
        ImGui::End();
        return;
    }
    const TodoData& t = *loaded.value;
    if (logged_ != loaded.stamp() && !loaded.loading) {
        logged_ = loaded.stamp();
        std::size_t soon = 0;
        for (const auto& d : t.list.due) soon += d.soon;
        auto_log("todo_loaded", format("%zu %zu %zu %zu %zu", t.list.to_approve.size(), t.list.returned.size(),
                                       t.list.withdrawable.size(), t.list.due.size(), soon));
        // Ticks of records no longer waiting go.
        std::set<std::int64_t> still;
        for (const auto& s : t.list.to_approve)
            if (checked_.count(s.id)) still.insert(s.id);
        checked_ = std::move(still);
    }
    if (std::string key = loaded.stamp() + "|" + session_.users().stamp(); key != rows_key_) {
        rows_key_ = key;
        build_rows(t);
    }
    if (!result_.empty()) {
        text_colored(result_error_ ? colors::kError : colors::kOk, result_);
        ImGui::Spacing();
    }
    const bool approver = session_.can(Capability::ApproveForms);
    const bool filler = session_.can(Capability::FillForms);
    if (t.count() == 0 && t.list.withdrawable.empty()) {
        text_muted(ZH("目前没有待办事项。"));
    }
    ImGui::BeginChild("##todo_body");
    if (approver) draw_to_approve(t);
    if (filler) {
        draw_returned(t);
        draw_due(t);
        draw_withdrawable(t);
    }
    ImGui::EndChild();
    ImGui::End();
}

void TodoView::build_rows(const TodoData& t) {
    approve_rows_.clear();
    for (const auto& s : t.list.to_approve) {
        const SubmissionStep* sent = last_step(s, "submit");
        approve_rows_.push_back({form_title(t, s.form_id) + "##open", summary(t, s), s.unit_name, period_label(s.period),
                                 session_.person(sent ? sent->actor : s.author), local_time(sent ? sent->at : s.updated_at),
                                 s.next_step_label.empty() ? std::string(ZH("审核")) : s.next_step_label});
    }
    returned_rows_.clear();
    for (const auto& s : t.list.returned) {
        const SubmissionStep* back = last_step(s, "return");
        std::string why = return_comment(s);
        returned_rows_.push_back({form_title(t, s.form_id) + "##open", summary(t, s), s.unit_name, period_label(s.period),
                                  back ? session_.person(back->actor) : std::string(ZH("—")),
                                  back ? local_time(back->at) : std::string(ZH("—")), why});
    }
    withdraw_rows_.clear();
    for (const auto& s : t.list.withdrawable)
        withdraw_rows_.push_back({form_title(t, s.form_id) + "##open", summary(t, s), s.unit_name, period_label(s.period), "",
                                  local_time(s.updated_at), ""});
}

void TodoView::draw_to_approve(const TodoData& t) {
    const auto& list = t.list.to_approve;
    if (!section(format(ZH("待审核（%zu）"), list.size()), list.empty(), ZH("没有等待您审核的材料。"))) return;
    bool all = !list.empty() && checked_.size() == list.size();
    if (checkbox(ZH("全选"), &all)) {
        checked_.clear();
        if (all)
            for (const auto& s : list) checked_.insert(s.id);
    }
    auto_item("todo.all");
    ImGui::SameLine();
    ImGui::BeginDisabled(checked_.empty() || acting_);
    if (button(format(ZH("批量审核通过（%zu 份）###batch"), checked_.size()).c_str())) approve_selected(t);
    auto_item("todo.approve_selected");
    ImGui::EndDisabled();
    tooltip(ZH("逐份审核通过所选材料；需要退回的请打开后填写退回意见"));
    if (acting_) {
        ImGui::SameLine();
        spinner();
    }
    if (!begin_list("##to_approve", list.size(), 12,
                    {fixed(ZH("选择"), 2.5f), stretch(ZH("表单"), 1.6f), stretch(ZH("摘要"), 2.4f),
                     stretch(ZH("组织"), 1.6f), fixed(ZH("期间"), 6.5f), fixed(ZH("报送人"), 9),
                     fixed(ZH("报送时间"), 8), stretch(ZH("审核步骤"), 1.4f)}))
        return;
    // Only the rows on screen are drawn (from rows built once per answer).
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(std::min(list.size(), approve_rows_.size())));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& s = list[static_cast<std::size_t>(i)];
            const Row& row = approve_rows_[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool on = checked_.count(s.id) > 0;
            if (checkbox("##check", &on)) {
                if (on)
                    checked_.insert(s.id);
                else
                    checked_.erase(s.id);
            }
            auto_item("todo.check." + std::to_string(s.id));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (selectable(row.open.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                open(t, s);
            auto_item("todo.open." + std::to_string(s.id));
            tooltip(ZH("点击打开这份材料"));
            cell(row.summary);
            cell(row.unit);
            cell(row.period);
            cell(row.who);
            cell(row.when);
            cell(row.extra);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void TodoView::draw_returned(const TodoData& t) {
    const auto& list = t.list.returned;
    if (!section(format(ZH("被退回（%zu）"), list.size()), list.empty(), ZH("没有被退回的材料。"))) return;
    if (!begin_list("##returned", list.size(), 8,
                    {stretch(ZH("表单"), 1.6f), stretch(ZH("摘要"), 2.0f), fixed(ZH("期间"), 6.5f),
                     fixed(ZH("退回人"), 5), fixed(ZH("退回时间"), 8), stretch(ZH("退回意见"), 3.0f)}))
        return;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(std::min(list.size(), returned_rows_.size())));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& s = list[static_cast<std::size_t>(i)];
            const Row& row = returned_rows_[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (selectable(row.open.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) open(t, s);
            auto_item("todo.open." + std::to_string(s.id));
            tooltip(ZH("点击打开修改，修改后重新报送"));
            cell(row.summary);
            cell(row.period);
            cell(row.who);
            cell(row.when);
            cell(row.extra.empty() ? std::string(ZH("—")) : row.extra);
            if (!row.extra.empty()) tooltip(row.extra);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void TodoView::draw_due(const TodoData& t) {
    const auto& list = t.list.due;
    std::size_t soon = 0;
    for (const auto& d : list) soon += d.soon;
    if (!section(format(ZH("本期应报（%zu，其中即将截止 %zu）"), list.size(), soon), list.empty(),
                 ZH("本单位本期的表单都已报送。")))
        return;
    if (!begin_list("##due", list.size(), 10,
                    {stretch(ZH("表单"), 2.0f), fixed(ZH("期间"), 6.5f), fixed(ZH("截止日期"), 9),
                     stretch(ZH("情况"), 1.0f)}))
        return;
    for (const auto& d : list) {
        ImGui::PushID((d.form_id + d.period).c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (selectable((d.form_title + "##fill").c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
            auto f = t.forms.find(d.form_id);
            if (f != t.forms.end()) {
                auto_log("todo_fill", d.form_id + " " + d.period);
                session_.views->get<FormsView>()->open_record(f->second, d.unit_code, d.period, d.draft_id);
            }
        }
        auto_item("todo.fill." + d.form_id + "." + d.period);
        tooltip(d.draft_id ? ZH("点击继续填写草稿") : ZH("点击填报"));
        cell(period_label(d.period));
        ImGui::TableNextColumn();
        if (d.soon)
            text_colored(colors::kWarn, format(ZH("%s 即将截止"), d.deadline.c_str()));
        else
            text(d.deadline);
        cell(d.draft_id ? std::string(ZH("已存草稿，未报送")) : std::string(ZH("未填报")));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void TodoView::draw_withdrawable(const TodoData& t) {
    const auto& list = t.list.withdrawable;
    if (list.empty()) return;  // a section only when there is something to take back
    section(format(ZH("已报送、待审核（%zu，审核人处理之前可以撤回）"), list.size()), false, nullptr);
    if (!begin_list("##withdrawable", list.size(), 6,
                    {stretch(ZH("表单"), 1.6f), stretch(ZH("摘要"), 2.0f), fixed(ZH("期间"), 6.5f),
                     fixed(ZH("报送时间"), 8), fixed(ZH("操作"), 4)}))
        return;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(std::min(list.size(), withdraw_rows_.size())));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& s = list[static_cast<std::size_t>(i)];
            const Row& row = withdraw_rows_[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (selectable(row.open.c_str(), false)) open(t, s);
            auto_item("todo.open." + std::to_string(s.id));
            cell(row.summary);
            cell(row.period);
            cell(row.when);
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(acting_);
            if (small_button(ZH("撤回"))) withdraw(s.id);
            ImGui::EndDisabled();
            auto_item("todo.withdraw." + std::to_string(s.id));
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void TodoView::approve_selected(const TodoData& t) {
    std::vector<std::int64_t> ids;
    for (const auto& s : t.list.to_approve)
        if (checked_.count(s.id)) ids.push_back(s.id);
    if (ids.empty()) return;
    acting_ = true;
    result_.clear();
    Actor who = session_.actor();
    session_.call<BatchResult>(
        ZH("批量审核"),
        [who, ids](Service& s) {
            // One approval at a time, each in its own transaction: a refusal (someone acted
            // first) stops only that record.
            BatchResult r;
            for (auto id : ids) {
                try {
                    s.approve(who, id, "");
                    ++r.approved;
                } catch (const std::exception& e) {
                    r.failures.push_back(format(ZH("编号 %lld：%s"), static_cast<long long>(id), e.what()));
                }
            }
            return r;
        },
        [this](BatchResult& r) {
            acting_ = false;
            checked_.clear();
            session_.changed();
            result_error_ = !r.failures.empty();
            result_ = format(ZH("已审核通过 %zu 份"), r.approved);
            for (const auto& f : r.failures) result_ += std::string(ZH("；")) + f;
            auto_log("batch_approved", format("%zu %zu", r.approved, r.failures.size()));
        },
        [this](const Failure& f) {
            acting_ = false;
            result_error_ = true;
            result_ = f.message;
        });
}

void TodoView::withdraw(std::int64_t id) {
    acting_ = true;
    result_.clear();
    Actor who = session_.actor();
    session_.call<SubmissionInfo>(
        ZH("撤回"), [who, id](Service& s) { return s.withdraw(who, id); },
        [this](SubmissionInfo& s) {
            acting_ = false;
            session_.changed();
            result_error_ = false;
            result_ = format(ZH("编号 %lld 已撤回，现为草稿"), static_cast<long long>(s.id));
            auto_log("withdrawn", std::to_string(s.id) + " " + s.state);
        },
        [this](const Failure& f) {
            acting_ = false;
            result_error_ = true;
            result_ = f.message;
            auto_log("withdraw_failed", f.message);
        });
}

}  // namespace dj::ui
