// The form renderer's state and actions: opening, the debounced preview, 保存草稿 / 报送,
// 审核通过 / 退回, attachments, and the header, footer and history around the fields.
#include "form_editor.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "automation.hpp"
#include "core/errors.hpp"
#include "io/file_read.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

using nlohmann::json;

namespace {

// Long enough that typing a word sends one check, short enough to feel live.
constexpr double kCheckDelay = 0.3;

const char* action_label(const std::string& a) {
    if (a == "save") return ZH("保存草稿");
    if (a == "submit") return ZH("报送");
    if (a == "approve") return ZH("审核通过");
    if (a == "return") return ZH("退回");
    if (a == "withdraw") return ZH("撤回");
    return ZH("操作");
}

const char* state_label(const std::string& s) {
    if (s == "draft") return ZH("草稿");
    if (s == "submitted") return ZH("已报送");
    if (s == "returned") return ZH("已退回");
    if (s == "approved") return ZH("已审核");
    return ZH("—");
}

}  // namespace

void collect_glyphs(CodepointSet& set, const SubmitOutcome& o) {
    if (o.submission) collect_glyphs(set, *o.submission);
    collect_glyphs(set, o.issues);
}

// [SECTION] Opening

void FormEditor::open(const FormInfo& form, const std::string& unit, const std::string& period,
                      std::optional<std::int64_t> submission_id) {
    open_ = true;
    info_ = form;
    spec_ = FormSpec::parse(form.schema_json);
    unit_ = unit;
    period_ = period;
    submission_.reset();
    member_id_.reset();
    values_ = json::object();
    buffers_.clear();
    touched_.clear();
    fresh_draft_ = false;
    show_all_ = false;
    preview_.reset();
    preview_values_ = json::object();
    issues_.clear();
    check_failure_.reset();
    action_error_.clear();
    comment_.clear();
    search_.clear();
    attach_dialog_.close();
    upload_error_.clear();
    auto_log("form_open", info_.id + " " + unit_ + " " + period_ + " " +
                              (submission_id ? std::to_string(*submission_id) : std::string("new")));
    if (submission_id) {
        loading_submission_ = true;
        Actor who = session_.actor();
        std::int64_t id = *submission_id;
        session_.call<SubmissionInfo>(
            ZH("加载报送记录"), [who, id](Service& s) { return s.submission(who, id); },
            [this, id](SubmissionInfo& s) {
                if (!submission_ && s.id != id) return;
                loading_submission_ = false;
                submission_ = s;
                member_id_ = s.member_id;
                values_ = json::parse(s.values_json, nullptr, false);
                if (!values_.is_object()) values_ = json::object();
                buffers_.clear();
                dirty_ = true;
                last_edit_ = 0;  // check at once
            },
            [this](const Failure& f) {
                loading_submission_ = false;
                action_error_ = f.message;
            });
    } else {
        // Static defaults now; the first check asks the service for the default functions'
        // values too, and computed ones.
        for (const auto& f : spec_.fields)
            if (!f.default_value.is_null()) values_[f.id] = f.default_value;
        fresh_draft_ = true;
        dirty_ = true;
        last_edit_ = 0;
    }
}

bool FormEditor::busy() const {
    return open_ && (dirty_ || checking_ || loading_submission_ || acting_ || (shows_evaluation() && evaluation_.busy()));
}

bool FormEditor::editable() const {
    if (!session_.can(Capability::FillForms)) return false;
    if (!submission_) return true;
    // A draft or a returned record is its filler's to change; to anyone else it reads only
    // (an approver who opens it sees no 保存/报送).
    return (submission_->state == "draft" || submission_->state == "returned") && submission_->author == session_.actor().login;
}

std::string FormEditor::next_step() const {
    if (!submission_ || submission_->state != "submitted") return "";
    if (!submission_->next_step_label.empty()) return submission_->next_step_label;
    auto step = static_cast<std::size_t>(std::max(submission_->step, 0));
    return step < spec_.approval.size() ? spec_.approval[step] : std::string();
}

bool FormEditor::can_decide() const {
    // A form without an approval chain is final once submitted: nobody decides.
    return !next_step().empty() && session_.can(Capability::ApproveForms);
}

bool FormEditor::shown(const FieldSpec& f) const {
    if (!preview_) return true;  // until the service has said otherwise
    auto it = preview_->visible.find(f.id);
    return it == preview_->visible.end() || it->second;
}

