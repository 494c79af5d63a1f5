#include "demo/demo_submissions.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/errors.hpp"
#include "forms/field_types.hpp"
#include "plugins/plugin_host.hpp"
#include "service/local_service.hpp"
#include "db/org_tree.hpp"

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
    std::vector<std::string> join_dates;  // parallel to members
    std::map<std::string, std::vector<std::int64_t>> by_flag;
};

// The members a member field's filter admits, checked the way the service checks them
// (flag, any_flag, joined_before), so the demo files no record the service would refuse.
std::vector<std::int64_t> admitted_members(const NodeData& d, const json& filter) {
    auto with_flag = [&](const std::string& flag, std::int64_t id) {
        auto it = d.by_flag.find(flag);
        return it != d.by_flag.end() && std::find(it->second.begin(), it->second.end(), id) != it->second.end();
    };
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < d.members.size(); ++i) {
        const auto id = d.members[i];
        if (filter.contains("flag") && !with_flag(filter["flag"].get<std::string>(), id)) continue;
        if (filter.contains("joined_before") && !(d.join_dates[i] < filter["joined_before"].get<std::string>())) continue;
        if (filter.contains("any_flag") &&
            std::none_of(filter["any_flag"].begin(), filter["any_flag"].end(),
                         [&](const json& f) { return with_flag(f.get<std::string>(), id); }))
            continue;
        out.push_back(id);
    }
    return out;
}

// How well a department keeps its records: 0 good, 1 fair, 2 weak, 3 poor. It biases how
// completely and how well the department files, so the county's scores spread out.
struct Standing {
    int level = 1;
    bool serious_case = false;  // one of the couple of departments with a 第四种形态 case
    double p(std::array<double, 4> by_level) const { return by_level[static_cast<std::size_t>(level)]; }
};

// Text that matches a simple Lua pattern (anchors, literals, %d, %a, %w, %x and `?`): enough
// for the 联系电话 / 邮编 / 编号 patterns forms use. Empty when the pattern is beyond it.
std::optional<std::string> text_for_pattern(const std::string& pat, Rand& r) {
    std::string out;
    for (std::size_t i = 0; i < pat.size(); ++i) {
        char c = pat[i];
        if ((c == '^' && i == 0) || (c == '$' && i + 1 == pat.size())) continue;
        std::string piece;
        if (c == '%' && i + 1 < pat.size()) {
            char k = pat[++i];
            if (k == 'd') piece = std::string(1, static_cast<char>('0' + r.between(out == "1" ? 3 : 0, 9)));
            else if (k == 'a' || k == 'u') piece = std::string(1, static_cast<char>('A' + r.between(0, 25)));
            else if (k == 'l') piece = std::string(1, static_cast<char>('a' + r.between(0, 25)));
            else if (k == 'w' || k == 'x') piece = std::string(1, static_cast<char>('0' + r.between(0, 9)));
            else if (!std::isalnum(static_cast<unsigned char>(k))) piece = std::string(1, k);
            else return std::nullopt;
        } else if (std::string_view("[]()*+.").find(c) != std::string_view::npos) {
            return std::nullopt;
        } else if (c == '-' || c == '?') {
            return std::nullopt;
        } else {
            piece = std::string(1, c);
        }
        if (i + 1 < pat.size() && (pat[i + 1] == '*' || pat[i + 1] == '+')) return std::nullopt;
        out += piece;
    }
    return out;
}

struct Context {
    const OrgNode& node;
    const NodeData& data;
    const Period& period;
    Date last_day;
    Standing standing;
    bool all_good = true;  // this record meets every item of its checklist
};

json value_for(const forms::Field& f, Rand& r, const Context& cx, const json& so_far,
               std::optional<double>& last_number, std::optional<Date>& last_date);

// What a field type's demo value (forms/field_types.cpp) draws on: this county's random
// stream, the node's members, the unit's standing, what the form holds so far.
class FieldDemo : public forms::DemoSource {
public:
    FieldDemo(Rand& r, const Context& cx, const json& so_far, std::optional<double>& last_number,
              std::optional<Date>& last_date)
        : r_(r), cx_(cx), so_far_(so_far), last_number_(last_number), last_date_(last_date) {}

