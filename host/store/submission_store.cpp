#include "store/submission_store.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "forms/workflow.hpp"
#include "store/audit_log.hpp"

namespace dj::store {

namespace {
// NULL for a draft: nothing validated it.
std::optional<std::string> validated(const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); }
}  // namespace

namespace {

constexpr const char* kSubmissionColumns =
    "SELECT s.id, s.form_id, s.form_version, n.code, coalesce(v.name, ''), s.member_id, s.period, s.state, s.step, "
    "s.data, s.author, s.created_at, s.updated_at, s.on_time, coalesce(s.validated_by, ''), coalesce(s.validated_from, '') "
    "FROM submission s JOIN org_node n ON n.id = s.org_id "
    "LEFT JOIN org_version v ON v.node_id = n.id AND v.valid_to IS NULL ";

SubmissionInfo submission_row(const db::Statement& st) {
    SubmissionInfo s;
    s.id = st.int64(0);
    s.form_id = st.text(1);
    s.form_version = st.text(2);
    s.unit_code = st.text(3);
    s.unit_name = st.text(4);
    s.member_id = st.opt_int64(5);
    s.period = st.text(6);
    s.state = st.text(7);
    s.state_label = std::string(forms::state_label(forms::parse_state(s.state).value_or(forms::State::Draft)));
    s.step = st.int32(8);
    s.values_json = st.text(9);
    s.author = st.text(10);
    s.created_at = st.text(11);
    s.updated_at = st.text(12);
    if (!st.is_null(13)) s.on_time = st.int64(13) != 0;
    s.validated_by_plugin = st.text(14);
    s.validated_by_source = st.text(15);
    return s;
}

}  // namespace

std::optional<SubmissionInfo> SubmissionStore::find(std::int64_t id) const {
    auto st = db_.prepare(std::string(kSubmissionColumns) + "WHERE s.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    SubmissionInfo s = submission_row(st);
    auto steps = db_.prepare(
        "SELECT at, actor, action, coalesce(from_state, ''), to_state, comment FROM submission_step WHERE submission_id = ? ORDER BY id");
    steps.bind(1, id);
    while (steps.step())
        s.history.push_back({steps.text(0), steps.text(1), steps.text(2), steps.text(3), steps.text(4), steps.text(5)});
    return s;
}

std::vector<SubmissionInfo> SubmissionStore::find_many(const std::vector<std::int64_t>& ids) const {
    std::vector<SubmissionInfo> out;
    if (ids.empty()) return out;
    // The ids go in as one JSON array: two statements whatever their number.
    const std::string list = nlohmann::json(ids).dump();
    std::unordered_map<std::int64_t, SubmissionInfo> found;
    found.reserve(ids.size());
    auto st = db_.prepare(std::string(kSubmissionColumns) + "WHERE s.id IN (SELECT value FROM json_each(?))");
    st.bind(1, list);
    while (st.step()) {
        SubmissionInfo s = submission_row(st);
        const std::int64_t id = s.id;
        found.emplace(id, std::move(s));
    }
    auto steps = db_.prepare(
        "SELECT submission_id, at, actor, action, coalesce(from_state, ''), to_state, comment FROM submission_step "
        "WHERE submission_id IN (SELECT value FROM json_each(?)) ORDER BY submission_id, id");
    steps.bind(1, list);
    while (steps.step())
        if (auto it = found.find(steps.int64(0)); it != found.end())
            it->second.history.push_back(
                {steps.text(1), steps.text(2), steps.text(3), steps.text(4), steps.text(5), steps.text(6)});
    out.reserve(found.size());
    for (auto id : ids)
        if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    return out;
}

std::optional<std::int64_t> SubmissionStore::single(const std::string& form_id, std::int64_t org_id,
                                                    const std::string& period,
                                                    std::optional<std::int64_t> member_id) const {
    auto st = db_.prepare(
        "SELECT id FROM submission WHERE form_id = ? AND org_id = ? AND period = ? AND member_id IS ? ORDER BY id LIMIT 1");
    st.bind_all(form_id, org_id, period, member_id);
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

std::vector<std::int64_t> SubmissionStore::ids_in(std::int64_t root_id, const std::string& form_id,
                                                  const std::optional<std::string>& period,
                                                  const std::optional<std::string>& state) const {
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "WHERE v.valid_to IS NULL) "
        "SELECT s.id FROM submission s WHERE s.org_id IN (SELECT id FROM t) AND s.form_id = ?2 AND (?3 IS NULL OR s.period = ?3) "
        "AND (?4 IS NULL OR s.state = ?4) ORDER BY s.period, s.org_id, s.id");
    st.bind(1, root_id).bind(2, form_id).bind(3, period).bind(4, state);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    return ids;
}

std::vector<SubmissionStore::Key> SubmissionStore::keys_in(std::int64_t root_id, const std::string& form_id,
                                                           const std::string& state) const {
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "WHERE v.valid_to IS NULL) "
        "SELECT s.id, s.org_id, s.step, s.author FROM submission s WHERE s.org_id IN (SELECT id FROM t) "
        "AND s.form_id = ?2 AND s.state = ?3");
    st.bind(1, root_id).bind(2, form_id).bind(3, state);
    std::vector<Key> keys;
    while (st.step()) keys.push_back({st.int64(0), st.int64(1), st.int32(2), st.text(3), form_id});
    return keys;
}

