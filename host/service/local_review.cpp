// LocalService: 述职评议 (evaluators' votes on a report and the result) and rectification
// items (整改) from their creation to sign-off.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "indicators/indicator_engine.hpp"
#include "lua/plugin.hpp"
#include "plugins/plugin_host.hpp"
#include "service/audit_chain.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj {

using nlohmann::json;

namespace {

std::string source_label(const std::string& s) {
    if (s == "indicator") return "指标未达标";
    if (s == "finding") return "合规检查";
    if (s == "rating") return "评议等次";
    if (s == "evaluation") return "评议意见";
    if (s == "inspection") return "督查检查";
    return "手工登记";
}

std::string status_label(const std::string& s) {
    if (s == "open") return "待整改";
    if (s == "in_progress") return "整改中";
    if (s == "done") return "已完成";
    if (s == "verified") return "已销号";
    return s;
}

bool valid_status(const std::string& s) { return s == "open" || s == "in_progress" || s == "done" || s == "verified"; }

// The moves an item may make; verified is final.
bool allowed_move(const std::string& from, const std::string& to) {
    if (from == to) return true;
    if (from == "open") return to == "in_progress" || to == "done";
    if (from == "in_progress") return to == "done" || to == "open";
    if (from == "done") return to == "verified" || to == "in_progress";
    return false;
}

}  // namespace

// --- 述职评议 -----------------------------------------------------------------------------

std::optional<std::string> LocalService::evaluation_result(std::int64_t submission_id, std::map<std::string, int>* tally_out) {
    auto sub = read_submission(submission_id);
    auto form = form_or_throw(sub.form_id);
    // The scale is the scheme's: its labels, ranked 1 (lowest) to N (best).
    const RatingScale scale = plugin_host().rating_scale_for(sub.form_id);
    std::map<std::string, int> tally;
    for (const auto& label : scale.labels) tally[label] = 0;
    int total = 0;
    auto st = db_.prepare("SELECT rating FROM evaluation_vote WHERE submission_id = ?");
    st.bind(1, submission_id);
    while (st.step()) {
        ++tally[st.text(0)];
        ++total;
    }
    if (tally_out) *tally_out = tally;
    if (total == 0) return std::nullopt;
    const std::string& rule = form->def.evaluation;
    if (rule == "majority") {
        // The most frequent rating; a tie goes to the lower one.
        std::string best;
        int most = -1;
        for (int r = 1; r <= static_cast<int>(scale.labels.size()); ++r)
            if (tally[scale.at_rank(r)] > most) most = tally[scale.at_rank(r)], best = scale.at_rank(r);
        return best;
    }
    if (rule == "function") {
        json t = json::object();
        for (const auto& [k, v] : tally) t[k] = v;
        t["total"] = total;
        json r = form->plugin->call(*form->reg, "evaluation.rule", json::array({t}));
        if (!r.is_string() || !scale.contains(r.get<std::string>()))
            throw UserError("表单「" + form->def.title + "」的评议规则应返回 " + scale.spoken());
        return r.get<std::string>();
    }
    // average: the best N … the lowest 1, the mean rounded half down. A vote no longer on
    // the scale (the scheme changed since) counts for nothing.
    double sum = 0;
    int counted = 0;
    for (const auto& [k, v] : tally)
        if (int rank = scale.rank(k)) sum += rank * v, counted += v;
    if (counted == 0) return std::nullopt;
    double mean = sum / counted;
    int r = static_cast<int>(std::ceil(mean - 0.5 - 1e-9));
    return scale.at_rank(r);
}

