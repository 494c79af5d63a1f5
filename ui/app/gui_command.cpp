#include "gui_command.hpp"

#include <cstdlib>

#include "core/errors.hpp"
#include "gui_options.hpp"

namespace dj::ui {

void register_gui(CLI::App& app, cli::Context& ctx) {
    static GuiOptions o;
    auto* gui = app.add_subcommand("gui", "打开桌面图形界面（中文）");
    auto* db = gui->add_option("--db", o.db_path, "数据库文件（SQLite）");
    auto* server = gui->add_option("--server", o.server,
                                   "全县共用服务器的地址（以已登录的账号打开，未登录时先显示登录窗口；与 --db 二选一）");
    db->excludes(server);
    gui->add_option("--ca", o.ca_file, "验证服务器证书用的根证书文件（县里自建的 CA）");
    gui->add_option("--as", o.as_user, "以哪个用户的身份打开（登录名；默认为第一个工委管理员）");
    gui->add_option("--screenshot", o.screenshot, "渲染若干帧后把窗口保存为 PNG 并退出（用于文档和测试）");
    gui->add_option("--frames", o.frames, "截图前在数据加载完成后再渲染的帧数（默认 3）")->check(CLI::Range(1, 10000));
    gui->add_option("--screen", o.screen,
                    "打开哪个界面：home、org、members、member、member_new、import、forms、form、completeness、indicators、"
                    "assess、evaluate、rectify、plugins、plugin_status、scripts、users、audit、audit_verify、whoami、settings");
    gui->add_option("--node", o.node, "启动时选中的组织编码（默认为本人管辖范围的顶层组织）");
    gui->add_option("--width", o.width, "窗口宽度（像素）")->check(CLI::Range(320, 8192));
    gui->add_option("--height", o.height, "窗口高度（像素）")->check(CLI::Range(240, 8192));
    gui->add_option("--font-size", o.font_px, "字号（像素；默认 16 乘以显示器缩放比例）")->check(CLI::Range(8.0, 72.0));
    gui->add_option("--plugins-dir", o.plugin_dirs, "额外的插件目录（可重复；后者覆盖同名插件）");
    gui->add_option("--form", o.form, "报表填报、报送情况界面打开的表单 id（如 formtest.visit）");
    gui->add_option("--period", o.period, "表单、指标的期间（如 2020-12、2020）；考核、述职评议取其年度（默认为今天所在的期间）");
    gui->add_option("--bench-frames", o.bench_frames,
                    "基准测试用：数据加载完成后再渲染 N 帧，打印每帧界面线程的 CPU 时间后退出（--screen empty 为空白基线）")
        ->check(CLI::Range(1, 100000));
    gui->add_option("--automation-log", o.automation_log, "测试用：把界面事件和控件位置逐行写入该文件");
    gui->callback([&ctx] {
        (void)ctx;  // the GUI opens its own connections: one per worker thread
        // Neither --db nor --server: the 登录 window asks for a server (the saved one offered).
        if (!o.server.empty() && (!o.as_user.empty() || !o.plugin_dirs.empty()))
            throw UserError("连接服务器时不能使用 --as 或 --plugins-dir：身份就是登录的账号，插件由服务器决定");
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0'))
            throw UserError(
                "没有可用的图形显示（未设置 DISPLAY）：无法打开图形界面。请在桌面环境中运行，"
                "或用 xvfb-run 等虚拟显示（scripts/run 会自动处理）");
        run_gui(o);
    });
}

}  // namespace dj::ui
