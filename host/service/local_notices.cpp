// NoticePart: 通知公告 and 催报. Recipients are units, fixed when the notice is sent; a unit's
// first reader marks it read for the unit (offices answer for a document as a unit: 已阅 by
// whoever opened it), and the sender sees which units have and which have not.
#include "service/local_notices.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "model/period.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_forms.hpp"
#include "store/audit_log.hpp"

namespace dj {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxTitle = 100;
constexpr std::size_t kMaxBody = 5000;
constexpr std::size_t kMaxFiles = 10;

// 2021年1月10日: how a notice names a date.
std::string date_zh(Date d) {
    return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

std::string kind_label(const std::string& kind) { return kind == "remind" ? "催报" : "通知"; }

}  // namespace

std::set<std::int64_t> NoticePart::scope_of(const Actor& who) const {
    std::set<std::int64_t> ids;
    for (const auto& n : ctx_.orgs.subtree(who.org_id, ctx_.today)) ids.insert(n.id);
    return ids;
}

store::NoticeRow NoticePart::visible_or_throw(const Actor& who, std::int64_t id,
                                              const std::set<std::int64_t>& scope) const {
    auto row = store_.find(id);
    bool visible = row && row->sender == who.login;
    if (row && !visible)
        for (const auto& r : store_.recipients(id))
            if (scope.count(r.org_id)) {
                visible = true;
                break;
            }
    if (!visible) throw NotFound("通知 " + std::to_string(id) + " 不存在");
    return *row;
}

bool NoticePart::shows_attachment(const Actor& claimed, std::int64_t attachment_id) const {
    Actor who = ctx_.verified(claimed);
    if (!role_has(who.role, Capability::ReadNotices)) return false;
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto notices = store_.carrying(attachment_id);
    if (notices.empty()) return false;
    auto scope = scope_of(who);
    for (auto id : notices) {
        try {
            visible_or_throw(who, id, scope);
            return true;
        } catch (const NotFound&) {
        }
    }
    return false;
}

NoticeInfo NoticePart::info(const Actor& who, const store::NoticeRow& row, const std::set<std::int64_t>& scope) const {
    NoticeInfo n;
    n.id = row.id;
    n.kind = row.kind;
    n.kind_label = kind_label(row.kind);
    n.title = row.title;
    n.body = row.body;
    n.form_id = row.form_id;
    n.period = row.period;
    n.deadline = row.deadline;
    n.sender = row.sender;
    n.sender_name = row.sender_name;
    if (auto unit = ctx_.orgs.find_by_id(row.sender_org_id, ctx_.today)) {
        n.sender_unit_code = unit->code;
        n.sender_unit_name = unit->name;
    }
    n.sent_at = row.sent_at;
    n.attachments = row.attachments;
    n.sent_by_me = row.sender == who.login;
    for (const auto& r : store_.recipients(row.id)) {
        if (r.org_id == who.org_id) {
            n.to_my_unit = true;
            n.read = !r.read_by.empty();
            n.read_by_name = r.read_by_name;
            n.read_at = r.read_at;
        }
        if (!n.sent_by_me && !scope.count(r.org_id)) continue;  // others' units: not the actor's to count
        ++n.recipients;
        if (!r.read_by.empty()) ++n.read_count;
    }
    return n;
}

std::vector<std::int64_t> NoticePart::addressees(const Actor& who, const NewNotice& notice, RemindDraft* remind) {
    std::vector<std::int64_t> ids;
    if (!notice.remind_form.empty()) {
        const std::string root = notice.scope_code.empty() ? who.org_code : notice.scope_code;
        *remind = remind_draft(who, notice.remind_form, notice.remind_period, root);
        if (remind->units.empty())
            throw UserError("「" + remind->form_title + "」" + remind->period_label + "各单位均已报送，无需催报");
        for (const auto& u : remind->units) ids.push_back(*ctx_.orgs.id_of_code(u.unit_code));
        return ids;
    }
    if (!notice.unit_codes.empty()) {
        for (const auto& code : notice.unit_codes) {
            auto node = ctx_.current_node_or_throw(code);
            ctx_.require(who, Capability::SendNotices, node.id);
            ids.push_back(node.id);
        }
    } else if (!notice.scope_code.empty()) {
        auto root = ctx_.current_node_or_throw(notice.scope_code);
        ctx_.require(who, Capability::SendNotices, root.id);
        // 党小组 hold no accounts of their own, and the sender's own unit is not told what it sent.
        for (const auto& n : ctx_.orgs.subtree(root.id, ctx_.today))
            if (n.type != OrgType::Group && n.id != who.org_id) ids.push_back(n.id);
    } else {
        throw UserError("请选择收文单位：一个组织及其下级单位，或若干单位");
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.empty()) throw UserError("所选范围内没有可以收文的单位");
    return ids;
}

NoticeInfo NoticePart::send_notice(const Actor& claimed, const NewNotice& notice) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::SendNotices, who.org_id);
    if (notice.title.empty()) throw UserError("请填写通知标题");
    require_plain_text(notice.title, "通知标题", kMaxTitle, false);
    if (notice.body.empty()) throw UserError("请填写通知正文");
    require_plain_text(notice.body, "通知正文", kMaxBody, true);
    if (notice.attachments.size() > kMaxFiles)
        throw UserError("附件过多（最多 " + std::to_string(kMaxFiles) + " 个）");
    for (const auto& a : notice.attachments) FormPart::check_attachment_file(a.name, a.bytes);

    RemindDraft remind;
    auto ids = addressees(who, notice, &remind);
    const bool is_remind = !notice.remind_form.empty();
    auto own = ctx_.orgs.find_by_id(who.org_id, ctx_.today);
    if (!own) throw NotFound("组织「" + who.org_code + "」已撤销");

    db::Transaction tx(ctx_.db);
    store::NoticeRow row;
    row.kind = is_remind ? "remind" : "notice";
    row.title = notice.title;
    row.body = notice.body;
    if (is_remind) {
        row.form_id = remind.notice.remind_form;
        row.period = remind.notice.remind_period;
        row.deadline = remind.deadline;
    }
    row.sender = who.login;
    row.sender_org_id = who.org_id;
    for (const auto& a : notice.attachments) row.attachments.push_back(forms_.store_attachment(who, *own, a.name, a.bytes));
    const auto id = store_.add(row, ids);
    json units = json::array();
    for (auto unit : ids)
        if (auto n = ctx_.orgs.find_by_id(unit, ctx_.today)) units.push_back(n->code);
    json after = {{"title", row.title}, {"body", row.body}, {"units", units}};
    if (is_remind) {
        after["form"] = row.form_id;
        after["period"] = row.period;
    }
    if (!row.attachments.empty()) {
        json files = json::array();
        for (const auto& a : row.attachments) files.push_back(a.name);
        after["attachments"] = files;
    }
    audit_append(ctx_.db, who.login, is_remind ? "notice.remind" : "notice.send", "notice:" + std::to_string(id), "",
                 after.dump());
    tx.commit();
    return info(who, *store_.find(id), scope_of(who));
}