// [SECTION] Checks

json FormEditor::clean_values() const {
    json out = json::object();
    for (auto it = values_.begin(); it != values_.end(); ++it) {
        if (it.value().is_null()) continue;
        const FieldSpec* f = spec_.field(it.key());
        if (f && !f->editable()) continue;  // the service fills these itself
        if (it.value().is_array() && f && f->is("table")) {
            json rows = json::array();
            for (const auto& row : it.value()) {
                json r = json::object();
                if (row.is_object())
                    for (auto c = row.begin(); c != row.end(); ++c)
                        if (!c.value().is_null()) r[c.key()] = c.value();
                rows.push_back(r);
            }
            out[it.key()] = rows;
        } else {
            out[it.key()] = it.value();
        }
    }
    return out;
}

SubmitRequest FormEditor::request() const {
    SubmitRequest r;
    r.form_id = info_.id;
    r.unit_code = unit_;
    r.period = period_;
    r.member_id = member_id_;
    if (submission_) r.submission_id = submission_->id;
    r.values_json = clean_values().dump();
    return r;
}

void FormEditor::edited(const std::string& field_id) {
    // Its messages were about the value before this edit: drop them until the next check.
    for (auto it = issues_.begin(); it != issues_.end();)
        it = parse_field_path(it->first).field == field_id ? issues_.erase(it) : std::next(it);
    touched_.insert(field_id);
    dirty_ = true;
    last_edit_ = Session::now();
    action_error_.clear();
}

void FormEditor::maybe_check() {
    if (!dirty_ || checking_ || loading_submission_) return;
    if (Session::now() - last_edit_ < kCheckDelay) return;
    dirty_ = false;
    checking_ = true;
    std::uint64_t seq = ++check_seq_;
    Actor who = session_.actor();
    SubmitRequest r = request();
    const bool fresh = fresh_draft_;
    session_.call<FormPreview>(
        ZH("校验填报内容"),
        [who, r, fresh](Service& s) { return fresh ? s.draft_form(who, r) : s.preview_form(who, r); },
        [this, seq, fresh](FormPreview& p) {
            checking_ = false;
            if (seq != check_seq_) return;
            check_failure_.reset();
            preview_values_ = json::parse(p.values_json, nullptr, false);
            if (!preview_values_.is_object()) preview_values_ = json::object();
            if (fresh) {
                // The defaults become the draft's values, where the user has typed nothing yet.
                fresh_draft_ = false;
                for (const auto& f : spec_.fields)
                    if (f.editable() && !touched_.count(f.id) && !values_.contains(f.id) && preview_values_.contains(f.id)) {
                        values_[f.id] = preview_values_[f.id];
                        buffers_.erase(f.id);  // the text shown is made again from the value
                    }
            }
            apply_issues(p.issues);
            // What the service filled in (应到 from the roster, 到会率 …), for the automation log.
            for (const auto& f : spec_.fields)
                if (!f.editable() && preview_values_.contains(f.id))
                    auto_log("form_value", f.id + " " + preview_values_[f.id].dump());
            preview_ = std::move(p);
            auto_log("form_checked", std::to_string(preview_->issues.size()));
        },
        [this, seq](const Failure& f) {
            checking_ = false;
            if (seq == check_seq_) check_failure_ = f;
        });
}

void FormEditor::apply_issues(const std::vector<FieldIssue>& issues) {
    issues_.clear();
    for (const auto& i : issues) {
        glyph_atlas().add(i.message);
        issues_[i.field].push_back(i.message);
        auto_log("form_issue", (i.field.empty() ? std::string("-") : i.field) + " " + i.message);
    }
}

// [SECTION] Actions

