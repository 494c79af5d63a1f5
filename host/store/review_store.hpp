#pragma once
// 述职评议 votes (evaluation_vote) and rectification items (rectification). Writes to items
// raise ChangeKind::Rectification for the item's node.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/change_bus.hpp"
#include "store/record_clock.hpp"
#include "store/records.hpp"

namespace dj::store {

// Which items to read: in the current subtree of `root_id`, optionally narrowed.
struct RectificationQuery {
    std::int64_t root_id = 0;
    bool subtree = true;  // false: the node's own only
    std::optional<int> year;
    std::optional<std::string> status;
    bool overdue_only = false;
};

// An overdue item, for reminders.
struct OverdueItem {
    std::int64_t org_id = 0;
    std::string title;
    std::string deadline;
    std::int64_t id = 0;
};

class ReviewStore {
public:
    ReviewStore(const db::Connection& db, const ChangeBus& changes, const RecordClock& clock)
        : db_(db), changes_(changes), clock_(clock) {}

    // --- 述职评议 ---
    std::vector<std::string> ratings(std::int64_t submission_id) const;
    // Every vote with the evaluator's display name, by time then evaluator.
    std::vector<EvaluationVote> votes(std::int64_t submission_id) const;
    std::optional<std::string> rating_of(std::int64_t submission_id, const std::string& evaluator) const;
    void put_vote(std::int64_t submission_id, const std::string& evaluator, std::string_view rating,
                  std::string_view comment, const std::string& issues_json) const;

    // --- Rectification (overdue is judged against `today`) ---
    std::vector<RectificationItem> items(const RectificationQuery& q, Date today) const;
    std::optional<RectificationItem> item(std::int64_t id, Date today) const;
    // The id of the item already registered for this source, if any.
    std::optional<std::int64_t> existing(std::int64_t org_id, int year, const std::string& source,
                                         const std::string& source_ref) const;
    std::int64_t add(std::int64_t org_id, const NewRectification& r, const std::string& actor) const;
    // Stores status, owner, deadline, evidence and attachments of `next` (an item of `org_id`).
    void update(const RectificationItem& next, std::int64_t org_id) const;
    // Items past their deadline on `date` and not done, by deadline.
    std::vector<OverdueItem> overdue(Date date) const;

private:
    std::vector<RectificationItem> read(const std::string& where, const std::vector<std::string>& binds, Date today) const;

    const db::Connection& db_;
    const ChangeBus& changes_;
    const RecordClock& clock_;
};

// 指标未达标 / 合规检查 / … for a source id; 待整改 / 整改中 / … for a status id.
std::string rectification_source_label(const std::string& source);
std::string rectification_status_label(const std::string& status);

}  // namespace dj::store
