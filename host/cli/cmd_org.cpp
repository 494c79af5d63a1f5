// dangjian org …: the organisation tree, as it is now or was on a date, and its changes.
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

namespace {

std::string describe(const OrgNode& n) {
    std::string s = n.name + " [" + n.code + "] " + std::string(org_type_label(n.type));
    const auto& a = n.attrs;
    if (a.kind) s += " · " + *a.kind;
    if (a.staff_count) s += " · 在编 " + std::to_string(*a.staff_count) + " 人";
    if (a.party_affairs_staff) s += " · 专职党务干部 " + std::to_string(*a.party_affairs_staff) + " 人";
    if (a.term_end) s += " · 任期至 " + a.term_end->iso();
    if (a.has_discipline_committee) s += *a.has_discipline_committee ? " · 设机关纪委" : " · 未设机关纪委";
    if (a.has_discipline_member) s += *a.has_discipline_member ? " · 设纪检委员" : " · 未设纪检委员";
    return s;
}

void print_tree(const std::vector<OrgNode>& nodes) {
    for (const auto& n : nodes) std::cout << std::string(static_cast<std::size_t>(n.depth) * 2, ' ') << describe(n) << "\n";
}

struct OrgOptions {
    std::string at, code, name, type, parent, kind, on, term_start, term_end;
    std::optional<int> staff, affairs;
    std::optional<bool> discipline_committee, discipline_member;
};

OrgAttributes attributes_from(const OrgOptions& o) {
    OrgAttributes a;
    if (!o.kind.empty()) a.kind = o.kind;
    a.staff_count = o.staff;
    a.party_affairs_staff = o.affairs;
    a.term_start = optional_date(o.term_start, "任期开始日期");
    a.term_end = optional_date(o.term_end, "任期届满日期");
    a.has_discipline_committee = o.discipline_committee;
    a.has_discipline_member = o.discipline_member;
    return a;
}

OrgType type_from(const std::string& text) {
    auto t = parse_org_type(text);
    if (!t) throw UserError("组织类型「" + text + "」无效，应为 县委、机关工委、部门、机关党委、党总支、党支部 或 党小组");
    return *t;
}

void add_attribute_options(CLI::App& cmd, OrgOptions& o) {
    cmd.add_option("--kind", o.kind, "单位性质：行政机关、事业单位、国有企业、群团组织、其他");
    cmd.add_option("--staff", o.staff, "在编人数");
    cmd.add_option("--party-affairs-staff", o.affairs, "专职党务干部人数");
    cmd.add_option("--term-start", o.term_start, "本届任期开始日期");
    cmd.add_option("--term-end", o.term_end, "本届任期届满日期");
    cmd.add_option("--discipline-committee", o.discipline_committee, "是否设机关纪委（true/false）");
    cmd.add_option("--discipline-member", o.discipline_member, "是否设纪检委员（true/false）");
}

}  // namespace

void register_org(CLI::App& app, Context& ctx) {
    auto* org = app.add_subcommand("org", "组织树：查看、新建、调整、撤销");
    org->require_subcommand(1);
    static OrgOptions o;

    auto* tree = org->add_subcommand("tree", "显示管辖范围内的组织树（可指定某日的历史状态）");
    add_db_options(*tree, ctx);
    add_json_flag(*tree, ctx);
    tree->add_option("--at", o.at, "显示该日期（YYYY-MM-DD）时的组织树；默认今天");
    tree->callback([&ctx] {
        ctx.open();
        auto nodes = ctx.service->org_tree(ctx.actor, optional_date(o.at, "--at 日期"));
        if (ctx.json) {
            print_json_list(nodes, [](const auto& x) { return to_json(x); });
        } else {
            print_tree(nodes);
        }
    });

    auto* show = org->add_subcommand("show", "显示一个组织（可指定日期）");
    add_db_options(*show, ctx);
    add_json_flag(*show, ctx);
    show->add_option("CODE", o.code, "组织编码")->required();
    show->add_option("--at", o.at, "日期（YYYY-MM-DD）；默认今天");
    show->callback([&ctx] {
        ctx.open();
        auto n = ctx.service->org_node(ctx.actor, o.code, optional_date(o.at, "--at 日期"));
        if (ctx.json) print_json(to_json(n));
        else std::cout << describe(n) << "\n上级：" << (n.parent_code.empty() ? "无" : n.parent_code) << "\n";
    });

    auto* hist = org->add_subcommand("history", "显示一个组织的全部历史版本（更名、调整、撤销）");
    add_db_options(*hist, ctx);
    add_json_flag(*hist, ctx);
    hist->add_option("CODE", o.code, "组织编码")->required();
    hist->callback([&ctx] {
        ctx.open();
        auto versions = ctx.service->org_history(ctx.actor, o.code);
        if (ctx.json) {
            print_json_list(versions, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& n : versions)
            std::cout << n.valid_from.iso() << " 至 " << (n.valid_to ? n.valid_to->iso() : std::string("今")) << "  "
                      << describe(n) << "  上级 " << (n.parent_code.empty() ? "无" : n.parent_code) << "\n";
    });

    auto* add = org->add_subcommand("add", "新建组织");
    add_db_options(*add, ctx);
    add->add_option("--code", o.code, "组织编码（英文字母、数字）")->required();
    add->add_option("--name", o.name, "名称")->required();
    add->add_option("--type", o.type, "类型：部门、机关党委、党总支、党支部、党小组")->required();
    add->add_option("--parent", o.parent, "上级组织编码")->required();
    add->add_option("--on", o.on, "成立日期；默认今天");
    add_attribute_options(*add, o);
    add->callback([&ctx] {
        ctx.open();
        NewOrg n{o.code, o.name, type_from(o.type), o.parent, attributes_from(o),
                 optional_date(o.on, "成立日期").value_or(ctx.service->today())};
        auto made = ctx.service->create_org(ctx.actor, n);
        std::cout << "已新建：" << describe(made) << "\n";
    });

    auto* change = org->add_subcommand("change", "调整组织：更名、调整隶属关系、修改属性（自生效日期起）");
    add_db_options(*change, ctx);
    change->add_option("CODE", o.code, "组织编码")->required();
    change->add_option("--name", o.name, "新名称");
    change->add_option("--parent", o.parent, "新的上级组织编码");
    change->add_option("--type", o.type, "新类型");
    change->add_option("--on", o.on, "生效日期；默认今天");
    add_attribute_options(*change, o);
    change->callback([&ctx] {
        ctx.open();
        OrgChange c;
        if (!o.name.empty()) c.name = o.name;
        if (!o.parent.empty()) c.parent_code = o.parent;
        if (!o.type.empty()) c.type = type_from(o.type);
        c.attrs = attributes_from(o);
        c.effective = optional_date(o.on, "生效日期").value_or(ctx.service->today());
        auto after = ctx.service->change_org(ctx.actor, o.code, c);
        std::cout << "已调整（自 " << c.effective.iso() << " 起）：" << describe(after) << "\n";
    });

    auto* close = org->add_subcommand("close", "撤销组织（保留历史）");
    add_db_options(*close, ctx);
    close->add_option("CODE", o.code, "组织编码")->required();
    close->add_option("--on", o.on, "撤销日期；默认今天");
    close->callback([&ctx] {
        ctx.open();
        Date on = optional_date(o.on, "撤销日期").value_or(ctx.service->today());
        ctx.service->close_org(ctx.actor, o.code, on);
        std::cout << "已撤销 " << o.code << "（自 " << on.iso() << " 起）\n";
    });
}

}  // namespace dj::cli