void FormEditor::submit(bool draft) {
    acting_ = true;
    action_error_.clear();
    Actor who = session_.actor();
    SubmitRequest r = request();
    r.draft = draft;
    session_.call<SubmitOutcome>(
        draft ? ZH("保存草稿") : ZH("报送"),
        [who, r](Service& s) {
            SubmitOutcome o;
            try {
                o.submission = s.submit(who, r);
            } catch (const ValidationFailed& e) {
                o.issues = e.issues();
            }
            return o;
        },
        [this, draft](SubmitOutcome& o) {
            acting_ = false;
            if (!o.submission) {
                show_all_ = true;
                apply_issues(o.issues);
                action_error_ = format(ZH("填报内容有 %zu 处问题，请按各栏下方的提示修改后再%s。"), o.issues.size(),
                                       draft ? ZH("保存") : ZH("报送"));
                auto_log("submit_refused", std::to_string(o.issues.size()));
                return;
            }
            submission_ = *o.submission;
            session_.changed();
            session_.notify(draft ? format(ZH("已保存草稿（编号 %lld）"), static_cast<long long>(submission_->id))
                                  : next_step().empty()
                                      ? format(ZH("已报送（编号 %lld）"), static_cast<long long>(submission_->id))
                                      : format(ZH("已报送（编号 %lld），待%s"), static_cast<long long>(submission_->id),
                                               next_step().c_str()));
            auto_log(draft ? "saved" : "submitted",
                     (draft ? std::string("submission ") : std::string()) + std::to_string(submission_->id) + " " +
                         submission_->state);
        },
        [this](const Failure& f) {
            acting_ = false;
            action_error_ = f.message;  // a closed period, access, a form no longer enabled …
            auto_log(f.denied ? "denied" : "submit_failed", f.message);
        });
}

void FormEditor::decide(bool approve) {
    if (!submission_) return;
    if (!approve && comment_.empty()) {
        action_error_ = ZH("退回时请填写退回意见，说明需要修改的地方");
        return;
    }
    acting_ = true;
    action_error_.clear();
    Actor who = session_.actor();
    std::int64_t id = submission_->id;
    std::string comment = comment_;
    session_.call<SubmissionInfo>(
        approve ? ZH("审核通过") : ZH("退回"),
        [who, id, comment, approve](Service& s) {
            return approve ? s.approve(who, id, comment) : s.return_submission(who, id, comment);
        },
        [this, approve](SubmissionInfo& s) {
            acting_ = false;
            submission_ = s;
            comment_.clear();
            session_.changed();
            session_.notify(approve ? format(ZH("已审核通过（%s）"), s.state_label.c_str()) : std::string(ZH("已退回填报人")));
            auto_log(approve ? "approved" : "returned", std::to_string(s.id) + " " + s.state);
        },
        [this](const Failure& f) {
            acting_ = false;
            action_error_ = f.message;
            auto_log(f.denied ? "denied" : "decide_failed", f.message);
        });
}

bool FormEditor::can_withdraw() const {
    // Mirrors what the service allows (it decides): the submitter, before anyone acted.
    return submission_ && submission_->state == "submitted" && submission_->step == 0 && !submission_->history.empty() &&
           submission_->history.back().action == "submit" && submission_->history.back().actor == session_.actor().login;
}

void FormEditor::withdraw() {
    acting_ = true;
    action_error_.clear();
    Actor who = session_.actor();
    std::int64_t id = submission_->id;
    session_.call<SubmissionInfo>(
        ZH("撤回"), [who, id](Service& s) { return s.withdraw(who, id); },
        [this](SubmissionInfo& s) {
            acting_ = false;
            submission_ = s;
            session_.changed();
            session_.notify(ZH("已撤回，现为草稿，可修改后重新报送"));
            auto_log("withdrawn", std::to_string(s.id) + " " + s.state);
        },
        [this](const Failure& f) {
            acting_ = false;
            action_error_ = f.message;
            auto_log(f.denied ? "denied" : "withdraw_failed", f.message);
        });
}

void FormEditor::upload(const std::string& path_key, const std::string& file) {
    upload_error_.erase(path_key);
    if (file.empty()) {
        upload_error_[path_key] = ZH("请选择要上传的文件");
        return;
    }
    uploading_.insert(path_key);
    Actor who = session_.actor();
    std::string unit = unit_;
    session_.call<AttachmentInfo>(
        ZH("上传附件"),
        [who, unit, file](Service& s) {
            // Regular files only, size checked before reading (a path to /dev/zero must not fill memory).
            std::string bytes = io::read_regular_file(file, 50u << 20);
            std::string name = file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
            return s.add_attachment(who, unit, name, bytes);
        },
        [this, path_key](AttachmentInfo& a) {
            uploading_.erase(path_key);
            json ref = {{"attachment", a.id}, {"name", a.name}, {"size", a.size}};
            auto p = parse_field_path(path_key);
            const FieldSpec* f = spec_.field(p.field);
            if (p.row == 0 && f && f->multiple) {
                // One more photo of the list (会议照片): the list grows, nothing is replaced.
                if (!values_[p.field].is_array()) values_[p.field] = json::array();
                values_[p.field].push_back(ref);
            } else if (p.row == 0) {
                values_[p.field] = ref;
            } else if (values_[p.field].is_array() && p.row <= values_[p.field].size()) {
                values_[p.field][p.row - 1][p.column] = ref;
            }
            edited(p.field);
            auto_log("uploaded", path_key + " " + std::to_string(a.id));
        },
        [this, path_key](const Failure& f) {
            uploading_.erase(path_key);
            upload_error_[path_key] = f.message;
        });
}