    int between(int lo, int hi) override { return r_.between(lo, hi); }
    bool chance(double p) override { return r_.chance(p); }
    std::string phrase() override { return r_.pick(kPhrases); }
    std::optional<std::string> text_for_pattern(const std::string& pattern) override {
        return demo::text_for_pattern(pattern, r_);
    }
    const Period& period() const override { return cx_.period; }
    Date last_day() const override { return cx_.last_day; }
    int standing() const override { return cx_.standing.level; }
    double by_standing(std::array<double, 4> p) const override { return cx_.standing.p(p); }
    bool all_good() const override { return cx_.all_good; }
    std::string node_code() const override { return cx_.node.code; }
    const std::vector<std::int64_t>* members(const json& filter) const override {
        if (filter.is_object() && (filter.contains("joined_before") || filter.contains("any_flag"))) {
            admitted_ = admitted_members(cx_.data, filter);
            return &admitted_;
        }
        if (filter.is_object() && filter.contains("flag") && filter["flag"].is_string()) {
            auto it = cx_.data.by_flag.find(filter["flag"].get<std::string>());
            return it == cx_.data.by_flag.end() ? nullptr : &it->second;
        }
        return &cx_.data.members;
    }
    const json& so_far() const override { return so_far_; }
    std::optional<double>& last_number() override { return last_number_; }
    std::optional<Date>& last_date() override { return last_date_; }
    json row(const std::vector<forms::Field>& columns) override {
        json row = json::object();
        std::optional<double> row_number;
        std::optional<Date> row_date;
        for (const auto& c : columns)
            if (auto v = value_for(c, r_, cx_, row, row_number, row_date); !v.is_null()) row[c.id] = v;
        return row;
    }

private:
    Rand& r_;
    const Context& cx_;
    const json& so_far_;
    std::optional<double>& last_number_;
    std::optional<Date>& last_date_;
    mutable std::vector<std::int64_t> admitted_;  // members(): those a date/any-flag filter admits
};

json value_for(const forms::Field& f, Rand& r, const Context& cx, const json& so_far,
               std::optional<double>& last_number, std::optional<Date>& last_date) {
    FieldDemo demo(r, cx, so_far, last_number, last_date);
    return forms::field_type(f.type).demo(f, demo);
}

// ---------------------------------------------------------------------------------------
// Plugin forms the generic filler cannot make plausible from their definitions alone.
// Everything plugin-specific in the demo is in this table and in fix_plugin_values().
struct FormHint {
    std::string_view form;
    enum Kind {
        PerMember,  // one record per member of the branch (a personal duty), coverage by standing
        Incident,   // something that happens to a few departments, rate by standing
        Schedule,   // one record per kind that is due: `field` takes each of `schedule`'s options
    } kind;
    std::array<double, 4> rate{};  // Incident: chance of one record per department and period
    bool carries_serious_case = false;  // Incident: always filed by a department with a serious case
    std::string_view member_flag{};     // PerMember: only members with this flag
    std::string_view field{};           // Schedule: the field naming the kind of record
    std::array<std::pair<std::string_view, int>, 8> schedule{};  // Schedule: option, due every N months
    std::string_view per_group{};    // Schedule: the option held by each 党小组 of the branch …
    std::string_view group_field{};  // … naming its group (by org code) in this field
};
constexpr FormHint kDemoFormHints[] = {
    {"care.shishi", FormHint::PerMember},
    {"discipline.duty_list", FormHint::Schedule, {}, false, {}, "list", {{{"主体责任清单", 1}, {"监督责任清单", 1}}}},
    {"review.party_staff", FormHint::PerMember, {}, false, "党务干部"},
    {"orglife.meeting", FormHint::Schedule, {}, false, {}, "kind",
     {{{"支部委员会", 1}, {"党小组会", 1}, {"主题党日", 1}, {"支部党员大会", 3}, {"党课", 3}, {"交流研讨", 3}, {"组织生活会", 12}}},
     "党小组会", "group"},
    {"review.member_report", FormHint::PerMember},
    {"civility.community_reg", FormHint::PerMember},
    {"civility.violation", FormHint::Incident, {0.0, 0.0, 0.04, 0.3}},
    {"discipline.lead", FormHint::Incident, {0.15, 0.25, 0.45, 0.7}, true},
    // issue 15's rules: one rating per member; the 工委's visits, sector schemes, nominations and
    // withdrawn titles happen to some departments, not to each one every period.
    {"stars.member_rating", FormHint::PerMember},
    {"orglife.lead_study", FormHint::PerMember},  // each 领导干部 once a year, as 002 一、2 asks
    {"inspection.visit", FormHint::Incident, {0.5, 0.6, 0.7, 0.8}},
    {"review.sector_scheme", FormHint::Incident, {0.15, 0.15, 0.15, 0.15}},
    {"review.honour_nomination", FormHint::Incident, {0.9, 0.6, 0.3, 0.1}},
    {"review.honour_withdrawal", FormHint::Incident, {0.0, 0.0, 0.02, 0.1}},
};
const FormHint* hint_for(std::string_view form) {
    for (const auto& h : kDemoFormHints)
        if (h.form == form) return &h;
    return nullptr;
}

