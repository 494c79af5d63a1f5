#include "store/audit_replay.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>


namespace dj {

using nlohmann::json;

namespace {

// What the log says each business row should now be: "member:12" -> {field: value}. Only
// the fields some log row stated; replaying merges each row's statement over the last.
using Expected = std::map<std::string, json>;

struct Kind {
    const char* prefix;  // target prefix
    const char* table;   // for the baseline
    const char* noun;    // for messages
};
constexpr Kind kMember{"member:", "member", "党员"};
constexpr Kind kSubmission{"submission:", "submission", "填报记录"};
constexpr Kind kUser{"user:", "app_user", "账号"};

void merge(json& into, const json& fields) {
    if (!into.is_object()) into = json::object();
    for (auto it = fields.begin(); it != fields.end(); ++it) into[it.key()] = it.value();
}

json member_fields(const json& input) {
    json out = json::object();
    for (const char* k : {"name", "gender", "birth_date", "join_date", "full_date", "status", "branch", "post",
                          "cadre_level", "flags"})
        if (input.contains(k)) out[k] = input[k];
    return out;
}

json user_fields(const json& after) {
    json out = json::object();
    for (const char* k : {"display_name", "role", "org"})
        if (after.contains(k)) out[k] = after[k];
    return out;
}

// One log row's statement about the business rows it touched.
void replay_row(const std::string& action, const std::string& target, const json& after, Expected& exp,
                std::map<std::string, std::int64_t>& baseline) {
    if (action == "demo.generate" || action == "audit.rechain") {
        // Rows written in bulk before this point have no rows of their own in the log.
        if (after.contains("baseline") && after["baseline"].is_object())
            for (auto it = after["baseline"].begin(); it != after["baseline"].end(); ++it)
                if (it.value().is_number_integer()) baseline[it.key()] = it.value().get<std::int64_t>();
        return;
    }
    if (action == "database.create") {
        if (after.contains("admin") && after["admin"].is_string())
            merge(exp["user:" + after["admin"].get<std::string>()], {{"role", "admin"}});
        return;
    }
    if (action == "member.import") {
        if (after.contains("members") && after["members"].is_array())
            for (const auto& m : after["members"])
                if (m.is_object() && m.contains("id") && m["id"].is_number_integer())
                    merge(exp["member:" + std::to_string(m["id"].get<std::int64_t>())], member_fields(m));
        return;
    }
    if (target.starts_with(kMember.prefix)) {
        if (action == "member.remove") {
            json f = json::object();
            if (after.contains("left_on")) f["left_on"] = after["left_on"];
            if (after.contains("reason")) f["left_reason"] = after["reason"];
            merge(exp[target], f);
        } else {
            merge(exp[target], member_fields(after));
        }
    } else if (target.starts_with(kSubmission.prefix)) {
        if (action == "submission.save" || action == "submission.submit") {
            json& e = exp[target];
            merge(e, {{"data", after}});
            e.erase("state");  // the workflow decides it; the next transition row states it
            e.erase("step");
        } else {
            json f = json::object();
            if (after.contains("state")) f["state"] = after["state"];
            if (after.contains("step")) f["step"] = after["step"];
            merge(exp[target], f);
        }
    } else if (target.starts_with(kUser.prefix)) {
        merge(exp[target], user_fields(after));
    }
}

std::optional<json> current_member(const db::Connection& db, std::int64_t id) {
    auto st = db.prepare(
        "SELECT m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, n.code, m.post, m.cadre_level, "
        "m.left_on, m.left_reason FROM member m LEFT JOIN org_node n ON n.id = m.branch_id WHERE m.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    auto opt = [&st](int col) { return st.is_null(col) ? json(nullptr) : json(st.text(col)); };
    json j = {{"name", st.text(0)},   {"gender", st.text(1)}, {"birth_date", opt(2)},  {"join_date", st.text(3)},
              {"full_date", opt(4)},  {"status", st.text(5)}, {"branch", opt(6)},      {"post", st.text(7)},
              {"cadre_level", st.text(8)}, {"left_on", opt(9)}, {"left_reason", opt(10)}};
    json flags = json::array();
    auto fl = db.prepare("SELECT flag FROM member_flag WHERE member_id = ? ORDER BY flag");
    fl.bind(1, id);
    while (fl.step()) flags.push_back(fl.text(0));
    j["flags"] = flags;
    return j;
}

std::optional<json> current_submission(const db::Connection& db, std::int64_t id) {
    auto st = db.prepare("SELECT state, step, data FROM submission WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return json{{"state", st.text(0)}, {"step", st.int64(1)},
                {"data", json::parse(st.text(2), nullptr, /*allow_exceptions=*/false)}};
}

std::optional<json> current_user(const db::Connection& db, const std::string& login) {
    auto st = db.prepare(
        "SELECT u.display_name, u.role, n.code FROM app_user u LEFT JOIN org_node n ON n.id = u.org_id WHERE u.login = ?");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return json{{"display_name", st.text(0)}, {"role", st.text(1)}, {"org", st.is_null(2) ? json(nullptr) : json(st.text(2))}};
}

const std::map<std::string, std::string>& labels() {
    static const std::map<std::string, std::string> l = {
        {"name", "姓名"},        {"gender", "性别"},          {"birth_date", "出生日期"}, {"join_date", "入党日期"},
        {"full_date", "转正日期"}, {"status", "党员状态"},     {"branch", "所在支部"},     {"post", "职务"},
        {"cadre_level", "职级"}, {"flags", "标记"},           {"left_on", "减少日期"},   {"left_reason", "减少原因"},
        {"data", "填报内容"},    {"state", "状态"},           {"step", "审批步骤"},      {"display_name", "姓名"},
        {"role", "角色"},        {"org", "所在组织"}};
    return l;
}

// A value as a user reads it, cut short: a message never quotes a whole record.
std::string excerpt(const json& v) {
    std::string s = v.is_null() ? "（空）" : v.is_string() ? v.get<std::string>() : v.dump();
    std::size_t points = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++points > 30) return s.substr(0, i) + "…";
    return s;
}

bool same(const std::string& key, json expected, json actual) {
    if (key == "flags" && expected.is_array() && actual.is_array()) {
        std::sort(expected.begin(), expected.end());
        std::sort(actual.begin(), actual.end());
    }
    if (key == "step" && expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>();
    return expected == actual;
}

}  // namespace

AuditReplay audit_replay(const db::Connection& db) {
    AuditReplay out;
    Expected exp;
    std::map<std::string, std::int64_t> baseline;
    auto st = db.prepare("SELECT action, target, coalesce(after,'') FROM audit_log ORDER BY id");
    while (st.step()) {
        json after = json::parse(st.text(2), nullptr, /*allow_exceptions=*/false);
        if (after.is_discarded() || !after.is_object()) after = json::object();
        replay_row(st.text(0), st.text(1), after, exp, baseline);
    }

    std::set<std::string> stated;  // "member:12", "user:admin": rows the log speaks of
    for (const auto& [target, fields] : exp) {
        stated.insert(target);
        std::optional<json> now;
        std::string name = target;
        const Kind* kind = nullptr;
        try {
            if (target.starts_with(kMember.prefix)) {
                kind = &kMember;
                now = current_member(db, std::stoll(target.substr(7)));
                name = kMember.noun + std::string(" ") + target.substr(7);
            } else if (target.starts_with(kSubmission.prefix)) {
                kind = &kSubmission;
                now = current_submission(db, std::stoll(target.substr(11)));
                name = kSubmission.noun + std::string(" ") + target.substr(11);
            } else if (target.starts_with(kUser.prefix)) {
                kind = &kUser;
                now = current_user(db, target.substr(5));
                name = kUser.noun + std::string("「") + target.substr(5) + "」";
            }
        } catch (const std::exception&) {  // a target the program never writes ("member:x")
            continue;
        }
        if (!kind) continue;
        if (!now) {
            out.mismatches.push_back(name + "：日志记载它存在，但数据库中已没有（被绕过程序删除）");
            continue;
        }
        if (kind == &kMember && now->contains("name")) name += "（" + (*now)["name"].get<std::string>() + "）";
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (!now->contains(it.key())) continue;
            const json& actual = (*now)[it.key()];
            if (same(it.key(), it.value(), actual)) continue;
            auto label = labels().count(it.key()) ? labels().at(it.key()) : it.key();
            if (it.key() == "data")
                out.mismatches.push_back(name + "的「" + label + "」与日志最后记载的不同（被绕过程序改动）");
            else
                out.mismatches.push_back(name + "的「" + label + "」：日志为「" + excerpt(it.value()) + "」，现为「" +
                                         excerpt(actual) + "」（被绕过程序改动）");
        }
    }

    // Rows the log never speaks of: written in bulk before trust started (below the
    // baseline), or behind the program's back.
    for (const Kind* kind : {&kMember, &kSubmission, &kUser}) {
        const bool by_login = kind == &kUser;
        auto rows = db.prepare(std::string("SELECT id, ") + (by_login ? "login" : "id") + " FROM " + kind->table +
                               " ORDER BY id");
        std::int64_t older = 0;
        const std::int64_t base = baseline.count(kind->table) ? baseline[kind->table] : 0;
        while (rows.step()) {
            std::string key = kind->prefix + rows.text(1);
            if (stated.count(key)) continue;
            if (rows.int64(0) <= base) {
                ++older;
                continue;
            }
            out.mismatches.push_back(std::string(kind->noun) + " " + (by_login ? "「" + rows.text(1) + "」" : rows.text(1)) +
                                     "：日志中没有它的任何记录（被绕过程序写入）");
        }
        if (older > 0)
            out.notes.push_back(std::to_string(older) + " 条" + kind->noun +
                                "写于日志开始逐条记录之前（演示数据或迁移 8 之前的数据），日志未记载其内容，未能比对");
    }
    return out;
}

}  // namespace dj
