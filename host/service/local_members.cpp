// MemberPart: the member register (党员名册).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text_checks.hpp"
#include "store/audit_log.hpp"
#include "service/json_codec.hpp"
#include "service/local_members.hpp"

namespace dj {

namespace {

std::string join_problems(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += (out.empty() ? "" : "；") + p;
    return out;
}

}  // namespace

std::vector<Member> MemberPart::list_members(const Actor& claimed, std::string_view unit_code,
                                               const MemberFilter& filter) {
    Actor who = ctx_.verified(claimed);
    auto unit = ctx_.current_node_or_throw(unit_code);
    ctx_.require(who, Capability::ReadMembers, unit.id);
    db::Transaction tx(ctx_.db, db::Transaction::Kind::Read);
    auto all = ctx_.members.current(unit.id, filter.include_subtree, filter.on);
    if (!filter.flag && !filter.name_part) return all;
    std::vector<Member> out;
    for (auto& m : all) {
        if (filter.flag && std::find(m.flags.begin(), m.flags.end(), *filter.flag) == m.flags.end()) continue;
        if (filter.name_part && m.name.find(*filter.name_part) == std::string::npos) continue;
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

// The branch of a member still on the register.
std::int64_t branch_or_throw(const store::MemberStore& members, std::int64_t member_id) {
    auto ref = members.current_ref(member_id);
    if (!ref) throw NotFound("党员编号 " + std::to_string(member_id) + " 不存在或已转出");
    return ref->branch_id;
}

}  // namespace

Member MemberPart::member(const Actor& claimed, std::int64_t id, Date on) {
    Actor who = ctx_.verified(claimed);
    ctx_.require(who, Capability::ReadMembers, branch_or_throw(ctx_.members, id));
    return ctx_.members.by_id(id, on).value();
}

namespace {
// The branch a member record names must exist now, lie in the actor's scope (checked before
// anything about it is said: a refusal names no unit outside the scope) and hold members.
OrgNode member_branch(const ServiceContext& ctx, const Actor& who, const std::string& code) {
    auto node = ctx.orgs.current_by_code(code);
    if (!node) throw UserError("所在支部「" + excerpt(code) + "」不存在或已撤销");
    ctx.require(who, Capability::WriteMembers, node->id);
    if (!org_type_holds_members(node->type))
        throw UserError("「" + node->name + "」是" + std::string(org_type_label(node->type)) +
                        "，党员应编入党支部、党总支或党小组");
    return *node;
}
}  // namespace

Member MemberPart::add_member(const Actor& claimed, const MemberInput& input) {
    Actor who = ctx_.verified(claimed);
    if (auto problems = validate_member(input, ctx_.today); !problems.empty()) throw UserError(join_problems(problems));
    auto branch = member_branch(ctx_, who, input.branch_code);
    db::Transaction tx(ctx_.db);
    auto id = ctx_.members.add(input, branch.id);
    audit_append(ctx_.db, who.login, "member.add", "member:" + std::to_string(id), "", to_json(input).dump());
    tx.commit();
    return ctx_.members.by_id(id, ctx_.today).value();
}

Member MemberPart::update_member(const Actor& claimed, std::int64_t id, const MemberInput& input) {
    Actor who = ctx_.verified(claimed);
    if (auto problems = validate_member(input, ctx_.today); !problems.empty()) throw UserError(join_problems(problems));
    db::Transaction tx(ctx_.db);
    ctx_.require(who, Capability::WriteMembers, branch_or_throw(ctx_.members, id));
    auto branch = member_branch(ctx_, who, input.branch_code);
    auto before = ctx_.members.by_id(id, ctx_.today).value();
    ctx_.members.update(id, input, branch.id);
    audit_append(ctx_.db, who.login, "member.update", "member:" + std::to_string(id), to_json(before).dump(),
                 to_json(input).dump());
    tx.commit();
    return ctx_.members.by_id(id, ctx_.today).value();
}

void MemberPart::remove_member(const Actor& claimed, std::int64_t id, Date on, std::string_view reason) {
    Actor who = ctx_.verified(claimed);
    if (reason.empty()) throw UserError("请填写减少原因（如 转出、去世、出党）");
    require_plain_text(reason, "减少原因", 100, false);
    db::Transaction tx(ctx_.db);
    ctx_.require(who, Capability::WriteMembers, branch_or_throw(ctx_.members, id));
    ctx_.members.remove(id, on, reason);
    audit_append(ctx_.db, who.login, "member.remove", "member:" + std::to_string(id), "",
                 nlohmann::json({{"left_on", on.iso()}, {"reason", reason}}).dump());
    tx.commit();
}

}  // namespace dj