// [SECTION] Around the fields

void FormEditor::draw_header() {
    float em = ImGui::GetFontSize();
    if (button(ZH("‹ 返回表单列表"))) {
        open_ = false;
        auto_log("form_closed", info_.id);
    }
    auto_item("form.back");
    ImGui::SameLine();
    ImGui::SetWindowFontScale(1.25f);
    text(spec_.title.empty() ? info_.title : spec_.title);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    const OrgTree* tree = session_.tree_if_ready();
    const OrgNode* node = tree ? tree->find(unit_) : nullptr;
    text_muted(format(ZH("%s · %s"), node ? node->name.c_str() : unit_.c_str(), period_label(period_).c_str()));

    std::string status;
    if (submission_) {
        status = format(ZH("编号 %lld · %s"), static_cast<long long>(submission_->id), submission_->state_label.c_str());
        if (auto next = next_step(); !next.empty()) status += format(ZH("，待%s"), next.c_str());
    } else {
        status = ZH("新填报（尚未保存）");
    }
    if (auto p = Period::parse(period_)) {
        Date deadline = p->deadline(info_.deadline_days);
        status += format(ZH(" · 截止 %s"), deadline.iso().c_str());
        ImGui::AlignTextToFramePadding();
        text(status);
        if (session_.today() > deadline) {
            ImGui::SameLine();
            text_colored(colors::kWarn, ZH("（已过截止日期：过时关闭，除非工委重新开放）"));
        }
    } else {
        text(status);
    }
    if (!spec_.approval.empty()) {
        std::string chain;
        for (const auto& a : spec_.approval) chain += (chain.empty() ? "" : ZH(" → ")) + a;
        text_muted(std::string(ZH("审核流程：")) + chain);
    }
    if (!spec_.description.empty()) text_wrapped(spec_.description);
    if (spec_.scope == "member") {
        // One submission per member: whom this one is about.
        ImGui::AlignTextToFramePadding();
        text(ZH("党员"));
        ImGui::SameLine(em * 9);
        json id = member_id_ ? json(*member_id_) : json();
        FieldSpec who;
        who.id = "__member";
        who.label = ZH("党员");
        ImGui::BeginDisabled(!editable() || submission_.has_value());
        if (draw_member(who, id, "__member", em * 20)) {
            member_id_ = id.is_number_integer() ? std::optional<std::int64_t>(id.get<std::int64_t>()) : std::nullopt;
            edited("__member");
        }
        ImGui::EndDisabled();
    }
    ImGui::Separator();
}

