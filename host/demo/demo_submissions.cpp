#include "demo/demo_submissions.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/errors.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_service.hpp"
#include "service/org_store.hpp"

namespace dj::demo {

using nlohmann::json;

namespace {

class Rand {
public:
    explicit Rand(std::uint64_t seed) : e_(seed) {}
    int between(int lo, int hi) { return lo + static_cast<int>(e_() % static_cast<std::uint64_t>(hi - lo + 1)); }
    bool chance(double p) { return static_cast<double>(e_() >> 11) * 0x1.0p-53 < p; }
    template <class V>
    const auto& pick(const V& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<int>(std::size(v)) - 1))];
    }

private:
    std::mt19937_64 e_;
};

// Phrases that read like what a branch secretary writes.
const char* const kPhrases[] = {
    "传达学习上级会议精神，结合本单位实际研究贯彻落实措施",
    "学习习近平新时代中国特色社会主义思想，交流学习体会",
    "开展批评与自我批评，查找问题并明确整改措施",
    "围绕中心工作研究部署支部近期重点任务",
    "学习党章党规，强化党员纪律意识和规矩意识",
    "走访慰问困难党员，了解生活情况并帮助解决实际困难",
};

// The login that fills for a node: its branch secretary or its unit administrator.
std::string filler_login(const OrgNode& n) {
    std::string login;
    for (char c : n.code) login += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n.type == OrgType::Department ? login + "_admin" : login;
}

struct NodeData {
    std::vector<std::int64_t> members;
    std::map<std::string, std::vector<std::int64_t>> by_flag;
};

json value_for(const forms::Field& f, Rand& r, const OrgNode& node, const NodeData& data, const Period& period,
               Date last_day, const json& so_far) {
    using T = forms::FieldType;
    auto lo = f.min.value_or(0), hi = f.max.value_or(std::max(lo + 30, 60.0));
    switch (f.type) {
        case T::Text: return f.label.size() > 12 ? std::string(r.pick(kPhrases)).substr(0, 30) : f.label + "（" + period.label_zh() + "）";
        case T::Textarea: return std::string(r.pick(kPhrases)) + "。" + std::string(r.pick(kPhrases)) + "。";
        case T::Integer: return r.between(static_cast<int>(lo), static_cast<int>(std::min(hi, lo + 40)));
        case T::Number: return static_cast<double>(r.between(static_cast<int>(lo), static_cast<int>(std::min(hi, lo + 500))));
        case T::Date: return Date::from_days(r.between(period.start().days(), std::max(period.start().days(), last_day.days()))).iso();
        case T::Bool: return r.chance(0.85);
        case T::Rating: return std::string(r.chance(0.5) ? "好" : r.chance(0.7) ? "较好" : "一般");
        case T::Select:
        case T::MultiSelect: {
            std::vector<std::string> choices;
            for (const auto& o : f.options) {
                if (o.parent && (!f.cascade_from || !so_far.contains(*f.cascade_from) || so_far[*f.cascade_from] != *o.parent))
                    continue;
                choices.push_back(o.value);
            }
            if (choices.empty()) return nullptr;
            if (f.type == T::Select) return r.pick(choices);
            json many = json::array({r.pick(choices)});
            return many;
        }
        case T::Member:
        case T::Members: {
            const auto* pool = &data.members;
            if (f.member_filter.is_object() && f.member_filter.contains("flag")) {
                auto it = data.by_flag.find(f.member_filter["flag"].get<std::string>());
                if (it == data.by_flag.end()) return nullptr;
                pool = &it->second;
            }
            if (pool->empty()) return nullptr;
            if (f.type == T::Member) return r.pick(*pool);
            json ids = json::array();
            for (int i = 0; i < std::min<int>(static_cast<int>(pool->size()), r.between(2, 6)); ++i) {
                auto id = r.pick(*pool);
                if (std::find(ids.begin(), ids.end(), json(id)) == ids.end()) ids.push_back(id);
            }
            return ids;
        }
        case T::Org: return node.code;
        case T::Table: {
            json rows = json::array();
            for (int i = 0; i < r.between(1, 3); ++i) {
                json row = json::object();
                for (const auto& c : f.columns)
                    if (auto v = value_for(c, r, node, data, period, last_day, row); !v.is_null()) row[c.id] = v;
                rows.push_back(row);
            }
            return rows;
        }
        case T::Attachment: return nullptr;  // evidence files are not invented
    }
    return nullptr;
}

}  // namespace

