// The dangjian command line: every command group, argument parsing and the exit codes.
#include "cli/cli_main.hpp"

#include <iostream>

#include "core/errors.hpp"
#include "db/database.hpp"

namespace dj::cli {

int run(int argc, char** argv, const std::vector<CommandHook>& extra_commands) {
    Context ctx;
    CLI::App app{"dangjian 机关党建工作平台：组织、党员、报表、考核", "dangjian"};
    app.set_version_flag("--version", std::string(DJ_VERSION));
    app.require_subcommand(1);
    register_init_and_demo(app, ctx);
    register_org(app, ctx);
    register_members(app, ctx);
    register_users(app, ctx);
    register_audit(app, ctx);
    register_plugins(app, ctx);
    register_scripts(app, ctx);
    register_forms(app, ctx);
    register_assessment(app, ctx);
    register_check(app, ctx);
    register_backup(app, ctx);
    register_serve(app, ctx);
    register_login(app, ctx);
    register_dashboard(app, ctx);
    register_notices(app, ctx);
    for (const auto& add : extra_commands) add(app, ctx);
    try {
        app.parse(argc, argv);
        return 0;
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const dj::UserError& e) {
        std::cerr << "错误：" << e.what() << "\n";
        return 2;
    } catch (const dj::db::SqlError& e) {
        std::cerr << "内部错误（数据库）：" << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "内部错误：" << e.what() << "\n";
        return 1;
    }
}

}  // namespace dj::cli