EvaluationInfo LocalService::evaluation(const Actor& claimed, std::int64_t submission_id) {
    Actor who = verified(claimed);
    auto sub = read_submission(submission_id);
    auto node = current_node_or_throw(sub.unit_code);
    require(who, Capability::ReadForms, node.id);
    auto form = form_or_throw(sub.form_id);
    if (form->def.evaluation.empty()) throw UserError("「" + form->def.title + "」不是述职评议报告，不能评议");
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    EvaluationInfo info;
    info.submission_id = submission_id;
    info.form_id = sub.form_id;
    info.org_code = sub.unit_code;
    info.org_name = sub.unit_name;
    info.period = sub.period;
    info.rule = form->def.evaluation == "function" ? "plugin" : form->def.evaluation;
    info.ratings = plugin_host().rating_scale_for(sub.form_id).labels;
    auto st = db_.prepare(
        "SELECT v.evaluator, coalesce(u.display_name, v.evaluator), v.rating, v.comment, v.issues, v.at FROM evaluation_vote v "
        "LEFT JOIN app_user u ON u.login = v.evaluator WHERE v.submission_id = ? ORDER BY v.at, v.evaluator");
    st.bind(1, submission_id);
    while (st.step()) {
        EvaluationVote v{st.text(0), st.text(1), st.text(2), st.text(3), {}, st.text(5)};
        for (const auto& i : json::parse(st.text(4), nullptr, false))
            if (i.is_string()) v.issues.push_back(i.get<std::string>());
        info.votes.push_back(std::move(v));
    }
    info.result = evaluation_result(submission_id, &info.tally);
    // Next year's report shows how last year's rectification went.
    if (auto p = Period::parse(sub.period))
        info.previous_rectifications = read_rectifications("r.org_id = ? AND r.year = ?",
                                                           {std::to_string(node.id), std::to_string(p->year_number() - 1)});
    return info;
}

EvaluationInfo LocalService::evaluate(const Actor& claimed, std::int64_t submission_id, std::string_view rating,
                                      std::string_view comment, const std::vector<std::string>& issues) {
    Actor who = verified(claimed);
    auto sub = read_submission(submission_id);
    auto node = current_node_or_throw(sub.unit_code);
    require(who, Capability::ApproveForms, node.id);
    auto form = form_or_throw(sub.form_id);
    if (form->def.evaluation.empty()) throw UserError("「" + form->def.title + "」不是述职评议报告，不能评议");
    if (const RatingScale scale = plugin_host().rating_scale_for(sub.form_id); !scale.contains(rating))
        throw UserError("评议等次应为 " + scale.spoken() + "，而不是「" + std::string(rating) + "」");
    if (sub.state != "submitted" && sub.state != "approved") throw UserError("报告尚未报送（当前状态：" + sub.state_label + "），不能评议");
    if (who.org_id == node.id) throw AccessDenied("不能评议本单位自己的述职报告");
    if (who.login == sub.author) throw AccessDenied("不能评议自己提交的述职报告");
    if (comment.size() > 2000) throw UserError("评议意见不能超过 2000 字节");
    for (const auto& i : issues)
        if (i.empty() || i.size() > 500) throw UserError("指出的问题不能为空，也不能超过 500 字节");
    auto period = Period::parse_or_throw(sub.period);

    db::Transaction tx(db_);
    auto before = db_.prepare("SELECT rating FROM evaluation_vote WHERE submission_id = ? AND evaluator = ?");
    before.bind_all(submission_id, who.login);
    std::string old = before.step() ? before.text(0) : "";
    db_.prepare("INSERT INTO evaluation_vote(submission_id, evaluator, rating, comment, issues, at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(submission_id, evaluator) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, "
                "issues = excluded.issues, at = excluded.at")
        .bind_all(submission_id, who.login, std::string(rating), std::string(comment), json(issues).dump(), utc_timestamp_now())
        .run();
    // Each issue an evaluator raises becomes a rectification item of the reporting unit,
    // due at the end of the next half-year.
    for (const auto& issue : issues) {
        NewRectification r;
        r.org_code = node.code;
        r.year = period.year_number();
        r.source = "evaluation";
        r.source_ref = "submission:" + std::to_string(submission_id) + ":" + who.login + ":" + issue;
        r.title = issue;
        r.detail = "述职评议中" + who.display_name + "指出的问题";
        r.deadline = Date::from_ymd(period.year_number() + 1, 6, 30);
        auto exists = db_.prepare("SELECT 1 FROM rectification WHERE org_id = ? AND year = ? AND source = ? AND source_ref = ?");
        exists.bind_all(node.id, r.year, r.source, r.source_ref);
        if (!exists.step()) insert_rectification(who, node.id, r);
    }
    audit_append(db_, who.login, "evaluation.vote", "submission:" + std::to_string(submission_id),
                 old.empty() ? "" : json({{"rating", old}}).dump(),
                 json({{"rating", rating}, {"comment", comment}, {"issues", issues}}).dump());
    tx.commit();
    return evaluation(who, submission_id);
}

