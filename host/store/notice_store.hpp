#pragma once
// 通知公告 (notice) and each addressed unit's read receipt (notice_recipient). Recipients are
// fixed when a notice is sent; a unit's first reader is kept.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "store/record_clock.hpp"
#include "store/records.hpp"

namespace dj::store {

struct NoticeRow {
    std::int64_t id = 0;
    std::string kind;  // notice / remind
    std::string title;
    std::string body;
    std::string form_id, period, deadline;  // 催报 only
    std::string sender;
    std::string sender_name;
    std::int64_t sender_org_id = 0;
    std::string sent_at;
    std::vector<AttachmentInfo> attachments;
};

struct RecipientRow {
    std::int64_t org_id = 0;
    std::string read_by;  // empty: unread
    std::string read_by_name;
    std::string read_at;
};

class NoticeStore {
public:
    NoticeStore(const db::Connection& db, const RecordClock& clock) : db_(db), clock_(clock) {}

    // Inserts the notice and one unread receipt per unit; returns its id.
    std::int64_t add(const NoticeRow& notice, const std::vector<std::int64_t>& unit_ids) const;
    std::optional<NoticeRow> find(std::int64_t id) const;
    // Notices with a recipient among `org_ids` or sent by `sender`, newest first; only those
    // addressed to `unread_at` and unread there, and only the sender's own, when asked. The
    // filters apply before `limit`: the newest 200 may all be read while older ones are not.
    std::vector<NoticeRow> visible(const std::vector<std::int64_t>& org_ids, const std::string& sender,
                                   std::size_t limit, std::optional<std::int64_t> unread_at = std::nullopt,
                                   bool sent_only = false) const;
    std::vector<RecipientRow> recipients(std::int64_t notice_id) const;
    // The notices that carry the stored file `attachment_id` among their attachments.
    std::vector<std::int64_t> carrying(std::int64_t attachment_id) const;
    // Marks the unit's receipt read unless someone already did; false when it was.
    bool mark_read(std::int64_t notice_id, std::int64_t org_id, const std::string& reader) const;

private:
    NoticeRow row(db::Statement& st) const;

    const db::Connection& db_;
    const RecordClock& clock_;
};

}  // namespace dj::store
