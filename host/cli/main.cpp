// dangjian: the command-line front-end. Exit 0 on success, 2 on bad input (the message
// names the problem), 1 on an internal failure.
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "db/database.hpp"
#ifdef DJ_HAVE_GUI
#include "../../ui/app/gui_command.hpp"
#endif

int main(int argc, char** argv) {
    dj::cli::Context ctx;
    CLI::App app{"dangjian 机关党建工作平台：组织、党员、报表、考核", "dangjian"};
    app.set_version_flag("--version", std::string(DJ_VERSION));
    app.require_subcommand(1);
    dj::cli::register_init_and_demo(app, ctx);
    dj::cli::register_org(app, ctx);
    dj::cli::register_members(app, ctx);
    dj::cli::register_users(app, ctx);
    dj::cli::register_audit(app, ctx);
    dj::cli::register_plugins(app, ctx);
    dj::cli::register_scripts(app, ctx);
    dj::cli::register_forms(app, ctx);
    dj::cli::register_assessment(app, ctx);
    dj::cli::register_check(app, ctx);
#ifdef DJ_HAVE_GUI
    dj::ui::register_gui(app, ctx);
#endif
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