// --- Rectification --------------------------------------------------------------------------

std::vector<RectificationItem> LocalService::read_rectifications(const std::string& where,
                                                                 const std::vector<std::string>& binds) const {
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
        r.source_label = source_label(r.source);
        r.source_ref = st.text(5);
        r.title = st.text(6);
        r.detail = st.text(7);
        r.owner = st.text(8);
        r.deadline = st.text(9);
        r.status = st.text(10);
        r.status_label = status_label(r.status);
        r.evidence = st.text(11);
        for (const auto& a : json::parse(st.text(12), nullptr, false))
            if (a.is_number_integer()) r.attachments.push_back(a.get<std::int64_t>());
        r.created_by = st.text(13);
        r.created_at = st.text(14);
        r.updated_at = st.text(15);
        r.overdue = r.deadline < today_.iso() && r.status != "done" && r.status != "verified";
        out.push_back(std::move(r));
    }
    return out;
}

RectificationItem LocalService::read_rectification(std::int64_t id) const {
    auto list = read_rectifications("r.id = ?", {std::to_string(id)});
    if (list.empty()) throw NotFound("整改事项编号 " + std::to_string(id) + " 不存在");
    return list.front();
}

std::vector<RectificationItem> LocalService::rectifications(const Actor& claimed, const RectificationFilter& f) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(f.unit_code);
    require(who, Capability::ReadForms, node.id);
    if (f.status && !valid_status(*f.status))
        throw UserError("整改状态应为 open、in_progress、done 或 verified，而不是「" + *f.status + "」");
    db::Transaction tx(db_, db::Transaction::Kind::Read);
    std::string where = "r.org_id IN (SELECT id FROM (WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
                        "SELECT v2.node_id FROM org_version v2 JOIN t ON v2.parent_id = t.id WHERE v2.valid_to IS NULL) "
                        "SELECT id FROM t))";
    std::vector<std::string> binds{std::to_string(node.id)};
    if (f.year) where += " AND r.year = ?", binds.push_back(std::to_string(*f.year));
    if (f.status) where += " AND r.status = ?", binds.push_back(*f.status);
    if (f.overdue_only) where += " AND r.deadline < ? AND r.status NOT IN ('done','verified')", binds.push_back(today_.iso());
    return read_rectifications(where, binds);
}

RectificationItem LocalService::insert_rectification(const Actor& who, std::int64_t org_id, const NewRectification& r) {
    static const std::set<std::string> kSources = {"indicator", "finding", "rating", "evaluation", "inspection", "manual"};
    if (!kSources.count(r.source)) throw UserError("整改来源无效：「" + r.source + "」");
    if (r.title.empty() || r.title.size() > 600) throw UserError("整改事项须写明问题（不超过 200 字）");
    if (r.year < 2000 || r.year > 2100) throw UserError("整改年度无效：" + std::to_string(r.year));
    const std::string now = utc_timestamp_now();
    db_.prepare("INSERT INTO rectification(org_id, year, source, source_ref, title, detail, owner, deadline, status, "
                "created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,'open',?,?,?)")
        .bind_all(org_id, r.year, r.source, r.source_ref, r.title, r.detail, r.owner, r.deadline.iso(), who.login, now, now)
        .run();
    std::int64_t id = db_.last_insert_rowid();
    indicators::IndicatorEngine::mark_rectification_change(db_, org_id);
    audit_append(db_, who.login, "rectification.add", "rectification:" + std::to_string(id), "",
                 json({{"org", r.org_code}, {"title", r.title}, {"source", r.source}, {"deadline", r.deadline.iso()}}).dump());
    return read_rectification(id);
}

