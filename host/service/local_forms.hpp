#pragma once
// Forms and submissions: previews, the 报送 workflow, deadlines and reopening, completeness,
// attachments and exports (SubmissionStore; members and nodes through their stores).
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/record_pdf.hpp"
#include "forms/form_schema.hpp"
#include "forms/workflow.hpp"
#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class FormPart {
public:
    explicit FormPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<FormInfo> list_forms(const Actor& who, std::string_view unit_code);
    FormInfo form(const Actor& who, std::string_view form_id);
    std::vector<FieldIssue> check_form(const Actor& who, const SubmitRequest& request);
    FormPreview preview_form(const Actor& who, const SubmitRequest& request);
    FormPreview draft_form(const Actor& who, const SubmitRequest& request);
    SubmissionInfo submit(const Actor& who, const SubmitRequest& request);
    SubmissionInfo approve(const Actor& who, std::int64_t submission_id, std::string_view comment);
    SubmissionInfo return_submission(const Actor& who, std::int64_t submission_id, std::string_view comment);
    SubmissionInfo submission(const Actor& who, std::int64_t submission_id);
    std::vector<SubmissionInfo> list_submissions(const Actor& who, const SubmissionFilter& filter);
    SubmissionInfo withdraw(const Actor& who, std::int64_t submission_id);
    TodoList todo(const Actor& who);
    void reopen(const Actor& who, const ReopenRequest& request);
    std::vector<CompletenessRow> completeness(const Actor& who, std::string_view form_id, std::string_view period, std::string_view unit_code);
    // completeness without the checks, for the subtree `nodes` of `root` (tree order) read
    // once by a caller summing every form (统计图表), inside the caller's read transaction.
    std::vector<CompletenessRow> completeness_rows(const plugins::FormBinding& form, const std::vector<Period>& periods,
                                                   const OrgNode& root, const std::vector<OrgNode>& nodes);
    AttachmentInfo add_attachment(const Actor& who, std::string_view unit_code, std::string_view name, std::string_view bytes);
    std::string export_submissions(const Actor& who, const SubmissionFilter& filter, std::string_view format);
    // local_record_import.cpp
    ImportReport import_records(const Actor& who, std::string_view form_id, std::string_view unit_code,
                                std::string_view xlsx_bytes);

    // An uploaded file's name and size, checked before anything is stored (UserError).
    // Public for the notices' attachments, which share the attachment storage.
    static void check_attachment_file(std::string_view name, std::string_view bytes);
    // Inside the caller's transaction, after check_attachment_file.
    AttachmentInfo store_attachment(const Actor& who, const OrgNode& node, std::string_view name, std::string_view bytes);
    // local_attachments.cpp
    AttachmentInfo attachment(const Actor& who, std::int64_t id);
    std::string attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset);
    // The same without the records' access check, for a caller that checked another way (a
    // notice's file, local_facade.cpp). NotFound when there is no such file.
    AttachmentInfo attachment_facts(std::int64_t id) const;
    std::string attachment_piece(const AttachmentInfo& file, std::int64_t offset) const;
    // Each attachment value in `values` (a field's object, or each of a photo list's) takes
    // its name, size and hash from the stored row: what a client claims about them is
    // replaced, so lists and exports show the file that is really kept.
    void attachment_facts_from_store(const forms::FormDef& form, std::int64_t node_id, nlohmann::json& values) const;
    // local_print_record.cpp: one record as a 会议记录 page (PDF bytes).
    std::string print_submission(const Actor& who, std::int64_t submission_id);

private:
    // A record's printed page, laid out from its form (local_print_record.cpp).
    exports::RecordPrint record_print(const SubmissionInfo& s);
    std::string records_pdf(const std::vector<SubmissionInfo>& rows, const std::string& title);
    FormPreview preview(const Actor& who, const SubmitRequest& request, bool with_defaults);
    SubmissionInfo read_submission(std::int64_t id);
    // Several records as read_submission gives them, in two statements (see SubmissionStore::find_many).
    std::vector<SubmissionInfo> read_submissions(const std::vector<std::int64_t>& ids);
    // A draft is its unit's work in progress: seen by its author and by whoever fills forms
    // at that very unit, never by approvers or readers above it. Anything else: true.
    bool may_see(const Actor& who, const SubmissionInfo& s) const;
    SubmissionInfo transition(const Actor& who, std::int64_t id, forms::Action action, std::string_view comment);

    static constexpr std::size_t kMaxAttachmentBytes = 50u * 1024u * 1024u;
    // The node that decides the submission's current approval step: the nearest ancestor of
    // `node` (itself included) with the step's type; nullopt when there is none.
    std::optional<OrgNode> approver_of(const OrgNode& node, const SubmissionInfo& s,
                                       const std::vector<forms::ApprovalStep>& chain) const;
    // The same for approval step `step` (< chain.size()).
    std::optional<OrgNode> approver_at(const OrgNode& node, std::size_t step,
                                       const std::vector<forms::ApprovalStep>& chain) const;

    ServiceContext& ctx_;
};

}  // namespace dj