std::vector<SubmissionStore::Key> SubmissionStore::own_in(std::int64_t root_id, const std::string& author,
                                                          const std::string& state) const {
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "WHERE v.valid_to IS NULL) "
        "SELECT s.id, s.org_id, s.step, s.author, s.form_id FROM submission s INDEXED BY submission_by_author "
        "WHERE s.author = ?2 AND s.state = ?3 AND s.org_id IN (SELECT id FROM t)");
    // INDEXED BY: without statistics the planner would start from the subtree's nodes and
    // read every record there to find the author's few.
    st.bind(1, root_id).bind(2, author).bind(3, state);
    std::vector<Key> keys;
    while (st.step()) keys.push_back({st.int64(0), st.int64(1), st.int32(2), st.text(3), st.text(4)});
    return keys;
}

std::optional<std::int64_t> SubmissionStore::latest_submitted(const std::string& form_id, std::int64_t org_id,
                                                              const std::string& period) const {
    auto st = db_.prepare(
        "SELECT id FROM submission WHERE form_id = ? AND org_id = ? AND period = ? AND state IN ('submitted','approved') "
        "ORDER BY id DESC LIMIT 1");
    st.bind_all(form_id, org_id, period);
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

std::set<std::int64_t> SubmissionStore::submitted_orgs(const std::string& form_id, const std::string& period) const {
    auto st = db_.prepare("SELECT DISTINCT org_id FROM submission WHERE form_id = ? AND period = ? AND state <> 'draft'");
    st.bind_all(form_id, period);
    std::set<std::int64_t> done;
    while (st.step()) done.insert(st.int64(0));
    return done;
}

std::map<std::int64_t, SubmissionCounts> SubmissionStore::counts(const std::string& form_id, const std::string& first_period,
                                                                 const std::string& last_period) const {
    auto sub = db_.prepare(
        "SELECT org_id, count(DISTINCT period || '/' || coalesce(member_id, '')), "
        "count(DISTINCT CASE WHEN on_time = 1 THEN period || '/' || coalesce(member_id, '') END), "
        "count(DISTINCT CASE WHEN state = 'approved' THEN period || '/' || coalesce(member_id, '') END) "
        "FROM submission WHERE form_id = ? AND period >= ? AND period <= ? AND state <> 'draft' GROUP BY org_id");
    sub.bind_all(form_id, first_period, last_period);
    std::map<std::int64_t, SubmissionCounts> out;
    while (sub.step())
        out[sub.int64(0)] = {static_cast<std::size_t>(sub.int64(1)), static_cast<std::size_t>(sub.int64(2)),
                             static_cast<std::size_t>(sub.int64(3))};
    return out;
}

std::map<std::pair<std::string, std::string>, std::size_t> SubmissionStore::value_counts(
    std::int64_t root_id, const std::string& form_id, const std::string& field, const std::string& first_period,
    const std::string& last_period) const {
    // The JSON path is bound, not spliced: a field id is the plugin's text.
    auto st = db_.prepare(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT v.node_id FROM org_version v JOIN t ON v.parent_id = t.id "
        "WHERE v.valid_to IS NULL) "
        "SELECT s.period, CAST(json_extract(s.data, ?3) AS TEXT), count(*) FROM submission s "
        "WHERE s.org_id IN (SELECT id FROM t) AND s.form_id = ?2 AND s.period BETWEEN ?4 AND ?5 "
        "AND s.state IN ('submitted','approved') GROUP BY 1, 2");
    st.bind(1, root_id).bind(2, form_id).bind(3, "$.\"" + field + "\"").bind(4, first_period).bind(5, last_period);
    std::map<std::pair<std::string, std::string>, std::size_t> out;
    while (st.step())
        if (!st.is_null(1)) out[{st.text(0), st.text(1)}] = static_cast<std::size_t>(st.int64(2));
    return out;
}

void SubmissionStore::add_step(std::int64_t id, const std::string& at, const std::string& actor, const std::string& action,
                               const std::optional<std::string>& from_state, const std::string& to_state,
                               std::string_view comment) const {
    db_.prepare(
           "INSERT INTO submission_step(submission_id, at, actor, action, from_state, to_state, comment) VALUES (?,?,?,?,?,?,?)")
        .bind_all(id, at, actor, action, from_state, to_state, comment)
        .run();
}

std::int64_t SubmissionStore::insert(const SubmissionWrite& w, const std::string& author, const std::string& action) const {
    const std::string now = clock_.now();
    db_.prepare(
           "INSERT INTO submission(form_id, form_version, org_id, member_id, period, state, step, data, author, "
           "created_at, updated_at, submitted_on, on_time, validated_by, validated_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind_all(w.form_id, w.form_version, w.org_id, w.member_id, w.period, w.state, w.step, w.data_json, author, now, now,
                  w.draft ? std::optional<std::string>() : std::optional<std::string>(w.today.iso()),
                  w.draft ? std::optional<std::int64_t>() : std::optional<std::int64_t>(w.on_time ? 1 : 0),
                  validated(w.validated_by_plugin), validated(w.validated_by_source))
        .run();
    auto id = db_.last_insert_rowid();
    add_step(id, now, author, action, std::nullopt, w.state, "");
    // A new draft is nothing an indicator counts yet.
    if (!w.draft) changes_.emit(ChangeEvent::form_data(w.form_id, w.org_id, Period::parse_or_throw(w.period)));
    return id;
}

void SubmissionStore::update(std::int64_t id, const SubmissionWrite& w, const std::string& actor, const std::string& action,
                             const std::string& from_state) const {
    const std::string now = clock_.now();
    db_.prepare(
           "UPDATE submission SET state = ?, step = ?, data = ?, form_version = ?, updated_at = ?, "
           "submitted_on = CASE WHEN ?6 THEN ?7 ELSE submitted_on END, "
           "on_time = CASE WHEN ?6 AND on_time IS NULL THEN ?8 ELSE on_time END, validated_by = ?10, validated_from = ?11 "
           "WHERE id = ?9")
        .bind_all(w.state, w.step, w.data_json, w.form_version, now, static_cast<std::int64_t>(!w.draft), w.today.iso(),
                  static_cast<std::int64_t>(w.on_time), id, validated(w.validated_by_plugin), validated(w.validated_by_source))
        .run();
    add_step(id, now, actor, action, from_state, w.state, "");
    changes_.emit(ChangeEvent::form_data(w.form_id, w.org_id, Period::parse_or_throw(w.period)));
}

void SubmissionStore::move(std::int64_t id, const SubmissionInfo& before, std::int64_t org_id, const std::string& to_state,
                           int step, const std::string& actor, const std::string& action, std::string_view comment) const {
    const std::string now = clock_.now();
    db_.prepare("UPDATE submission SET state = ?, step = ?, updated_at = ? WHERE id = ?").bind_all(to_state, step, now, id).run();
    add_step(id, now, actor, action, before.state, to_state, comment);
    changes_.emit(ChangeEvent::form_data(before.form_id, org_id, Period::parse_or_throw(before.period)));
}

std::optional<Date> SubmissionStore::reopened_until(const std::string& form_id, std::int64_t org_id,
                                                    const std::string& period) const {
    auto st = db_.prepare("SELECT until FROM period_reopen WHERE form_id = ? AND org_id = ? AND period = ?");
    st.bind_all(form_id, org_id, period);
    if (!st.step()) return std::nullopt;
    return Date::parse(st.text(0));
}

std::map<std::int64_t, Date> SubmissionStore::reopenings(const std::string& form_id, const std::string& period) const {
    auto st = db_.prepare("SELECT org_id, until FROM period_reopen WHERE form_id = ? AND period = ?");
    st.bind_all(form_id, period);
    std::map<std::int64_t, Date> out;
    while (st.step())
        if (auto d = Date::parse(st.text(1))) out[st.int64(0)] = *d;
    return out;
}

void SubmissionStore::reopen(const std::string& form_id, std::int64_t org_id, const std::string& period, Date until,
                             const std::string& reason, const std::string& actor) const {
    db_.prepare(
           "INSERT INTO period_reopen(form_id, org_id, period, until, reason, actor, at) VALUES (?,?,?,?,?,?,?) "
           "ON CONFLICT(form_id, org_id, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, "
           "actor = excluded.actor, at = excluded.at")
        .bind_all(form_id, org_id, period, until.iso(), reason, actor, clock_.now())
        .run();
}

std::int64_t SubmissionStore::add_attachment(std::string_view name, std::string_view bytes, const std::string& sha256_hex,
                                             std::int64_t org_id, const std::string& actor) const {
    db_.prepare("INSERT INTO attachment(sha256, name, size, data, org_id, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, sha256_hex)
        .bind(2, name)
        .bind(3, static_cast<std::int64_t>(bytes.size()))
        .bind_blob(4, bytes)
        .bind(5, org_id)
        .bind(6, actor)
        .bind(7, clock_.now())
        .run();
    return db_.last_insert_rowid();
}

std::optional<AttachmentRow> SubmissionStore::attachment(std::int64_t id) const {
    auto st = db_.prepare("SELECT name, size, org_id FROM attachment WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return AttachmentRow{st.text(0), static_cast<std::size_t>(st.int64(1)), st.int64(2)};
}

std::optional<std::string> SubmissionStore::attachment_sha256(std::int64_t id) const {
    auto st = db_.prepare("SELECT sha256 FROM attachment WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

std::string SubmissionStore::attachment_bytes(std::int64_t id, std::size_t offset, std::size_t max) const {
    sqlite3_blob* raw = nullptr;
    int rc = sqlite3_blob_open(db_.raw(), "main", "attachment", "data", id, 0, &raw);
    std::unique_ptr<sqlite3_blob, int (*)(sqlite3_blob*)> blob(raw, &sqlite3_blob_close);
    if (rc != SQLITE_OK) db::throw_sql_error(db_.raw(), rc, "read attachment");
    const auto size = static_cast<std::size_t>(sqlite3_blob_bytes(blob.get()));
    if (offset >= size) return {};
    std::string out(std::min(max, size - offset), '\0');
    rc = sqlite3_blob_read(blob.get(), out.data(), static_cast<int>(out.size()), static_cast<int>(offset));
    if (rc != SQLITE_OK) db::throw_sql_error(db_.raw(), rc, "read attachment");
    return out;
}

}  // namespace dj::store