RectificationItem LocalService::add_rectification(const Actor& claimed, const NewRectification& r) {
    Actor who = verified(claimed);
    auto node = current_node_or_throw(r.org_code);
    require(who, Capability::FillForms, node.id);
    db::Transaction tx(db_);
    if (!r.source_ref.empty()) {
        auto exists = db_.prepare("SELECT id FROM rectification WHERE org_id = ? AND year = ? AND source = ? AND source_ref = ?");
        exists.bind_all(node.id, r.year, r.source, r.source_ref);
        if (exists.step()) throw UserError("该问题已登记为整改事项（编号 " + std::to_string(exists.int64(0)) + "）");
    }
    auto item = insert_rectification(who, node.id, r);
    tx.commit();
    return item;
}

RectificationItem LocalService::update_rectification(const Actor& claimed, std::int64_t id, const RectificationUpdate& u) {
    Actor who = verified(claimed);
    auto item = read_rectification(id);
    auto node = current_node_or_throw(item.org_code);
    // 销号 alone is the level above's act (审核); everything else is the unit's own work.
    const bool only_verify = u.status == std::optional<std::string>("verified") && !u.owner && !u.deadline &&
                             u.evidence.empty() && !u.attachment_id;
    require(who, only_verify ? Capability::ApproveForms : Capability::FillForms, node.id);
    RectificationItem next = item;
    if (u.status) {
        if (!valid_status(*u.status)) throw UserError("整改状态应为 open、in_progress、done 或 verified，而不是「" + *u.status + "」");
        if (!allowed_move(item.status, *u.status))
            throw UserError("整改事项不能从「" + item.status_label + "」改为「" + status_label(*u.status) + "」");
        if (*u.status == "verified") {
            // 销号 is the level above's decision, never the unit's own.
            require(who, Capability::ApproveForms, node.id);
            if (who.org_id == node.id) throw AccessDenied("整改销号须由上级审核，不能由本单位自行销号");
        }
        if (*u.status == "done" && item.evidence.empty() && u.evidence.empty() && !u.attachment_id)
            throw UserError("标记整改完成须写明整改措施或附上佐证材料");
        next.status = *u.status;
    }
    if (u.owner) next.owner = *u.owner;
    if (u.deadline) next.deadline = u.deadline->iso();
    if (!u.evidence.empty()) {
        if (u.evidence.size() > 4000) throw UserError("整改情况说明不能超过 4000 字节");
        next.evidence += (next.evidence.empty() ? "" : "\n") + today_.iso() + " " + who.display_name + "：" + u.evidence;
    }
    if (u.attachment_id) {
        auto a = db_.prepare("SELECT org_id FROM attachment WHERE id = ?");
        a.bind(1, *u.attachment_id);
        if (!a.step()) throw NotFound("附件编号 " + std::to_string(*u.attachment_id) + " 不存在");
        next.attachments.push_back(*u.attachment_id);
    }
    db::Transaction tx(db_);
    db_.prepare("UPDATE rectification SET status = ?, owner = ?, deadline = ?, evidence = ?, attachments = ?, updated_at = ? WHERE id = ?")
        .bind_all(next.status, next.owner, next.deadline, next.evidence, json(next.attachments).dump(), utc_timestamp_now(), id)
        .run();
    indicators::IndicatorEngine::mark_rectification_change(db_, node.id);
    audit_append(db_, who.login, "rectification.update", "rectification:" + std::to_string(id),
                 json({{"status", item.status}, {"owner", item.owner}, {"deadline", item.deadline}}).dump(),
                 json({{"status", next.status}, {"owner", next.owner}, {"deadline", next.deadline}, {"comment", u.comment}}).dump());
    tx.commit();
    return read_rectification(id);
}

}  // namespace dj
