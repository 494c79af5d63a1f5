#pragma once
// Submissions and their workflow (submission, submission_step), reopened periods
// (period_reopen) and uploaded files (attachment). A write that makes a submission's values
// count (submitted, re-saved, approved, returned) raises ChangeKind::FormData.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/period.hpp"
#include "store/change_bus.hpp"
#include "store/record_clock.hpp"
#include "store/records.hpp"

namespace dj::store {

// What a write stores for a submission.
struct SubmissionWrite {
    std::string form_id;
    std::string form_version;
    std::int64_t org_id = 0;
    std::optional<std::int64_t> member_id;
    std::string period;  // Period::str()
    std::string state;
    int step = 0;
    std::string data_json;
    bool draft = false;  // drafts carry no submission date
    bool on_time = true;
    Date today;
    // Which plugin validated the values and where it was loaded from ("" for a draft).
    std::string validated_by_plugin;
    std::string validated_by_source;
};

struct AttachmentRow {
    std::string name;
    std::size_t size = 0;
    std::int64_t org_id = 0;
};

// Per node: distinct (period, member) submitted, on time and approved.
struct SubmissionCounts {
    std::size_t submitted = 0;
    std::size_t on_time = 0;
    std::size_t approved = 0;
};

class SubmissionStore {
public:
    SubmissionStore(const db::Connection& db, const ChangeBus& changes, const RecordClock& clock)
        : db_(db), changes_(changes), clock_(clock) {}

    // The submission with its history; next_step_label is left for the caller (it needs the form).
    std::optional<SubmissionInfo> find(std::int64_t id) const;
    // Several at once, in the order of `ids` (unknown ones left out): two statements whatever
    // their number, where one find per record was two each (待办 at city scale reads 10⁴).
    std::vector<SubmissionInfo> find_many(const std::vector<std::int64_t>& ids) const;
    // The first submission of a single form for the period (and member).
    std::optional<std::int64_t> single(const std::string& form_id, std::int64_t org_id, const std::string& period,
                                       std::optional<std::int64_t> member_id) const;
    // Ids in the current subtree of `root_id`, by period, node, id.
    std::vector<std::int64_t> ids_in(std::int64_t root_id, const std::string& form_id,
                                     const std::optional<std::string>& period, const std::optional<std::string>& state) const;
    // What 待办 decides on before reading a whole record: ids in the current subtree of
    // `root_id` in one state, with their node, approval step and author.
    struct Key {
        std::int64_t id = 0;
        std::int64_t org_id = 0;
        int step = 0;
        std::string author;
        std::string form_id;  // own_in only
    };
    std::vector<Key> keys_in(std::int64_t root_id, const std::string& form_id, const std::string& state) const;
    // One author's records in one state in the current subtree of `root_id`, every form, with
    // their form and step (index submission_by_author: never the others' records).
    std::vector<Key> own_in(std::int64_t root_id, const std::string& author, const std::string& state) const;
    // The newest submitted or approved submission (述职评议 results of a year).
    std::optional<std::int64_t> latest_submitted(const std::string& form_id, std::int64_t org_id,
                                                 const std::string& period) const;
    // Nodes with a non-draft submission for the period.
    std::set<std::int64_t> submitted_orgs(const std::string& form_id, const std::string& period) const;
    std::map<std::int64_t, SubmissionCounts> counts(const std::string& form_id, const std::string& first_period,
                                                    const std::string& last_period) const;
    // Counted records (submitted or approved) of a form in the current subtree of `root_id`,
    // by period and by the value of one of its fields: the dashboard's monthly trends.
    std::map<std::pair<std::string, std::string>, std::size_t> value_counts(std::int64_t root_id, const std::string& form_id,
                                                                            const std::string& field,
                                                                            const std::string& first_period,
                                                                            const std::string& last_period) const;

    // Inserts a submission and its first step; returns its id.
    std::int64_t insert(const SubmissionWrite& w, const std::string& author, const std::string& action) const;
    // Stores new values and state for an existing submission, with a step from `from_state`.
    void update(std::int64_t id, const SubmissionWrite& w, const std::string& actor, const std::string& action,
                const std::string& from_state) const;
    // Moves a submission along its approval chain (approve / return), with a step.
    void move(std::int64_t id, const SubmissionInfo& before, std::int64_t org_id, const std::string& to_state, int step,
              const std::string& actor, const std::string& action, std::string_view comment) const;

    std::optional<Date> reopened_until(const std::string& form_id, std::int64_t org_id, const std::string& period) const;
    std::map<std::int64_t, Date> reopenings(const std::string& form_id, const std::string& period) const;
    void reopen(const std::string& form_id, std::int64_t org_id, const std::string& period, Date until,
                const std::string& reason, const std::string& actor) const;

    std::int64_t add_attachment(std::string_view name, std::string_view bytes, const std::string& sha256_hex,
                                std::int64_t org_id, const std::string& actor) const;
    std::optional<AttachmentRow> attachment(std::int64_t id) const;
    std::optional<std::string> attachment_sha256(std::int64_t id) const;
    // Up to `max` bytes of the stored file from `offset`, read incrementally (sqlite3_blob):
    // a 50 MB file is never loaded whole to answer for one piece of it.
    std::string attachment_bytes(std::int64_t id, std::size_t offset, std::size_t max) const;

private:
    void add_step(std::int64_t id, const std::string& at, const std::string& actor, const std::string& action,
                  const std::optional<std::string>& from_state, const std::string& to_state, std::string_view comment) const;

    const db::Connection& db_;
    const ChangeBus& changes_;
    const RecordClock& clock_;
};

}  // namespace dj::store