// The forms added for issue 15's missing rules (orglife, stars, review, inspection): the level
// a record speaks for, ratings consistent with their criteria, a plausible sector scheme, an
// unannounced visit with a few findings.
void fix_issue15_values(const std::string& form, json& v, Rand& r, const Context& cx) {
    const Standing& st = cx.standing;
    if (form == "orglife.ideology") {
        v["level"] = cx.node.type == OrgType::OrganCommittee ? "机关党委" : cx.node.type == OrgType::GeneralBranch ? "党总支" : "党支部";
        v["religion_checked"] = true;
        v["religion_found"] = 0;
    }
    if (form == "orglife.talk" && v.contains("talker") && v.contains("talkee") && v["talker"] == v["talkee"])
        for (auto id : cx.data.members)
            if (json(id) != v["talkee"]) {
                v["talker"] = id;
                break;
            }
    if (form == "stars.branch_rating") {
        bool basics = true, six = true;
        for (const char* k : {"b_org", "b_team", "b_rules", "b_activity", "b_support"}) basics = basics && v.value(k, false);
        for (const char* k : {"s_setting", "s_life", "s_members", "s_service", "s_venue", "s_system"}) six = six && v.value(k, false);
        if (!basics) {
            v["level"] = "不达标";
            v["stars"] = r.between(1, 2);
            v["rectify"] = "对照“五个基本”逐项整改，由部门党组织督导，年底前复评";
        } else if (six && r.chance(st.p({0.6, 0.35, 0.15, 0.05}))) {
            v["level"] = "优秀";
            v["stars"] = r.between(4, 5);
        } else {
            v["level"] = "达标";
            v["stars"] = r.between(3, 4);
        }
    }
    if (form == "stars.member_rating") {
        int worst = 4;
        for (const char* k : {"a_politics", "a_study", "a_life", "a_duty", "a_role"}) {
            const std::string g = v.value(k, std::string("好"));
            worst = std::min(worst, g == "好" ? 4 : g == "较好" ? 3 : g == "一般" ? 2 : 1);
        }
        v["stars"] = worst >= 4 ? r.between(4, 5) : worst == 3 ? r.between(3, 5) : worst == 2 ? r.between(2, 4) : r.between(1, 2);
    }
    if (form == "review.sector_scheme") {
        // Most sectors give 党建 its third; a weaker department's sector sometimes does not.
        int party = r.chance(st.p({0.95, 0.85, 0.7, 0.5})) ? r.between(34, 40) : r.between(20, 30);
        int business = r.between(45, 100 - party);
        v["items"] = json::array({{{"name", "党建工作目标任务"}, {"category", "党建工作"}, {"points", party}},
                                  {{"name", "业务工作目标任务"}, {"category", "业务工作"}, {"points", business}},
                                  {{"name", "综合评价"}, {"category", "其他"}, {"points", 100 - party - business}}});
        v["sector"] = "本系统";
    }
    if (form == "review.honour_nomination") {
        for (const char* k : {"m_politics", "m_theory", "m_duty", "m_org", "m_act", "m_reform", "m_serve"}) v[k] = true;
        v["unit_name"] = cx.node.name;
    }
    if (form == "inspection.visit" && v.contains("date")) {
        v["unannounced"] = true;
        v["ways"] = json::array({"不发通知", "不打招呼", "不听汇报", "不用陪同和接待", "直奔单位", "直插现场"});
        static const char* const problems[] = {"支部“三会一课”记录不完整", "党员活动阵地台账不全", "党费收缴登记不及时",
                                               "巡察反馈问题整改进度滞后", "党员教育管理台账不规范"};
        json rows = json::array();
        int n = r.between(0, std::max(0, st.level));
        Date on = *Date::parse(v["date"].get<std::string>());
        for (int i = 0; i < n; ++i)
            rows.push_back({{"problem", problems[r.between(0, 4)]}, {"requirement", "限期整改并报送整改情况"},
                            {"deadline", on.add_days(r.between(20, 60)).iso()}});
        v["findings"] = rows;
    }
}