std::vector<NoticeInfo> NoticePart::notices(const Actor& claimed, const NoticeFilter& filter) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadNotices, who.org_id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto scope = scope_of(who);
    std::vector<std::int64_t> ids(scope.begin(), scope.end());
    const std::size_t limit = std::clamp<std::size_t>(filter.limit, 1, 1000);
    std::vector<NoticeInfo> out;
    // Filtered in the query, then limited: filtering the newest `limit` afterwards lost the
    // unread ones behind them.
    std::optional<std::int64_t> unread_at;
    if (filter.unread_only) unread_at = who.org_id;
    for (const auto& row : store_.visible(ids, who.login, limit, unread_at, filter.sent_only)) {
        auto n = info(who, row, scope);
        if (filter.unread_only && (!n.to_my_unit || n.read)) continue;
        if (filter.sent_only && !n.sent_by_me) continue;
        out.push_back(std::move(n));
    }
    return out;
}

NoticeInfo NoticePart::notice(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadNotices, who.org_id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto scope = scope_of(who);
    return info(who, visible_or_throw(who, id, scope), scope);
}

NoticeInfo NoticePart::read_notice(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadNotices, who.org_id);
    db::Transaction tx(ctx_.db);
    auto scope = scope_of(who);
    auto row = visible_or_throw(who, id, scope);
    bool addressed = false;
    for (const auto& r : store_.recipients(id)) addressed = addressed || r.org_id == who.org_id;
    if (!addressed) throw UserError("该通知不是发给本单位的，不能标为已读");
    if (store_.mark_read(id, who.org_id, who.login))
        audit_append(ctx_.db, who.login, "notice.read", "notice:" + std::to_string(id), "",
                     json({{"org", who.org_code}}).dump());
    tx.commit();
    return info(who, row, scope);
}

