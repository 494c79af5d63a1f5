#pragma once
// The form renderer: draws any form the service describes (every field type of
// host/forms/form_schema.hpp), sends the values to preview_form off the UI thread a moment
// after each edit, and shows what comes back — each message under the field it names, hidden
// fields hidden, computed values filled in. Then 保存草稿 / 报送, or for approvers 审核通过 /
// 退回, with the submission's history. It owns no window: the 报表填报 screen hosts it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "file_dialog.hpp"
#include "evaluation_panel.hpp"
#include "export_control.hpp"
#include "form_spec.hpp"
#include "photo_cache.hpp"
#include "session.hpp"

namespace dj::ui {

// What a 保存草稿 / 报送 came back with: the stored submission, or the problems found.
struct SubmitOutcome {
    std::optional<SubmissionInfo> submission;
    std::vector<FieldIssue> issues;
};
void collect_glyphs(CodepointSet& set, const SubmitOutcome& o);

class FormEditor {
public:
    explicit FormEditor(Session& s) : session_(s), evaluation_(s), photos_(s) {}

    // A new submission (no id) or an existing one, of `form` at `unit` for `period`.
    void open(const FormInfo& form, const std::string& unit, const std::string& period,
              std::optional<std::int64_t> submission_id);
    void close() { open_ = false; }
    bool is_open() const { return open_; }
    const std::string& form_id() const { return info_.id; }
    // Draws into the current window. Returns false when the user went back to the list.
    bool draw();
    // Waiting for the service (a check is due or running, the submission is loading).
    bool busy() const;
    // Shows every message, as after a 报送 attempt (screenshots).
    void show_all_issues() { show_all_ = true; }

private:
    // form_editor.cpp: state, checks and actions
    SubmitRequest request() const;
    nlohmann::json clean_values() const;
    void edited(const std::string& field_id);
    void maybe_check();
    void apply_issues(const std::vector<FieldIssue>& issues);
    void submit(bool draft);
    void decide(bool approve);
    void withdraw();
    bool can_withdraw() const;
    void upload(const std::string& path_key, const std::string& file);
    bool editable() const;
    bool can_decide() const;
    // Who approves next: the service's label, or the form's chain at the submission's step.
    std::string next_step() const;
    bool shown(const FieldSpec& f) const;
    void draw_header();
    void draw_footer();
    void draw_history();
    // 述职评议 under a submitted report (forms with an evaluation rule).
    bool shows_evaluation() const;
    void draw_evaluation();
    // form_print.cpp: 打印（PDF） of a saved record, as a page of the paper record book.
    void draw_print();

    // form_fields.cpp: one widget per field type
    void draw_fields();
    void draw_field(const FieldSpec& f);
    // `row`: the table row a cell belongs to (for cascading options), null for a field.
    bool draw_value(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width,
                    const nlohmann::json* row);
    // The widget that edits each field type, by the schema's type id (the host describes
    // the types in host/forms/field_types.cpp): a new type is one entry here.
    using Widget = std::function<bool(FormEditor&, const FieldSpec&, nlohmann::json& v, const std::string& path,
                                      float width, const nlohmann::json* row)>;
    static const std::map<std::string, Widget, std::less<>>& widgets();
    bool draw_text(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width, bool in_table);
    bool draw_bool(nlohmann::json& v, const std::string& path);
    bool draw_multi(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width, bool in_table);
    bool draw_rating(const FieldSpec& f, nlohmann::json& v, const std::string& path);
    bool draw_choice(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width,
                     const nlohmann::json& row);
    bool draw_member(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width);
    bool draw_members(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width);
    bool draw_org(nlohmann::json& v, const std::string& path, float width);
    bool draw_table(const FieldSpec& f, nlohmann::json& v, const std::string& path);
    bool draw_attachment(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width);
    void draw_readonly(const FieldSpec& f, const nlohmann::json& v, float width);
    void draw_issues(const std::string& path, bool include_rows = false);
    // Members of the node's subtree with `flag` (all when empty), loaded on first use.
    const Loaded<std::vector<Member>>& members(const std::string& flag);
    std::string member_name(const std::string& flag, std::int64_t id);
    // form_pickers.cpp: the date picker, the roster picker, photos and the reserved message line.
    bool draw_calendar(const std::string& path, std::string& buf);
    // The unit's roster on the day in the field's `roster` date field (nullopt: no such day yet).
    std::optional<Date> roster_day(const FieldSpec& f) const;
    const Loaded<std::vector<Member>>& roster(Date day);
    bool draw_roster(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width, Date day);
    std::string any_member_name(std::int64_t id);
    bool draw_photos(const FieldSpec& f, nlohmann::json& v, const std::string& path, float width);
    void draw_issue_line(const std::vector<std::string>& messages);

    Session& session_;
    ExportControl print_;
    bool open_ = false;
    FormInfo info_;
    FormSpec spec_;
    std::string unit_, period_;
    std::optional<SubmissionInfo> submission_;
    bool loading_submission_ = false;
    std::optional<std::int64_t> member_id_;  // member-scoped forms
    nlohmann::json values_ = nlohmann::json::object();
    std::map<std::string, std::string> buffers_;  // what typed fields hold, by path
    std::set<std::string> touched_;               // top-level fields edited since opening
    bool show_all_ = false;
    float label_w_ = 0, field_w_ = 0;  // where fields start and how wide, this frame

    // The last preview from the service, and the one under way.
    bool dirty_ = false;
    bool fresh_draft_ = false;  // a new draft whose defaults the service has not filled yet
    double last_edit_ = 0;
    bool checking_ = false;
    std::uint64_t check_seq_ = 0;
    std::optional<FormPreview> preview_;
    nlohmann::json preview_values_ = nlohmann::json::object();
    std::map<std::string, std::vector<std::string>> issues_;  // by path ("" for the form)
    std::optional<Failure> check_failure_;

    bool acting_ = false;
    std::string action_error_;
    std::string comment_;
    std::map<std::string, Loaded<std::vector<Member>>> members_;
    std::map<std::string, std::string> search_;        // combo searches, by path
    FileDialog attach_dialog_;                         // 选择文件… of an attachment field
    std::string attach_for_;                           // the field (path) it chooses for
    std::map<std::string, std::string> upload_error_;
    std::set<std::string> uploading_;
    EvaluationPanel evaluation_;
    PhotoCache photos_;
    std::int64_t viewing_photo_ = 0;                         // the larger view's attachment, 0: closed
    std::string viewing_title_;
    std::map<std::string, std::pair<int, int>> calendar_;     // the month each date picker shows, by path
};

}  // namespace dj::ui
