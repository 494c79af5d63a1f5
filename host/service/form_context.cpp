#include "service/form_context.hpp"

#include "core/text_checks.hpp"

namespace dj {

using nlohmann::json;

std::optional<std::string> StoreFormContext::check_member(std::int64_t id, const json& filter) {
    auto m = ctx_.members.current_ref(id);
    if (!m) return "：党员编号 " + std::to_string(id) + " 不存在或已转出";
    if (!ctx_.orgs.is_within(m->branch_id, node_id_, ctx_.today)) {
        // Outside the actor's own scope the member is not theirs to name.
        if (ctx_.orgs.is_within(m->branch_id, actor_org_id_, ctx_.today)) return "：党员「" + m->name + "」不在本组织";
        return "：党员编号 " + std::to_string(id) + " 不在本组织";
    }
    if (!filter.is_object()) return std::nullopt;
    if (filter.contains("flag") && filter["flag"].is_string()) {
        auto flag = filter["flag"].get<std::string>();
        if (!ctx_.members.has_flag(id, flag)) return "：党员「" + m->name + "」没有「" + flag + "」标记";
    }
    // A rule stated by date, not by a flag someone must remember to set (老党员补贴: 新中国成立前入党).
    if (filter.contains("joined_before") && filter["joined_before"].is_string()) {
        const std::string before = filter["joined_before"].get<std::string>();
        if (!m->join_date || *m->join_date >= before) return "：党员「" + m->name + "」不是 " + before + " 以前入党的";
    }
    if (filter.contains("any_flag") && filter["any_flag"].is_array()) {
        std::string names;
        for (const auto& f : filter["any_flag"]) {
            if (!f.is_string()) continue;
            if (ctx_.members.has_flag(id, f.get<std::string>())) return std::nullopt;
            names += (names.empty() ? "「" : "」或「") + f.get<std::string>();
        }
        if (!names.empty()) return "：党员「" + m->name + "」没有" + names + "」标记";
    }
    return std::nullopt;
}

Date StoreFormContext::today() const { return ctx_.today; }

// The node's members on that day, wherever in its subtree (a 总支's roster holds its
// branches'): those on its register who had joined by then. (The register keeps no history of
// transfers: someone who has left since is not on a past meeting's roster.)
std::optional<std::vector<std::pair<std::int64_t, std::string>>> StoreFormContext::roster(Date on) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& m : ctx_.members.current(node_id_, true, on))
        if (m.join_date <= on) out.emplace_back(m.id, m.name);
    return out;
}

std::optional<std::string> StoreFormContext::check_org(const std::string& code) {
    if (!ctx_.orgs.current_by_code(code)) return "：组织「" + excerpt(code) + "」不存在";
    return std::nullopt;
}

std::optional<std::string> StoreFormContext::check_attachment(const json& ref, const forms::Field& field) {
    auto a = ctx_.submissions.attachment(ref["attachment"].get<std::int64_t>());
    if (!a) return "：附件 " + ref["attachment"].dump() + " 不存在，请重新上传";
    if (!ctx_.orgs.is_within(a->org_id, node_id_, ctx_.today) && !ctx_.orgs.is_within(node_id_, a->org_id, ctx_.today))
        return "：附件 " + ref["attachment"].dump() + " 不属于本组织";  // another unit's file: not even its name
    const std::string name = excerpt(a->name, 40);
    if (field.max_bytes && a->size > *field.max_bytes)
        return "：附件「" + name + "」大小 " + std::to_string(a->size / 1024) + " KB，超过上限 " +
               std::to_string(*field.max_bytes / 1024) + " KB";
    if (!field.accept.empty()) {
        bool ok = false;
        for (const auto& ext : field.accept)
            ok = ok || (name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0);
        if (!ok) {
            std::string list;
            for (const auto& e : field.accept) list += (list.empty() ? "" : "、") + e;
            return "：附件「" + name + "」的类型不符合要求（应为 " + list + "）";
        }
    }
    return std::nullopt;
}

std::vector<FieldIssue> issues_of(const forms::Validation& v) {
    std::vector<FieldIssue> out;
    for (const auto& p : v.problems) out.push_back({p.field, p.message});
    return out;
}

}  // namespace dj