NoticeReceipts NoticePart::notice_receipts(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadNotices, who.org_id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto scope = scope_of(who);
    auto row = visible_or_throw(who, id, scope);
    if (row.sender != who.login && !role_has(who.role, Capability::SendNotices))
        throw AccessDenied("无权限：" + std::string(role_label(who.role)) + "「" + who.login + "」不能查看阅读情况");
    NoticeReceipts out;
    out.notice_id = id;
    out.title = row.title;
    for (const auto& r : store_.recipients(id)) {
        if (row.sender != who.login && !scope.count(r.org_id)) continue;
        auto node = ctx_.orgs.find_by_id(r.org_id, ctx_.today);
        NoticeReceipt u;
        if (node) {
            u.unit_code = node->code;
            u.unit_name = node->name;
        } else if (auto old = ctx_.orgs.history(r.org_id); !old.empty()) {
            u.unit_code = old.back().code;
            u.unit_name = old.back().name + "（已撤销）";
        }
        u.read = !r.read_by.empty();
        u.read_by = r.read_by;
        u.read_by_name = r.read_by_name;
        u.read_at = r.read_at;
        (u.read ? out.read_count : out.unread_count)++;
        out.units.push_back(std::move(u));
    }
    std::sort(out.units.begin(), out.units.end(), [](const NoticeReceipt& a, const NoticeReceipt& b) {
        if (a.read != b.read) return !a.read;
        return a.unit_code < b.unit_code;
    });
    return out;
}

RemindDraft NoticePart::remind_draft(const Actor& claimed, std::string_view form_id, std::string_view period_text,
                                     std::string_view unit_code) {
    Actor who = ctx_.verified(claimed);
    auto root = ctx_.current_node_or_throw(unit_code.empty() ? std::string_view(who.org_code) : unit_code);
    ctx_.require(who, Capability::SendNotices, root.id);
    // Counted exactly as 报送情况 counts (access to the form's records checked there).
    auto rows = forms_.completeness(who, form_id, period_text, root.code);
    auto binding = ctx_.form_or_throw(form_id);
    const auto& form = binding->def;
    // Nothing is owed for a form filled when something happens: no unit can be behind on it.
    if (!form.expected)
        throw UserError("「" + form.title + "」按实际发生填报，没有应报数，不能催报");
    Period asked = Period::parse_or_throw(period_text);
    Date deadline = asked.subperiods(form.period).back().deadline(form.deadline_days);

    RemindDraft d;
    d.form_title = form.title;
    d.period_label = asked.label_zh();
    d.deadline = deadline.iso();
    // A unit is chased when its own reports are missing (not those of units under it, which are
    // chased themselves); the sender's own unit is not sent its own 催报.
    for (const auto& r : rows)
        if (r.own_expected > r.own_submitted && r.unit_code != who.org_code)
            d.units.push_back({r.unit_code, r.unit_name, false, {}, {}, {}});
    auto sender = ctx_.orgs.find_by_id(who.org_id, ctx_.today);
    const std::string from = sender ? sender->name : who.org_code;
    d.notice.title = "催报：" + form.title + "（" + d.period_label + "）";
    std::string body = "各有关单位：\n截至" + date_zh(ctx_.today) + "，你单位尚未报送" + d.period_label + "的《" +
                       form.title + "》。";
    if (ctx_.today > deadline)
        body += "该表报送已于" + date_zh(deadline) + "截止，请尽快与" + from + "联系补报。";
    else
        body += "请于" + date_zh(deadline) + "前登录系统完成报送，逾期系统将关闭报送。";
    body += "\n如已报送，请忽略本通知。\n\n" + from;
    d.notice.body = body;
    d.notice.scope_code = root.code;
    d.notice.remind_form = form.id;
    d.notice.remind_period = asked.str();
    for (const auto& u : d.units) d.notice.unit_codes.push_back(u.unit_code);
    return d;
}

}  // namespace dj