// Relations between fields that no declaration states (the forms' check functions), and
// outcomes that follow the department's standing.
void fix_plugin_values(const std::string& form, json& v, Rand& r, const Context& cx) {
    const Standing& st = cx.standing;
    auto date_between = [&](const json& a, int min_days, int max_days) {
        return Date::from_days(std::min(cx.last_day.days(), Date::parse(a.get<std::string>())->days() + r.between(min_days, max_days))).iso();
    };
    if (form == "orglife.meeting" && v.contains("date")) {
        // Attendance from the branch's roster that day: most come, weaker branches miss more;
        // the host and the recorder are among those who came.
        const std::string day = v["date"].get<std::string>();
        json came = json::array();
        for (std::size_t i = 0; i < cx.data.members.size(); ++i)
            if (cx.data.join_dates[i] <= day && !r.chance(st.p({0.04, 0.08, 0.14, 0.22}))) came.push_back(cx.data.members[i]);
        if (came.empty()) {
            for (std::size_t i = 0; i < cx.data.members.size() && came.empty(); ++i)
                if (cx.data.join_dates[i] <= day) came.push_back(cx.data.members[i]);
        }
        v["attendees"] = came;
        if (!came.empty()) {
            v["host"] = came[0];
            v["recorder"] = came[came.size() > 1 ? 1 : 0];
        }
        v["absent_reason"] = "因公出差或病假，会后已补学会议精神";
    }
    if (form == "orglife.appraisal" && v.contains("participants")) {
        int n = std::max(1, v["participants"].get<int>());
        int unq = r.chance(st.p({0.0, 0.05, 0.15, 0.3})) ? 1 : 0;
        int basic = std::min(n - unq, r.between(0, 2));
        int exc = std::min(n - unq - basic, std::max(1, n / 5));
        v["participants"] = n;
        v["excellent"] = exc;
        v["basic"] = basic;
        v["unqualified"] = unq;
        v["qualified"] = n - unq - basic - exc;
        if (unq > 0) v["handling"] = "经支部党员大会讨论，限期改正，列为重点帮教对象";
    }
    if (form == "discipline.lead" && v.contains("received")) {
        // Most leads are closed in time; weaker units let some run over or stay open.
        v["deadline"] = date_between(v["received"], 30, 90);
        bool closed = r.chance(st.p({0.97, 0.85, 0.65, 0.45}));
        v["status"] = closed ? (r.chance(0.8) ? "已办结" : "予以了结") : (r.chance(0.5) ? "初步核实" : "谈话函询");
        if (closed) {
            bool on_time = r.chance(st.p({0.97, 0.85, 0.6, 0.4}));
            v["closed"] = on_time ? date_between(v["received"], 5, 28) : date_between(v["deadline"], 5, 40);
            if (*Date::parse(v["closed"].get<std::string>()) < *Date::parse(v["received"].get<std::string>())) v["closed"] = v["received"];
        } else {
            v.erase("closed");
        }
        if (v.contains("form4") && v["form4"] == "第四种形态") v["form4"] = "第一种形态";
        if (st.serious_case) {
            v["status"] = "已办结";
            v["form4"] = "第四种形态";
            v["closed"] = date_between(v["received"], 1, 20);
        }
    }
    if (form == "discipline.four_winds" && v.value("found", false) && v.contains("date")) {
        v["deadline"] = date_between(v["date"], 20, 60);
        bool fixed = r.chance(st.p({0.97, 0.85, 0.6, 0.4}));
        v["status"] = fixed ? "已整改" : "整改中";
        if (fixed) v["done"] = date_between(v["date"], 5, 30);
        else v.erase("done");
    }
    if (form == "discipline.duty_list" && v.contains("status"))
        v["status"] = r.chance(st.p({0.97, 0.8, 0.6, 0.4})) ? "已完成" : "推进中";
    if (form == "review.party_staff" && v.contains("kind")) v["kind"] = r.chance(st.p({0.8, 0.65, 0.5, 0.4})) ? "专职" : "兼职";
    if (form == "civility.violation" && st.level < 3 && v.contains("severity")) v["severity"] = "党纪政务轻处分";
    fix_issue15_values(form, v, r, cx);
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
    auto tree = org_tree::subtree(db, admin.org_id, as_of);
    std::map<std::int64_t, const OrgNode*> by_id;
    std::map<std::int64_t, std::vector<std::string>> groups_of;  // branch id -> its 党小组 codes
    for (const auto& n : tree) {
        by_id[n.id] = &n;
        if (n.type == OrgType::Group && n.parent_id) groups_of[*n.parent_id].push_back(n.code);
    }

    // Members of each node's subtree, and by flag, for member fields.
    std::map<std::int64_t, NodeData> data;
    {
        auto st = db.prepare(
            "SELECT m.id, m.branch_id, (SELECT group_concat(flag, '|') FROM member_flag f WHERE f.member_id = m.id), "
            "coalesce(m.join_date, '') FROM member m WHERE m.left_on IS NULL");
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
                d.join_dates.push_back(st.text(3));
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

    // Each department's standing, from its code so it does not depend on the order of work:
    // about a quarter good, a third fair, a quarter weak, the rest poor; the two poorest
    // had a serious case this year.
    std::map<std::int64_t, Standing> standing_of;
    {
        std::vector<std::pair<std::uint64_t, std::int64_t>> depts;
        for (const auto& n : tree)
            if (n.type == OrgType::Department) {
                std::uint64_t h = 1469598103934665603ULL ^ seed;
                for (char c : n.code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
                h ^= h >> 29;
                depts.emplace_back(h * 0x9e3779b97f4a7c15ULL, n.id);
            }
        std::sort(depts.begin(), depts.end());
        for (std::size_t i = 0; i < depts.size(); ++i) {
            double q = static_cast<double>(i) / static_cast<double>(depts.size());
            Standing st;
            st.level = q < 0.27 ? 0 : q < 0.6 ? 1 : q < 0.85 ? 2 : 3;
            st.serious_case = i + 2 >= depts.size();
            standing_of[depts[i].second] = st;
        }
    }
    auto standing = [&](const OrgNode& n) -> Standing {
        for (const OrgNode* p = &n; p; p = p->parent_id && by_id.count(*p->parent_id) ? by_id.at(*p->parent_id) : nullptr)
            if (auto it = standing_of.find(p->id); it != standing_of.end()) return it->second;
        return Standing{0, false};
    };
    auto department_of = [&](const OrgNode& n) -> const OrgNode* {
        for (const OrgNode* p = &n; p; p = p->parent_id && by_id.count(*p->parent_id) ? by_id.at(*p->parent_id) : nullptr)
            if (p->type == OrgType::Department) return p;
        return nullptr;
    };
    // Who files: a form open to named roles only goes to the first of them this node has.
    auto filler_for = [&](const forms::FormDef& form, const OrgNode& node) -> Actor {
        auto has = [&](std::string_view role) {
            return std::find(form.fill_roles.begin(), form.fill_roles.end(), role) != form.fill_roles.end();
        };
        try {
            if (!form.fill_roles.empty() && !has("filler")) {
                if (has("unit_admin"))
                    if (const auto* d = department_of(node)) return svc.actor(filler_login(*d));
                if (has("admin")) return committee;
            }
            return svc.actor(filler_login(node));
        } catch (const UserError&) {
            return admin;
        }
    };

    auto forms = svc.plugin_host().forms();
    std::size_t done = 0, total = forms.size() * tree.size();
    // One outer transaction per form: every operation inside is a savepoint, so a refused
    // one still rolls back alone, and the batch commits once.
    std::map<std::int64_t, std::vector<FormInfo>> applicable_at;
    for (const auto& binding : forms) {
        if (binding->owner_unit) continue;
        const auto& form = binding->def;
        const FormHint* hint = hint_for(form.id);
        const forms::Field* member_field = nullptr;
        if (hint && hint->kind == FormHint::PerMember)
            for (const auto& f : form.fields)
                if (f.type == forms::FieldType::Member && !member_field) member_field = &f;
        db::Transaction batch(db);
        for (const auto& node : tree) {
            if (progress && ++done % 200 == 0) progress(static_cast<double>(done) / static_cast<double>(total), "生成报送记录");
            auto cached = applicable_at.find(node.id);
            if (cached == applicable_at.end()) cached = applicable_at.emplace(node.id, svc.list_forms(admin, node.code)).first;
            const auto& applicable = cached->second;
            if (std::none_of(applicable.begin(), applicable.end(), [&](const FormInfo& f) { return f.id == form.id; })) continue;
            if (form.scope == forms::FormScope::Member) continue;  // per-member records come with their plugins' own demo rules
            if (member_field && node.type != OrgType::Branch && form.scope != forms::FormScope::Department) continue;
            Actor filler = filler_for(form, node);
            const Standing st = standing(node);
            const auto& nd = data[node.id];
            // A branch's own members (not its groups' twice): the subjects of personal duties.
            std::vector<std::int64_t> subjects;
            if (member_field) {
                const auto* pool = &nd.members;
                std::string flag(hint->member_flag);
                if (member_field->member_filter.is_object() && member_field->member_filter.contains("flag") &&
                    member_field->member_filter["flag"].is_string())
                    flag = member_field->member_filter["flag"].get<std::string>();
                if (!flag.empty()) {
                    auto it = nd.by_flag.find(flag);
                    pool = it == nd.by_flag.end() ? nullptr : &it->second;
                }
                if (pool)
                    for (auto id : *pool)
                        if (r.chance(st.p({0.99, 0.93, 0.8, 0.55}))) subjects.push_back(id);
            }
            for (const auto& period : Period::year(year).subperiods(form.period)) {
                if (period.start() > as_of) break;
                int copies = form.many ? r.between(1, 3) : 1;
                std::vector<std::string_view> kinds;
                std::vector<std::string> kind_groups;  // parallel to kinds: the 党小组 holding it, if any
                if (hint && hint->kind == FormHint::Schedule) {
                    for (const auto& [option, every] : hint->schedule) {
                        if (every <= 0 || (form.period == PeriodType::Month && period.start().month() % static_cast<unsigned>(every) != 0))
                            continue;
                        const bool by_group = !hint->per_group.empty() && option == hint->per_group;
                        std::vector<std::string> holders{""};
                        if (by_group) holders = groups_of[node.id];  // none: a branch without 党小组 holds none
                        for (const auto& g : holders)
                            if (!r.chance(st.p({0.0, 0.04, 0.15, 0.3}))) {
                                kinds.push_back(option);
                                kind_groups.push_back(g);
                            }
                    }
                    copies = static_cast<int>(kinds.size());
                }
                if (hint && hint->kind == FormHint::Incident) {
                    copies = r.chance(st.p(hint->rate)) ? 1 : 0;
                    if (st.serious_case && hint->carries_serious_case) copies = 1;
                    if (copies == 0) continue;
                } else if (member_field) {
                    copies = static_cast<int>(subjects.size());
                } else if (hint && hint->kind == FormHint::Schedule) {
                    if (kinds.empty()) continue;  // nothing of this form was due, or all was skipped
                } else if (r.chance(st.p({0.0, 0.03, 0.12, 0.3}))) {
                    // Some units never file; those that do, sometimes late.
                    ++rep.missing;
                    continue;
                }
                Date deadline = period.deadline(form.deadline_days);
                bool late = r.chance(st.p({0.02, 0.06, 0.12, 0.22})) && deadline < as_of;
                Date filed = late ? std::min(as_of, deadline.add_days(r.between(3, 20)))
                                  : std::min({as_of, deadline, period.end().add_days(r.between(0, form.deadline_days))});
                bool reopened = false;
                for (int k = 0; k < copies; ++k) {
                    SubmitRequest req;
                    req.form_id = form.id;
                    req.unit_code = node.code;
                    req.period = period.str();
                    bool draft = form.period != PeriodType::Year && period.contains(as_of) && r.chance(st.p({0.1, 0.2, 0.3, 0.45}));
                    req.draft = draft;
                    svc.set_today(filed);
                    // Values that still fail the form's own checks are made again a few
                    // times; what never passes is dropped, as a record left unfinished.
                    std::optional<SubmissionInfo> s;
                    for (int attempt = 0; attempt < 4 && !s; ++attempt) {
                        json values = json::object();
                        std::optional<double> last_number;
                        std::optional<Date> last_date;
                        Context cx{node, nd, period, std::min(period.end(), filed), st, r.chance(st.p({0.97, 0.85, 0.6, 0.35}))};
                        for (const auto& f : form.fields)
                            if (auto v = value_for(f, r, cx, values, last_number, last_date); !v.is_null()) values[f.id] = v;
                        if (member_field) values[member_field->id] = subjects[static_cast<std::size_t>(k)];
                        if (!kinds.empty()) values[std::string(hint->field)] = std::string(kinds[static_cast<std::size_t>(k)]);
                        if (!kinds.empty() && !kind_groups[static_cast<std::size_t>(k)].empty())
                            values[std::string(hint->group_field)] = kind_groups[static_cast<std::size_t>(k)];
                        // Make counts agree with each other the way real records do.
                        for (auto [a, b] : {std::pair{"attended", "expected"}, {"paid", "payable"}})
                            if (values.contains(a) && values.contains(b)) {
                                values[b] = std::max<int>(values[b].get<int>(), static_cast<int>(nd.members.size() % 40 + 3));
                                values[a] = r.chance(st.p({0.92, 0.75, 0.55, 0.4})) ? values[b].get<int>()
                                                                                     : std::max(0, values[b].get<int>() - r.between(1, 3));
                            }
                        fix_plugin_values(form.id, values, r, cx);
                        req.values_json = values.dump();
                        try {
                            if (late && !reopened) {
                                svc.reopen(admin, {form.id, node.code, period.str(), "补报：材料收集延误", filed.add_days(3)});
                                reopened = true;
                            }
                            s = svc.submit(filler, req);
                        } catch (const ValidationFailed&) {
                            continue;
                        } catch (const UserError&) {
                            break;
                        }
                    }
                    if (!s) {
                        ++rep.missing;
                        continue;
                    }
                    if (draft) {
                        ++rep.drafts;
                        continue;
                    }
                    ++rep.submitted;
                    rep.late += late;
                    try {
                        // Approvals follow within a couple of weeks, along the chain.
                        svc.set_today(std::min(as_of, filed.add_days(r.between(1, 14))));
                        if (form.approval.empty()) continue;
                        if (r.chance(st.p({0.02, 0.06, 0.12, 0.2}))) {
                            svc.return_submission(approver(form.approval[0].level, node), s->id,
                                                  "请补充会议记录中的具体内容和参会人员签到情况");
                            ++rep.returned;
                            continue;
                        }
                        if (r.chance(0.15)) continue;  // still waiting for review
                        bool all = true;
                        for (const auto& step : form.approval) {
                            try {
                                svc.approve(approver(step.level, node), s->id, "同意");
                            } catch (const UserError&) {
                                all = false;
                                break;
                            }
                        }
                        rep.approved += all;
                    } catch (const UserError&) {
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
    const char* const issues[] = {"党建工作与业务工作结合不够紧密", "支部“三会一课”记录不规范", "党员教育管理存在薄弱环节",
                                  "整改措施落实不够到位", "基层党建经费保障不足"};
    for (const auto& binding : forms) {
        if (binding->def.evaluation.empty()) continue;
        db::Transaction batch(db);
        for (const auto& s : svc.list_submissions(admin, SubmissionFilter{binding->def.id, std::to_string(year), "GW", {}})) {
            if (s.state != "submitted" && s.state != "approved") continue;
            int unit_level = 1;
            if (auto it = std::find_if(tree.begin(), tree.end(), [&](const OrgNode& n) { return n.code == s.unit_code; });
                it != tree.end())
                unit_level = standing(*it).level;
            svc.set_today(std::min(as_of, Date::from_ymd(year, 12, 15)));
            // The report's scale (its scheme's), best first.
            const std::vector<std::string> ratings = svc.evaluation(admin, s.id).ratings;
            if (ratings.empty()) continue;
            const int lowest = static_cast<int>(std::min<std::size_t>(ratings.size(), 4)) - 1;
            for (const auto& who : evaluators) {
                int vote = std::clamp(unit_level + (r.chance(unit_level == 0 ? 0.1 : 0.25) ? r.between(-1, 1) : 0), 0, lowest);
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
    // What the 工委's “四不两直” visits found became rectification items when the visits were
    // submitted (the form's rectifications function, issue 15).
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
