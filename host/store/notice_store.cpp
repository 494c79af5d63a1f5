#include "store/notice_store.hpp"

#include <nlohmann/json.hpp>

namespace dj::store {

using nlohmann::json;

namespace {
constexpr const char* kColumns =
    "SELECT n.id, n.kind, n.title, n.body, coalesce(n.form_id, ''), coalesce(n.period, ''), "
    "coalesce(n.deadline, ''), n.sender, coalesce(u.display_name, n.sender), n.sender_org_id, n.sent_at, "
    "n.attachments FROM notice n LEFT JOIN app_user u ON u.login = n.sender ";
}  // namespace

NoticeRow NoticeStore::row(db::Statement& st) const {
    NoticeRow r{st.int64(0), st.text(1), st.text(2),  st.text(3),  st.text(4),  st.text(5),
                st.text(6),  st.text(7), st.text(8),  st.int64(9), st.text(10), {}};
    for (const auto& a : json::parse(st.text(11), nullptr, false))
        if (a.is_object())
            r.attachments.push_back({a.value("id", std::int64_t{0}), a.value("name", std::string()),
                                     a.value("size", std::size_t{0}), a.value("sha256", std::string())});
    return r;
}

std::int64_t NoticeStore::add(const NoticeRow& n, const std::vector<std::int64_t>& unit_ids) const {
    json files = json::array();
    for (const auto& a : n.attachments) files.push_back({{"id", a.id}, {"name", a.name}, {"size", a.size}, {"sha256", a.sha256}});
    auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
    db_.prepare("INSERT INTO notice(kind, title, body, form_id, period, deadline, sender, sender_org_id, sent_at, "
                "attachments) VALUES (?,?,?,?,?,?,?,?,?,?)")
        .bind_all(n.kind, n.title, n.body, opt(n.form_id), opt(n.period), opt(n.deadline), n.sender, n.sender_org_id,
                  clock_.now(), files.dump())
        .run();
    auto id = db_.prepare("SELECT last_insert_rowid()");
    id.step();
    const std::int64_t notice_id = id.int64(0);
    auto ins = db_.prepare("INSERT OR IGNORE INTO notice_recipient(notice_id, org_id) VALUES (?, ?)");
    for (auto org : unit_ids) {
        ins.reset();
        ins.bind_all(notice_id, org).run();
    }
    return notice_id;
}

std::optional<NoticeRow> NoticeStore::find(std::int64_t id) const {
    auto st = db_.prepare(std::string(kColumns) + "WHERE n.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return row(st);
}

std::vector<NoticeRow> NoticeStore::visible(const std::vector<std::int64_t>& org_ids, const std::string& sender,
                                            std::size_t limit, std::optional<std::int64_t> unread_at,
                                            bool sent_only) const {
    // The ids go in as one JSON array: one prepared statement whatever the scope's size.
    json ids = org_ids;
    auto st = db_.prepare(std::string(kColumns) +
                          "WHERE (n.sender = ?1 OR (?5 = 0 AND EXISTS (SELECT 1 FROM notice_recipient r "
                          "WHERE r.notice_id = n.id AND r.org_id IN (SELECT value FROM json_each(?2))))) "
                          "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM notice_recipient u WHERE u.notice_id = n.id "
                          "AND u.org_id = ?4 AND u.read_by IS NULL)) "
                          "ORDER BY n.sent_at DESC, n.id DESC LIMIT ?3");
    st.bind_all(sender, ids.dump(), static_cast<std::int64_t>(limit), unread_at,
                static_cast<std::int64_t>(sent_only ? 1 : 0));
    std::vector<NoticeRow> out;
    while (st.step()) out.push_back(row(st));
    return out;
}

std::vector<std::int64_t> NoticeStore::carrying(std::int64_t attachment_id) const {
    auto st = db_.prepare(
        "SELECT n.id FROM notice n, json_each(n.attachments) a WHERE json_extract(a.value, '$.id') = ? ORDER BY n.id");
    st.bind(1, attachment_id);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

std::vector<RecipientRow> NoticeStore::recipients(std::int64_t notice_id) const {
    auto st = db_.prepare(
        "SELECT r.org_id, coalesce(r.read_by, ''), coalesce(u.display_name, r.read_by, ''), coalesce(r.read_at, '') "
        "FROM notice_recipient r LEFT JOIN app_user u ON u.login = r.read_by WHERE r.notice_id = ?");
    st.bind(1, notice_id);
    std::vector<RecipientRow> out;
    while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3)});
    return out;
}

bool NoticeStore::mark_read(std::int64_t notice_id, std::int64_t org_id, const std::string& reader) const {
    db_.prepare("UPDATE notice_recipient SET read_by = ?, read_at = ? WHERE notice_id = ? AND org_id = ? "
                "AND read_by IS NULL")
        .bind_all(reader, clock_.now(), notice_id, org_id)
        .run();
    auto st = db_.prepare("SELECT changes()");
    st.step();
    return st.int64(0) > 0;
}

}  // namespace dj::store
