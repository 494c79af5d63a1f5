// dangjian init / demo: making a database.
#include <chrono>
#include <iostream>

#include "cli/cli_context.hpp"
#include "demo/demo_generator.hpp"
#include "demo/demo_json.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

namespace {

// A one-line progress bar on stderr, only when stderr is a terminal.
void progress_bar(double share, std::string_view stage) {
    static bool tty = isatty(2);
    if (!tty) return;
    int filled = static_cast<int>(share * 30);
    std::cerr << "\r" << stage << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(30 - filled), '.') << "] " << static_cast<int>(share * 100) << "%";
    if (share >= 1.0) std::cerr << "\n";
    std::cerr.flush();
}

}  // namespace

void register_init_and_demo(CLI::App& app, Context& ctx) {
    static std::string county = "某县委";
    static std::string admin = "admin";
    auto* init = app.add_subcommand("init", "新建一个空数据库（含县委、机关工委和第一个工委管理员）");
    init->add_option("--db", ctx.db_path, "要新建的数据库文件")->required();
    init->add_option("--county", county, "县（市）委名称，如 某县委");
    init->add_option("--admin", admin, "第一个工委管理员的登录名");
    init->callback([&ctx] {
        auto svc = LocalService::create(ctx.db_path, county, admin);
        std::cout << "已新建数据库 " << ctx.db_path << "，工委管理员登录名：" << admin << "\n";
    });

    static demo::Options opt;
    auto* demo_cmd = app.add_subcommand("demo", "生成演示数据（确定性：同一种子得到同一份数据）");
    demo_cmd->add_option("--db", ctx.db_path, "要新建的数据库文件")->required();
    demo_cmd->add_option("--scale", opt.scale, "规模：county（约120个部门）、city（约1500）、province（约20000）")
        ->check(CLI::IsMember({"county", "city", "province"}));
    demo_cmd->add_option("--seed", opt.seed, "随机种子");
    demo_cmd->add_option("--year", opt.year, "数据年度")->check(CLI::Range(2000, 2100));
    static bool with = false, without = false;
    auto* with_opt = demo_cmd->add_flag("--submissions", with, "生成一年的报送记录（县级规模默认生成）");
    demo_cmd->add_flag("--no-submissions", without, "不生成报送记录（只生成组织和党员）")->excludes(with_opt);
    demo_cmd->add_option("--plugins-dir", opt.plugin_dirs, "额外的插件目录（其表单也生成报送记录）");
    add_json_flag(*demo_cmd, ctx);
    demo_cmd->callback([&ctx] {
        opt.progress = progress_bar;
        if (with) opt.submissions = true;
        if (without) opt.submissions = false;
        auto start = std::chrono::steady_clock::now();
        auto rep = demo::generate(ctx.db_path, opt);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (ctx.json) {
            print_json(demo::to_json(opt, rep, secs));
            return;
        }
        std::cout << "已生成演示数据 " << ctx.db_path << "（规模 " << opt.scale << "，种子 " << opt.seed << "，"
                  << opt.year << " 年）\n"
                  << "  部门/单位 " << rep.departments << " 个，党组织 " << rep.party_organisations << " 个（其中党支部 "
                  << rep.branches << " 个、党小组 " << rep.groups << " 个），党员 " << rep.members << " 名，用户 "
                  << rep.users << " 个\n"
                  << "  报送记录 " << rep.submissions << " 份（补报 " << rep.late << "，退回 " << rep.returned << "，已审核 "
                  << rep.approved << "），未报 " << rep.missing << " 期\n"
                  << "  用时 " << static_cast<long>(secs + 0.5) << " 秒\n";
    });
}

}  // namespace dj::cli
