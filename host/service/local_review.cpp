// ReviewPart: 述职评议 (evaluators' votes on a report and the result) and rectification
// items (整改) from their creation to sign-off.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "lua/plugin.hpp"
#include "plugins/plugin_host.hpp"
#include "store/audit_log.hpp"
#include "service/local_review.hpp"

namespace dj {

using nlohmann::json;

namespace {

RectificationItem item_or_throw(const ServiceContext& ctx, std::int64_t id) {
    auto item = ctx.reviews.item(id, ctx.today);
    if (!item) throw NotFound("整改事项编号 " + std::to_string(id) + " 不存在");
    return *item;
}

SubmissionInfo submission_or_throw(const ServiceContext& ctx, std::int64_t id) {
    auto s = ctx.submissions.find(id);
    if (!s) throw NotFound("报送记录编号 " + std::to_string(id) + " 不存在");
    return *s;
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

std::optional<std::string> ReviewPart::evaluation_result(std::int64_t submission_id, std::map<std::string, int>* tally_out) {
    auto sub = submission_or_throw(ctx_, submission_id);
    auto form = ctx_.form_or_throw(sub.form_id);
    // The scale is the scheme's: its labels, ranked 1 (lowest) to N (best).
    const RatingScale scale = ctx_.plugin_host().rating_scale_for(sub.form_id);
    std::map<std::string, int> tally;
    for (const auto& label : scale.labels) tally[label] = 0;
    int total = 0;
    for (const auto& rating : ctx_.reviews.ratings(submission_id)) {
        ++tally[rating];
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

EvaluationInfo ReviewPart::evaluation(const Actor& claimed, std::int64_t submission_id) {
    Actor who = ctx_.verified(claimed);
    auto sub = submission_or_throw(ctx_, submission_id);
    auto node = ctx_.current_node_or_throw(sub.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    auto form = ctx_.form_or_throw(sub.form_id);
    if (form->def.evaluation.empty()) throw UserError("「" + form->def.title + "」不是述职评议报告，不能评议");
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    EvaluationInfo info;
    info.submission_id = submission_id;
    info.form_id = sub.form_id;
    info.org_code = sub.unit_code;
    info.org_name = sub.unit_name;
    info.period = sub.period;
    info.rule = form->def.evaluation == "function" ? "plugin" : form->def.evaluation;
    info.ratings = ctx_.plugin_host().rating_scale_for(sub.form_id).labels;
    info.votes = ctx_.reviews.votes(submission_id);
    info.result = evaluation_result(submission_id, &info.tally);
    // Next year's report shows how last year's rectification went.
    if (auto p = Period::parse(sub.period))
        info.previous_rectifications =
            ctx_.reviews.items({node.id, false, p->year_number() - 1, std::nullopt, false}, ctx_.today);
    return info;
}

EvaluationInfo ReviewPart::evaluate(const Actor& claimed, std::int64_t submission_id, std::string_view rating,
                                      std::string_view comment, const std::vector<std::string>& issues) {
    Actor who = ctx_.verified(claimed);
    auto sub = submission_or_throw(ctx_, submission_id);
    auto node = ctx_.current_node_or_throw(sub.unit_code);
    ctx_.require(who, Capability::EvaluateReports, node.id);
    auto form = ctx_.form_or_throw(sub.form_id);
    if (form->def.evaluation.empty()) throw UserError("「" + form->def.title + "」不是述职评议报告，不能评议");
    if (const RatingScale scale = ctx_.plugin_host().rating_scale_for(sub.form_id); !scale.contains(rating))
        throw UserError("评议等次应为 " + scale.spoken() + "，而不是「" + std::string(rating) + "」");
    if (sub.state != "submitted" && sub.state != "approved") throw UserError("报告尚未报送（当前状态：" + sub.state_label + "），不能评议");
    if (who.org_id == node.id) throw AccessDenied("不能评议本单位自己的述职报告");
    if (who.login == sub.author) throw AccessDenied("不能评议自己提交的述职报告");
    if (comment.size() > 2000) throw UserError("评议意见不能超过 2000 字节");
    require_plain_text(comment, "评议意见", 2000, true);
    for (const auto& i : issues) {
        if (i.empty() || i.size() > 500) throw UserError("指出的问题不能为空，也不能超过 500 字节");
        require_plain_text(i, "指出的问题", 500, false);
    }
    auto period = Period::parse_or_throw(sub.period);

    db::Transaction tx(ctx_.db);
    std::string old = ctx_.reviews.rating_of(submission_id, who.login).value_or("");
    ctx_.reviews.put_vote(submission_id, who.login, rating, comment, json(issues).dump());
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
        if (!ctx_.reviews.existing(node.id, r.year, r.source, r.source_ref)) insert_rectification(who, node.id, r);
    }
    audit_append(ctx_.db, who.login, "evaluation.vote", "submission:" + std::to_string(submission_id),
                 old.empty() ? "" : json({{"rating", old}}).dump(),
                 json({{"rating", rating}, {"comment", comment}, {"issues", issues}}).dump());
    tx.commit();
    return evaluation(who, submission_id);
}

// --- Rectification --------------------------------------------------------------------------

std::vector<RectificationItem> ReviewPart::rectifications(const Actor& claimed, const RectificationFilter& f) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(f.unit_code);
    ctx_.require(who, Capability::ReadForms, node.id);
    if (f.status && !valid_status(*f.status))
        throw UserError("整改状态应为 open、in_progress、done 或 verified，而不是「" + *f.status + "」");
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    return ctx_.reviews.items({node.id, true, f.year, f.status, f.overdue_only}, ctx_.today);
}

RectificationItem ReviewPart::insert_rectification(const Actor& who, std::int64_t org_id, const NewRectification& r) {
    static const std::set<std::string> kSources = {"indicator", "finding", "rating", "evaluation", "inspection", "manual"};
    if (!kSources.count(r.source)) throw UserError("整改来源无效：「" + r.source + "」");
    if (r.title.empty() || r.title.size() > 600) throw UserError("整改事项须写明问题（不超过 200 字）");
    require_plain_text(r.title, "整改事项", 600, false);
    require_plain_text(r.detail, "整改事项说明", 20000, true);
    require_plain_text(r.owner, "责任人", 50, false);
    if (r.year < 2000 || r.year > 2100) throw UserError("整改年度无效：" + std::to_string(r.year));
    std::int64_t id = ctx_.reviews.add(org_id, r, who.login);
    audit_append(ctx_.db, who.login, "rectification.add", "rectification:" + std::to_string(id), "",
                 json({{"org", r.org_code}, {"title", r.title}, {"source", r.source}, {"deadline", r.deadline.iso()}}).dump());
    return item_or_throw(ctx_, id);
}

RectificationItem ReviewPart::add_rectification(const Actor& claimed, const NewRectification& r) {
    Actor who = ctx_.verified(claimed);
    auto node = ctx_.current_node_or_throw(r.org_code);
    ctx_.require(who, Capability::FillForms, node.id);
    db::Transaction tx(ctx_.db);
    if (!r.source_ref.empty()) {
        if (auto id = ctx_.reviews.existing(node.id, r.year, r.source, r.source_ref))
            throw UserError("该问题已登记为整改事项（编号 " + std::to_string(*id) + "）");
    }
    auto item = insert_rectification(who, node.id, r);
    tx.commit();
    return item;
}

RectificationItem ReviewPart::update_rectification(const Actor& claimed, std::int64_t id, const RectificationUpdate& u) {
    Actor who = ctx_.verified(claimed);
    auto item = item_or_throw(ctx_, id);
    auto node = ctx_.current_node_or_throw(item.org_code);
    // 销号 alone is the level above's act (审核); everything else is the unit's own work.
    const bool only_verify = u.status == std::optional<std::string>("verified") && !u.owner && !u.deadline &&
                             u.evidence.empty() && !u.attachment_id;
    ctx_.require(who, only_verify ? Capability::ApproveForms : Capability::FillForms, node.id);
    RectificationItem next = item;
    if (u.status) {
        if (!valid_status(*u.status)) throw UserError("整改状态应为 open、in_progress、done 或 verified，而不是「" + *u.status + "」");
        if (!allowed_move(item.status, *u.status))
            throw UserError("整改事项不能从「" + item.status_label + "」改为「" + store::rectification_status_label(*u.status) + "」");
        if (*u.status == "verified") {
            // 销号 is the level above's decision, never the unit's own.
            ctx_.require(who, Capability::ApproveForms, node.id);
            if (who.org_id == node.id) throw AccessDenied("整改销号须由上级审核，不能由本单位自行销号");
        }
        if (*u.status == "done" && item.evidence.empty() && u.evidence.empty() && !u.attachment_id)
            throw UserError("标记整改完成须写明整改措施或附上佐证材料");
        next.status = *u.status;
    }
    if (u.owner) {
        require_plain_text(*u.owner, "责任人", 50, false);
        next.owner = *u.owner;
    }
    if (u.deadline) next.deadline = u.deadline->iso();
    if (!u.evidence.empty()) {
        if (u.evidence.size() > 4000) throw UserError("整改情况说明不能超过 4000 字节");
        require_plain_text(u.evidence, "整改情况说明", 4000, true);
        next.evidence += (next.evidence.empty() ? "" : "\n") + ctx_.today.iso() + " " + who.display_name + "：" + u.evidence;
    }
    if (u.attachment_id) {
        if (!ctx_.submissions.attachment(*u.attachment_id)) throw NotFound("附件编号 " + std::to_string(*u.attachment_id) + " 不存在");
        next.attachments.push_back(*u.attachment_id);
    }
    db::Transaction tx(ctx_.db);
    ctx_.reviews.update(next, node.id);
    audit_append(ctx_.db, who.login, "rectification.update", "rectification:" + std::to_string(id),
                 json({{"status", item.status}, {"owner", item.owner}, {"deadline", item.deadline}}).dump(),
                 json({{"status", next.status}, {"owner", next.owner}, {"deadline", next.deadline}, {"comment", u.comment}}).dump());
    tx.commit();
    return item_or_throw(ctx_, id);
}

}  // namespace dj
