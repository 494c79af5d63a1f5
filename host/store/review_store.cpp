#include "store/review_store.hpp"

#include <nlohmann/json.hpp>

#include "model/audit_actions.hpp"

#include "store/audit_log.hpp"

namespace dj::store {

using nlohmann::json;

std::string rectification_source_label(const std::string& s) {
    std::string label = audit_value_label("source", s);  // one table of the sources' names
    return label == s ? "手工登记" : label;
}

std::string rectification_status_label(const std::string& s) {
    if (s == "open") return "待整改";
    if (s == "in_progress") return "整改中";
    if (s == "done") return "已完成";
    if (s == "verified") return "已销号";
    return s;
}

// --- 述职评议 ---------------------------------------------------------------------------

std::vector<std::string> ReviewStore::ratings(std::int64_t submission_id) const {
    auto st = db_.prepare("SELECT rating FROM evaluation_vote WHERE submission_id = ?");
    st.bind(1, submission_id);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::vector<EvaluationVote> ReviewStore::votes(std::int64_t submission_id) const {
    auto st = db_.prepare(
        "SELECT v.evaluator, coalesce(u.display_name, v.evaluator), v.rating, v.comment, v.issues, v.at FROM evaluation_vote v "
        "LEFT JOIN app_user u ON u.login = v.evaluator WHERE v.submission_id = ? ORDER BY v.at, v.evaluator");
    st.bind(1, submission_id);
    std::vector<EvaluationVote> out;
    while (st.step()) {
        EvaluationVote v{st.text(0), st.text(1), st.text(2), st.text(3), {}, st.text(5)};
        for (const auto& i : json::parse(st.text(4), nullptr, false))
            if (i.is_string()) v.issues.push_back(i.get<std::string>());
        out.push_back(std::move(v));
    }
    return out;
}

std::optional<std::string> ReviewStore::rating_of(std::int64_t submission_id, const std::string& evaluator) const {
    auto st = db_.prepare("SELECT rating FROM evaluation_vote WHERE submission_id = ? AND evaluator = ?");
    st.bind_all(submission_id, evaluator);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void ReviewStore::put_vote(std::int64_t submission_id, const std::string& evaluator, std::string_view rating,
                           std::string_view comment, const std::string& issues_json) const {
    db_.prepare("INSERT INTO evaluation_vote(submission_id, evaluator, rating, comment, issues, at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(submission_id, evaluator) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, "
                "issues = excluded.issues, at = excluded.at")
        .bind_all(submission_id, evaluator, rating, comment, issues_json, clock_.now())
        .run();
}

// --- Rectification ----------------------------------------------------------------------

std::vector<RectificationItem> ReviewStore::read(const std::string& where, const std::vector<std::string>& binds,
                                                 Date today) const {
    auto st = db_.prepare(
        "SELECT r.id, n.code, coalesce(v.name, ''), r.year, r.source, r.source_ref, r.title, r.detail, r.owner, r.deadline, "
        "r.status, r.evidence, r.attachments, r.created_by, r.created_at, r.updated_at FROM rectification r "
        "JOIN org_node n ON n.id = r.org_id LEFT JOIN org_version v ON v.node_id = n.id AND v.valid_to IS NULL WHERE " +
        where + " ORDER BY r.deadline, r.id");
    for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i) + 1, binds[i]);
    std::vector<RectificationItem> out;
    while (st.step()) {
        RectificationItem r;
        r.id = st.int64(0);
        r.org_code = st.text(1);
        r.org_name = st.text(2);
        r.year = st.int32(3);
        r.source = st.text(4);
        r.source_label = rectification_source_label(r.source);
        r.source_ref = st.text(5);
        r.title = st.text(6);
        r.detail = st.text(7);
        r.owner = st.text(8);
        r.deadline = st.text(9);
        r.status = st.text(10);
        r.status_label = rectification_status_label(r.status);
        r.evidence = st.text(11);
        for (const auto& a : json::parse(st.text(12), nullptr, false))
            if (a.is_number_integer()) r.attachments.push_back(a.get<std::int64_t>());
        r.created_by = st.text(13);
        r.created_at = st.text(14);
        r.updated_at = st.text(15);
        r.overdue = r.deadline < today.iso() && r.status != "done" && r.status != "verified";
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<RectificationItem> ReviewStore::items(const RectificationQuery& q, Date today) const {
    // Ids travel as text: SQLite compares them by affinity, and every bind stays one type.
    std::string where = q.subtree ? "r.org_id IN (SELECT id FROM (WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
                                    "SELECT v2.node_id FROM org_version v2 JOIN t ON v2.parent_id = t.id WHERE v2.valid_to IS NULL) "
                                    "SELECT id FROM t))"
                                  : "r.org_id = ?";
    std::vector<std::string> binds{std::to_string(q.root_id)};
    if (q.year) where += " AND r.year = ?", binds.push_back(std::to_string(*q.year));
    if (q.status) where += " AND r.status = ?", binds.push_back(*q.status);
    if (q.overdue_only) where += " AND r.deadline < ? AND r.status NOT IN ('done','verified')", binds.push_back(today.iso());
    return read(where, binds, today);
}

std::optional<RectificationItem> ReviewStore::item(std::int64_t id, Date today) const {
    auto list = read("r.id = ?", {std::to_string(id)}, today);
    if (list.empty()) return std::nullopt;
    return list.front();
}

std::optional<std::int64_t> ReviewStore::existing(std::int64_t org_id, int year, const std::string& source,
                                                  const std::string& source_ref) const {
    auto st = db_.prepare("SELECT id FROM rectification WHERE org_id = ? AND year = ? AND source = ? AND source_ref = ?");
    st.bind_all(org_id, year, source, source_ref);
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

std::int64_t ReviewStore::add(std::int64_t org_id, const NewRectification& r, const std::string& actor) const {
    const std::string now = clock_.now();
    db_.prepare("INSERT INTO rectification(org_id, year, source, source_ref, title, detail, owner, deadline, status, "
                "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,'open',?,?,?)")
        .bind_all(org_id, r.year, r.source, r.source_ref, r.title, r.detail, r.owner, r.deadline.iso(), actor, now, now)
        .run();
    std::int64_t id = db_.last_insert_rowid();
    changes_.emit(ChangeEvent::rectification(org_id));
    return id;
}

void ReviewStore::update(const RectificationItem& next, std::int64_t org_id) const {
    db_.prepare("UPDATE rectification SET status = ?, owner = ?, deadline = ?, evidence = ?, attachments = ?, updated_at = ? WHERE id = ?")
        .bind_all(next.status, next.owner, next.deadline, next.evidence, json(next.attachments).dump(), clock_.now(), next.id)
        .run();
    changes_.emit(ChangeEvent::rectification(org_id));
}

std::vector<OverdueItem> ReviewStore::overdue(Date date) const {
    auto rect = db_.prepare(
        "SELECT org_id, title, deadline, id FROM rectification WHERE deadline < ? AND status NOT IN ('done','verified') ORDER BY deadline");
    rect.bind(1, date.iso());
    std::vector<OverdueItem> out;
    while (rect.step()) out.push_back({rect.int64(0), rect.text(1), rect.text(2), rect.int64(3)});
    return out;
}

}  // namespace dj::store