void FormEditor::draw_history() {
    if (!submission_ || submission_->history.empty()) return;
    ImGui::Spacing();
    std::string head = format(ZH("流转记录（%zu 条）###history"), submission_->history.size());
    bool open = ImGui::CollapsingHeader(label(head.c_str()));
    auto_item("form.history");
    if (!open) return;
    if (!ImGui::BeginTable("##history", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit))
        return;
    float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn(ZH("时间"), 0, em * 10);
    ImGui::TableSetupColumn(ZH("操作人"), 0, em * 7);
    ImGui::TableSetupColumn(ZH("操作"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 8);
    ImGui::TableSetupColumn(ZH("意见"), ImGuiTableColumnFlags_WidthStretch);
    table_headers();
    for (const auto& h : submission_->history) {
        ImGui::TableNextRow();
        cell(local_time(h.at));
        cell(session_.person(h.actor));
        cell(action_label(h.action));
        cell(h.from_state.empty() ? std::string(state_label(h.to_state))
                                  : format(ZH("%s → %s"), state_label(h.from_state), state_label(h.to_state)));
        ImGui::TableNextColumn();
        text_wrapped(h.comment.empty() ? std::string(ZH("—")) : h.comment);
    }
    ImGui::EndTable();
}

bool FormEditor::shows_evaluation() const {
    return !spec_.evaluation.empty() && submission_ &&
           (submission_->state == "submitted" || submission_->state == "approved");
}

void FormEditor::draw_evaluation() {
    if (!shows_evaluation()) return;
    ImGui::Spacing();
    bool open = ImGui::CollapsingHeader(label(ZH("述职评议###evaluation")), ImGuiTreeNodeFlags_DefaultOpen);
    auto_item("form.evaluation");
    evaluation_.show(submission_->id);
    if (open) evaluation_.draw();
}

void FormEditor::draw_footer() {
    float em = ImGui::GetFontSize();
    ImGui::Separator();
    if (!action_error_.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(colors::kError, action_error_);
        ImGui::PopTextWrapPos();
    }
    if (check_failure_) show_failure(*check_failure_);
    if (can_decide()) {
        ImGui::AlignTextToFramePadding();
        text(ZH("审核意见"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(em * 24);
        input(ZH("##comment"), comment_, ZH("退回时必填，说明需要修改的地方"), 0, "form.comment");
        ImGui::SameLine();
        ImGui::BeginDisabled(acting_);
        if (button(ZH("审核通过"))) decide(true);
        auto_item("form.approve");
        ImGui::SameLine();
        if (button(ZH("退回"))) decide(false);
        auto_item("form.return");
        ImGui::EndDisabled();
    }
    if (editable()) {
        ImGui::BeginDisabled(acting_ || loading_submission_);
        if (button(ZH("保存草稿"), ImVec2(em * 6, 0))) submit(true);
        auto_item("form.draft");
        tooltip(ZH("草稿可以不完整，不计入报送"));
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, colors::kAccent);
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        if (button(ZH("报送"), ImVec2(em * 6, 0))) submit(false);
        ImGui::PopStyleColor(2);
        auto_item("form.submit");
        ImGui::EndDisabled();
        ImGui::SameLine();
    } else if (submission_ && can_withdraw()) {
        ImGui::BeginDisabled(acting_);
        if (button(ZH("撤回"), ImVec2(em * 6, 0))) withdraw();
        auto_item("form.withdraw");
        tooltip(ZH("审核人还没有处理，撤回后变为草稿，可以修改后重新报送"));
        ImGui::EndDisabled();
        ImGui::SameLine();
        text_muted(ZH("已报送，等待审核；审核人处理之前可以撤回。"));
        ImGui::SameLine();
    } else if (submission_ && !can_decide()) {
        text_muted(submission_->state == "approved"      ? ZH("已审核，不能再修改。")
                   : next_step().empty()                  ? ZH("已报送（本表无需审核），不能再修改。")
                                                          : ZH("已报送，等待审核；如需修改，请审核人退回。"));
        ImGui::SameLine();
    } else if (!session_.can(Capability::FillForms) && !can_decide()) {
        text_muted(ZH("当前身份只能查看，不能填报。"));
        ImGui::SameLine();
    }
    if (acting_ || checking_ || loading_submission_) {
        spinner();
        ImGui::SameLine();
        text_muted(acting_ ? ZH("正在提交…") : checking_ ? ZH("正在校验…") : ZH("加载中…"));
    } else if (preview_ && editable()) {
        std::size_t n = preview_->issues.size();
        if (n == 0)
            text_colored(colors::kOk, ZH("校验通过，可以报送"));
        else
            text_muted(format(ZH("还有 %zu 处需要修改"), n));
    }
}

bool FormEditor::draw() {
    if (!open_) return false;
    maybe_check();
    draw_header();
    float footer = ImGui::GetFrameHeightWithSpacing() * (can_decide() ? 2.6f : 1.6f) +
                   (action_error_.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * 2);
    ImGui::BeginChild("##form_body", ImVec2(0, -footer));
    if (loading_submission_) {
        show_loading(ZH("正在加载报送记录…"));
    } else {
        ImGui::BeginDisabled(!editable());
        draw_fields();
        ImGui::EndDisabled();
        draw_history();
        draw_evaluation();
        draw_print();
    }
    ImGui::EndChild();
    draw_footer();
    photo_viewer(photos_, viewing_photo_, viewing_title_);
    photos_.trim();
    return open_;
}

}  // namespace dj::ui