SubmissionReport fill_submissions(LocalService& svc, int year, std::uint64_t seed,
                                  const std::function<void(double, std::string_view)>& progress) {
    SubmissionReport rep;
    Rand r(seed ^ 0x5eed5eedULL);
    const Date as_of = svc.today();
    const auto& db = svc.connection();
    Actor admin = svc.actor();
    Actor committee = svc.actor("gongwei");
    auto tree = org_store::subtree(db, admin.org_id, as_of);
    std::map<std::int64_t, const OrgNode*> by_id;
    for (const auto& n : tree) by_id[n.id] = &n;

    // Members of each node's subtree, and by flag, for member fields.
    std::map<std::int64_t, NodeData> data;
    {
        auto st = db.prepare(
            "SELECT m.id, m.branch_id, (SELECT group_concat(flag, '|') FROM member_flag f WHERE f.member_id = m.id) "
            "FROM member m WHERE m.left_on IS NULL");
        while (st.step()) {
            auto id = st.int64(0);
            std::vector<std::string> flags;
            if (auto text = st.opt_text(2)) {
                std::size_t start = 0;
                while (start <= text->size()) {
                    auto bar = std::min(text->find('|', start), text->size());
                    flags.push_back(text->substr(start, bar - start));
                    start = bar + 1;
                }
            }
            for (auto node = by_id.find(st.int64(1)); node != by_id.end();
                 node = node->second->parent_id ? by_id.find(*node->second->parent_id) : by_id.end()) {
                auto& d = data[node->first];
                d.members.push_back(id);
                for (const auto& f : flags) d.by_flag[f].push_back(id);
            }
        }
    }

    // Who decides a step: the 工委 for its own level, else the unit administrator of the
    // nearest node of that level above the one that filed.
    auto approver = [&](OrgType level, const OrgNode& from) -> Actor {
        if (level == OrgType::Committee || level == OrgType::County) return committee;
        const OrgNode* n = &from;
        while (n->type != level && n->parent_id) n = by_id.at(*n->parent_id);
        return svc.actor(filler_login(*n));
    };

    auto forms = svc.plugin_host().forms();
    std::size_t done = 0, total = forms.size() * tree.size();
    // One outer transaction per form: every operation inside is a savepoint, so a refused
    // one still rolls back alone, and the batch commits once.
    std::map<std::int64_t, std::vector<FormInfo>> applicable_at;
    for (const auto& binding : forms) {
        if (binding->owner_unit) continue;
        const auto& form = binding->def;
        db::Transaction batch(db);
        for (const auto& node : tree) {
            if (progress && ++done % 200 == 0) progress(static_cast<double>(done) / static_cast<double>(total), "生成报送记录");
            auto cached = applicable_at.find(node.id);
            if (cached == applicable_at.end()) cached = applicable_at.emplace(node.id, svc.list_forms(admin, node.code)).first;
            const auto& applicable = cached->second;
            if (std::none_of(applicable.begin(), applicable.end(), [&](const FormInfo& f) { return f.id == form.id; })) continue;
            if (form.scope == forms::FormScope::Member) continue;  // per-member records come with their plugins' own demo rules
            Actor filler;
            try {
                filler = svc.actor(filler_login(node));
            } catch (const UserError&) {
                filler = admin;
            }
            const auto& nd = data[node.id];
            for (const auto& period : Period::year(year).subperiods(form.period)) {
                if (period.start() > as_of) break;
                // Some units never file; those that do, sometimes late.
                if (r.chance(0.07)) {
                    ++rep.missing;
                    continue;
                }
                Date deadline = period.deadline(form.deadline_days);
                bool late = r.chance(0.08) && deadline < as_of;
                Date filed = late ? std::min(as_of, deadline.add_days(r.between(3, 20)))
                                  : std::min({as_of, deadline, period.end().add_days(r.between(0, form.deadline_days))});
                int copies = form.many ? r.between(1, 3) : 1;
                for (int k = 0; k < copies; ++k) {
                    json values = json::object();
                    for (const auto& f : form.fields)
                        if (auto v = value_for(f, r, node, nd, period, std::min(period.end(), filed), values);
                            !v.is_null())
                            values[f.id] = v;
                    // Make counts agree with each other the way real records do.
                    for (auto [a, b] : {std::pair{"attended", "expected"}, {"paid", "payable"}})
                        if (values.contains(a) && values.contains(b)) {
                            values[b] = std::max<int>(values[b].get<int>(), static_cast<int>(nd.members.size() % 40 + 3));
                            values[a] = r.chance(0.7) ? values[b].get<int>() : std::max(0, values[b].get<int>() - r.between(1, 3));
                        }
                    SubmitRequest req;
                    req.form_id = form.id;
                    req.unit_code = node.code;
                    req.period = period.str();
                    req.values_json = values.dump();
                    // What still fails validation (a hidden requirement we could not guess) is
                    // dropped, as a unit that left a record unfinished.
                    svc.set_today(filed);
                    try {
                        if (late)
                            svc.reopen(admin, {form.id, node.code, period.str(), "补报：材料收集延误", filed.add_days(3)});
                        bool draft = period.contains(as_of) && r.chance(0.3);
                        req.draft = draft;
                        auto s = svc.submit(filler, req);
                        if (draft) {
                            ++rep.drafts;
                            continue;
                        }
                        ++rep.submitted;
                        rep.late += late;
                        // Approvals follow within a couple of weeks, along the chain.
                        svc.set_today(std::min(as_of, filed.add_days(r.between(1, 14))));
                        if (form.approval.empty()) continue;
                        if (r.chance(0.08)) {
                            svc.return_submission(approver(form.approval[0].level, node), s.id,
                                                  "请补充会议记录中的具体内容和参会人员签到情况");
                            ++rep.returned;
                            continue;
                        }
                        if (r.chance(0.15)) continue;  // still waiting for review
                        bool all = true;
                        for (const auto& step : form.approval) {
                            try {
                                svc.approve(approver(step.level, node), s.id, "同意");
                            } catch (const UserError&) {
                                all = false;
                                break;
                            }
                        }
                        rep.approved += all;
                    } catch (const UserError&) {
                        ++rep.missing;
                    }
                }
            }
        }
        batch.commit();
    }

    // 述职评议: the 工委's evaluators rate each report. A unit's standing decides the
    // votes around it, so the county shows all four ratings; low ones raise issues, which
    // become rectification items, some already done and verified, some overdue.
    const Actor evaluators[] = {admin, committee, svc.actor("pingyi")};
    const char* const ratings[] = {"好", "较好", "一般", "差"};
    const char* const issues[] = {"党建工作与业务工作结合不够紧密", "支部“三会一课”记录不规范", "党员教育管理存在薄弱环节",
                                  "整改措施落实不够到位", "基层党建经费保障不足"};
    for (const auto& binding : forms) {
        if (binding->def.evaluation.empty()) continue;
        db::Transaction batch(db);
        for (const auto& s : svc.list_submissions(admin, SubmissionFilter{binding->def.id, std::to_string(year), "GW", {}})) {
            if (s.state != "submitted" && s.state != "approved") continue;
            int standing = r.chance(0.35) ? 0 : r.chance(0.55) ? 1 : r.chance(0.65) ? 2 : 3;
            svc.set_today(std::min(as_of, Date::from_ymd(year, 12, 15)));
            for (const auto& who : evaluators) {
                int vote = std::clamp(standing + (r.chance(0.25) ? r.between(-1, 1) : 0), 0, 3);
                std::vector<std::string> raised;
                if (vote >= 2) raised.push_back(issues[r.between(0, 4)]);
                try {
                    svc.evaluate(who, s.id, ratings[vote], vote <= 1 ? "履职尽责，成效明显" : "存在差距，需加强整改", raised);
                } catch (const UserError&) {
                    // an evaluator from the unit itself: they do not rate their own report
                }
            }
        }
        batch.commit();
    }
    {
        // Rectification items move on: most started, some finished and verified from above.
        db::Transaction batch(db);
        for (const auto& item : svc.rectifications(admin, RectificationFilter{"GW", year, std::string("open"), false})) {
            if (r.chance(0.25)) continue;  // still untouched: overdue once its deadline passes
            svc.set_today(std::min(as_of, Date::from_ymd(year, 12, 18)));
            try {
                svc.update_rectification(admin, item.id, RectificationUpdate{std::string("in_progress"), {}, {}, "已制定整改方案，明确责任人和时限", {}, ""});
                if (r.chance(0.5)) {
                    svc.update_rectification(admin, item.id, RectificationUpdate{std::string("done"), {}, {}, "整改措施已落实，材料已归档", {}, ""});
                    if (r.chance(0.6))
                        svc.update_rectification(committee, item.id, RectificationUpdate{std::string("verified"), {}, {}, "", {}, "经核查，同意销号"});
                }
            } catch (const UserError&) {
            }
        }
        // A few inspection findings past their deadline.
        for (const auto& node : tree) {
            if (node.type != OrgType::Department || !r.chance(0.12)) continue;
            svc.set_today(std::min(as_of, Date::from_ymd(year, 9, 20)));
            svc.add_rectification(admin, NewRectification{node.code, year, "inspection", "", "“四不两直”督查发现：支部活动阵地台账不全",
                                                          "工委督查组现场检查", "", Date::from_ymd(year, 11, 30)});
        }
        batch.commit();
    }
    svc.set_today(as_of);
    return rep;
}

}  // namespace dj::demo
