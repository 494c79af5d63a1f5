// [SECTION] The shell of the desktop front-end.
#include "app.hpp"

#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "about_view.hpp"
#include "assessment_view.hpp"
#include "audit_view.hpp"
#include "drops.hpp"
#include "gui_settings.hpp"
#include "record_import_view.hpp"
#include "notices_view.hpp"
#include "automation.hpp"
#include "completeness_view.hpp"
#include "dashboard_view.hpp"
#include "core/errors.hpp"
#include "evaluations_view.hpp"
#include "forms_view.hpp"
#include "home_view.hpp"
#include "identity_view.hpp"
#include "import_view.hpp"
#include "indicators_view.hpp"
#include "io/member_csv.hpp"
#include "member_form_view.hpp"
#include "members_view.hpp"
#include "org_tree_view.hpp"
#include "org_view.hpp"
#include "plugins_view.hpp"
#include "rectification_view.hpp"
#include "scripts_view.hpp"
#include "login_window.hpp"
#include "remote_login.hpp"
#include "service/local_service.hpp"
#include "settings_view.hpp"
#include "strings.hpp"
#include "todo_view.hpp"
#include "users_view.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// [SECTION] Timing

// Milliseconds since this process started (from /proc; 10 ms resolution), so "first frame"
// includes everything: loading the program, opening the database, building the font atlas.
double ms_since_process_start() {
    std::ifstream stat("/proc/self/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = content.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream rest(content.substr(close + 2));
    std::string field;
    // Fields after the command: state is field 3; starttime is field 22.
    for (int i = 3; i <= 22 && rest >> field; ++i) {
    }
    double start_ticks = std::atof(field.c_str());
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    double now_ms = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    return now_ms - start_ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// CPU time of the calling thread: what a frame costs the UI thread, whatever else runs.
double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

// "avg=… p50=… p95=… max=…" of a series, for --bench-frames.
std::string series_stats(const char* name, std::vector<double> v) {
    if (v.empty()) return std::string(name) + "_avg=0";
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))]; };
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s_avg=%.3f %s_p50=%.3f %s_p95=%.3f %s_max=%.3f", name, sum / static_cast<double>(v.size()),
                  name, at(0.5), name, at(0.95), name, v.back());
    return buf;
}

// [SECTION] Input activity (for lazy rendering: an idle window draws no frames)

bool g_activity = true;
double g_last_ui_ms = 0;  // CPU time of the last frame's UI (NewFrame … Render)
void on_cursor(GLFWwindow*, double, double) { g_activity = true; }
void on_button(GLFWwindow*, int, int, int) { g_activity = true; }
void on_scroll(GLFWwindow*, double, double) { g_activity = true; }
void on_key(GLFWwindow*, int, int, int, int) { g_activity = true; }
void on_char(GLFWwindow*, unsigned int) { g_activity = true; }
void on_focus(GLFWwindow*, int) { g_activity = true; }
void on_enter(GLFWwindow*, int) { g_activity = true; }
void on_size(GLFWwindow*, int, int) { g_activity = true; }
void on_refresh(GLFWwindow*) { g_activity = true; }
// Files dropped on the window: held for the view that expects one (drops.hpp).
void on_drop(GLFWwindow*, int count, const char** paths) {
    std::vector<std::string> files;
    for (int i = 0; i < count; ++i) files.emplace_back(paths[i]);
    for (const auto& f : files) auto_log("drop", f);
    push_dropped(files);
    g_activity = true;
}

void glfw_error(int code, const char* text) {
    std::cerr << "GLFW 错误 " << code << "：" << (text ? text : "") << "\n";
}

// [SECTION] Screenshot

void write_png(const std::string& path, int w, int h) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows go bottom-up; PNG's top-down.
    std::vector<unsigned char> flipped(pixels.size());
    const std::size_t row = static_cast<std::size_t>(w) * 3;
    for (int y = 0; y < h; ++y)
        std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * row, row,
                    flipped.data() + static_cast<std::size_t>(y) * row);
    if (!stbi_write_png(path.c_str(), w, h, 3, flipped.data(), static_cast<int>(row)))
        throw UserError("无法写入截图文件「" + path + "」");
}

// [SECTION] Registration of strings that come from the host, not from ZH literals

void register_host_strings(GlyphAtlas& atlas) {
    for (const char* s : static_strings()) atlas.add(s);
    for (Role r : kAllRoles) atlas.add(role_label(r));
    for (Capability c : kAllCapabilities) atlas.add(capability_label(c));
    for (OrgType t : {OrgType::County, OrgType::Committee, OrgType::Department, OrgType::OrganCommittee,
                      OrgType::GeneralBranch, OrgType::Branch, OrgType::Group})
        atlas.add(org_type_label(t));
    for (auto k : kDepartmentKinds) atlas.add(k);
    for (const auto& h : roster_header()) atlas.add(h);
}

void print_bench(const GuiOptions& o, int frames, bool timed_out, double first_frame_ms, double ready_ms,
                 const GlyphAtlas& atlas, const std::vector<double>& ui_cpu, const std::vector<double>& render_cpu,
                 const std::vector<double>& ui_wall, const std::vector<double>& frame_wall) {
    std::printf("bench_screen=%s bench_frames=%zu frames=%d timed_out=%d\n", o.screen.c_str(), ui_cpu.size(), frames,
                timed_out ? 1 : 0);
    std::printf("first_frame_ms=%.1f data_ready_ms=%.1f missing_glyphs=%zu glyphs=%zu\n", first_frame_ms, ready_ms,
                atlas.missing(), atlas.in_atlas());
    std::printf("%s\n%s\n%s\n%s\n", series_stats("ui_cpu_ms", ui_cpu).c_str(), series_stats("render_cpu_ms", render_cpu).c_str(),
                series_stats("ui_wall_ms", ui_wall).c_str(), series_stats("frame_wall_ms", frame_wall).c_str());
    std::fflush(stdout);
}

// [SECTION] Shell

struct ScreenChoice {
    std::string view;     // the view to show
    std::string variant;  // passed to prepare_screenshot
};

ScreenChoice parse_screen(const std::string& name) {
    if (name == "home" || name == "todo" || name == "org" || name == "members" || name == "users" || name == "audit" ||
        name == "whoami")
        return {name, name};
    if (name == "notices" || name == "notice_new" || name == "notice_receipts" || name == "notice_remind") return {"notices", name};
    if (name == "member") return {"members", "member"};
    if (name == "member_new" || name == "member_form") return {"members", "member_new"};
    if (name == "import") return {"members", "import"};
    if (name == "org_history" || name == "org_edit") return {"org", name};
    if (name == "settings" || name == "about") return {"home", name};
    if (name == "forms" || name == "completeness" || name == "plugins" || name == "scripts") return {name, name};
    if (name == "form" || name == "form_check") return {"forms", name};
    if (name == "plugin_status") return {"plugins", name};
    if (name == "indicators" || name == "assess" || name == "evaluate" || name == "rectify") return {name, name};
    if (name == "dashboard") return {name, name};
    if (name == "dashboard_lower") return {"dashboard", name};
    if (name == "audit_verify") return {"audit", name};  // the audit log with a deep check run
    if (name == "empty") return {"", name};  // --bench-frames baseline: ImGui with nothing drawn
    throw UserError("未知的界面「" + name +
                    "」：可选 home、todo、org、org_history、org_edit、members、member、member_new、import、forms、form、"
                    "form_check、completeness、indicators、assess、evaluate、rectify、dashboard、plugins、plugin_status、scripts、"
                    "users、audit、audit_verify、whoami、settings、about、notices、notice_new、notice_receipts、notice_remind");
}

class Shell {
public:
    Shell(const GuiOptions& o, GLFWwindow* window, Session& session, ViewRegistry& views)
        : o_(o), window_(window), session_(session), views_(views) {}

    void draw_frame();
    bool views_busy() const;

private:
    void draw_menu_bar();
    void draw_status_bar(float height);
    void draw_notices();

    const GuiOptions& o_;
    GLFWwindow* window_;
    Session& session_;
    ViewRegistry& views_;
};

bool Shell::views_busy() const {
    for (const auto& v : views_.all()) {
        bool shown = v->kind() == View::Kind::Sidebar || (v->kind() == View::Kind::Screen && v->id() == session_.screen()) ||
                     (v->kind() == View::Kind::Tool && v->open);
        if (shown && v->busy()) return true;
    }
    return false;
}

void Shell::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(label(ZH("文件")))) {
        if (session_.remote() && menu_item(ZH("退出登录"))) session_.request_logout();
        if (menu_item(ZH("退出"), "Ctrl+Q")) glfwSetWindowShouldClose(window_, GLFW_TRUE);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(label(ZH("设置")))) {
        if (menu_item(ZH("字号与配色…"))) views_.find("settings")->open = true;
        if (menu_item(ZH("关于…"))) views_.find("about")->open = true;
        ImGui::EndMenu();
    }
    ImGui::Separator();
    std::string listed;  // the screens this role is offered, for the automation log
    for (const auto& v : views_.all()) {
        if (v->kind() != View::Kind::Screen || !v->available()) continue;
        listed += (listed.empty() ? "" : " ") + v->id();
        bool active = v->id() == session_.screen();
        if (active) ImGui::PushStyleColor(ImGuiCol_Text, colors::kAccent);
        if (menu_item(v->title(), nullptr, active)) session_.show(v->id());
        if (active) ImGui::PopStyleColor();
        auto_item("nav." + v->id());
    }
    if (automation().enabled()) {
        static std::string last;
        if (listed != last) auto_log("nav", last = listed);
    }
    // Who is acting, at the right.
    const Actor& me = session_.actor();
    std::string who = format(ZH("当前身份：%s（%s · %s）"), me.display_name.c_str(), me.login.c_str(),
                             std::string(role_label(me.role)).c_str());
    float w = ImGui::CalcTextSize(who.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
    if (ImGui::GetCursorPosX() + w > ImGui::GetWindowWidth()) {
        // A narrow window: the navigation keeps its room, the identity gets shorter.
        who = me.display_name;
        w = ImGui::CalcTextSize(who.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
    }
    glyph_atlas().check(who);
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - w));
    if (ImGui::MenuItem(who.c_str())) session_.show("whoami");
    auto_item("nav.identity");
    ImGui::EndMainMenuBar();
}

void Shell::draw_status_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar();
    const OrgTree* tree = session_.tree_if_ready();
    std::string where;
    if (tree)
        if (auto i = tree->index(session_.selected_code())) where = tree->path(*i);
    text_muted(format(ZH("当前组织：%s"), where.empty() ? session_.selected_code().c_str() : where.c_str()));
    ImGui::SameLine();
    text_muted(format(ZH("｜ 今天 %s"), session_.today().iso().c_str()));
    for (Lane lane : {Lane::Query, Lane::Long}) {
        auto a = session_.tasks().activity(lane);
        if (!a) continue;
        ImGui::SameLine();
        text_muted(ZH("｜"));
        ImGui::SameLine();
        spinner();
        ImGui::SameLine();
        text_muted(a->queued ? format(ZH("%s（%.1f 秒，另有 %zu 项排队）"), a->label.c_str(), a->seconds, a->queued)
                             : format(ZH("%s（%.1f 秒）"), a->label.c_str(), a->seconds));
    }
    if (show_frame_time()) {  // a developer's measure: only when asked for in 设置
        std::string fps = format(ZH("界面 %.2f 毫秒/帧"), g_last_ui_ms);
        float w = ImGui::CalcTextSize(fps.c_str()).x;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 10, ImGui::GetWindowWidth() - w - 12));
        text_muted(fps);
    }
    ImGui::End();
}

void Shell::draw_notices() {
    auto& notices = session_.notices();
    double now = ImGui::GetTime();
    notices.erase(std::remove_if(notices.begin(), notices.end(), [&](const Notice& n) { return n.until < now; }),
                  notices.end());
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float y = vp->WorkPos.y + 8;
    int i = 0;
    for (const Notice& n : notices) {
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12, y), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::SetNextWindowBgAlpha(0.92f);
        std::string id = "##notice" + std::to_string(i++);
        ImGui::Begin(id.c_str(), nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        text_colored(n.error ? colors::kError : colors::kOk, n.text);
        ImGui::PopTextWrapPos();
        y += ImGui::GetWindowHeight() + 6;
        ImGui::End();
    }
}

void Shell::draw_frame() {
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) glfwSetWindowShouldClose(window_, GLFW_TRUE);
    draw_menu_bar();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float status_h = ImGui::GetFrameHeight() + 6;
    float sidebar_w = std::min(ImGui::GetFontSize() * 20.0f, vp->WorkSize.x * 0.35f);
    float body_h = vp->WorkSize.y - status_h;
    for (const auto& v : views_.all()) {
        if (v->kind() != View::Kind::Sidebar) continue;
        if (auto* tree = dynamic_cast<OrgTreeView*>(v.get())) {
            tree->pos = vp->WorkPos;
            tree->size = ImVec2(sidebar_w, body_h);
        }
        v->draw();
    }
    session_.content_pos = ImVec2(vp->WorkPos.x + sidebar_w, vp->WorkPos.y);
    session_.content_size = ImVec2(vp->WorkSize.x - sidebar_w, body_h);
    if (View* screen = views_.find(session_.screen())) screen->draw();
    for (const auto& v : views_.all())
        if (v->kind() == View::Kind::Tool && v->open) v->draw();
    draw_status_bar(status_h);
    draw_notices();
}

}  // namespace

// [SECTION] run_gui

void run_gui(const GuiOptions& o) {
    const auto t_start = std::chrono::steady_clock::now();
    const bool screenshot = !o.screenshot.empty();
    const bool bench = o.bench_frames > 0;
    // Screenshots and benchmarks draw every frame as fast as they can, with no pointer.
    const bool unattended = screenshot || bench;
    ScreenChoice choice = parse_screen(o.screen);

    // The main connection: resolves logins to actors (local mode only). Screens use the
    // workers' own connections, through the Service interface.
    const bool trace = std::getenv("DJ_GUI_TRACE") != nullptr;
    auto phase = [&](const char* what) {
        if (trace)
            std::fprintf(stderr, "[gui] %-28s %8.1f ms since start, %8.1f ms since process start\n", what,
                         ms_between(t_start, std::chrono::steady_clock::now()), ms_since_process_start());
    };
    phase("start");
    // The font file (5 MB) is read while the window and GL context are being made.
    std::vector<unsigned char> font_bytes;
    std::thread font_reader([&font_bytes] { font_bytes = GlyphAtlas::read_font_file(); });
    struct JoinGuard {
        std::thread& t;
        ~JoinGuard() {
            if (t.joinable()) t.join();
        }
    } font_join{font_reader};
    std::vector<std::filesystem::path> plugin_dirs(o.plugin_dirs.begin(), o.plugin_dirs.end());
    // Local: a file, acting --as its owner chooses. Remote: the county server, as the account
    // `dangjian login` signed in (its session token); there is no switching identity there.
    std::unique_ptr<LocalService> local;
    ServiceFactory factory;
    std::function<Actor(const std::string&)> resolve;
    Actor actor, directory;
    Date today;
    // Server mode: --server, or neither --server nor --db (the 登录 window asks for a server).
    const bool remote_mode = !o.server.empty() || o.db_path.empty();
    std::string db_path = remote_mode ? o.server : o.db_path;
    std::shared_ptr<RemoteTarget> target;
    RemoteStart remote_start;
    if (!remote_mode) {
        local = LocalService::open(o.db_path);
        actor = local->actor(o.as_user);
        local->use_command_line_plugin_dirs(actor, plugin_dirs);  // refused for whom it would let override a plugin
        directory = local->actor();
        today = local->today();
        factory = [db_path, plugin_dirs]() -> std::unique_ptr<Service> {
            auto s = LocalService::open(db_path);
            s->set_extra_plugin_dirs(plugin_dirs);  // every connection sees the same plugins
            return s;
        };
        resolve = [&local](const std::string& login) { return local->actor(login); };
    } else {
        // The saved session when it is still good; else the 登录 window (remote_login.cpp).
        target = std::make_shared<RemoteTarget>(o.server, o.ca_file);
        remote_start = start_remote(*target);
        actor = remote_start.actor;
        directory = actor;
        today = remote_start.today;
        factory = remote_factory(target);  // one client per worker thread
        resolve = [](const std::string&) -> Actor {
            throw UserError("连接服务器时不能切换身份：请以另一个账号登录");
        };
    }

    if (!o.automation_log.empty()) automation().open(o.automation_log);
    gui_settings_user(actor.login);  // the file dialog's 最近位置 are this account's

    phase("database opened");
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) throw UserError("无法连接图形显示（DISPLAY=" + std::string(getenv("DISPLAY") ? getenv("DISPLAY") : "") + "），图形界面无法启动");
    struct GlfwGuard {
        ~GlfwGuard() { glfwTerminate(); }
    } glfw_guard;
    phase("glfw initialised");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    if (unattended) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    // On a HiDPI monitor the window grows with the text; a screenshot keeps the exact pixel
    // size it was asked for.
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, unattended ? GLFW_FALSE : GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(o.width, o.height, "dangjian 机关党建工作平台", nullptr, nullptr);
    if (!window) throw UserError("无法创建窗口（需要 OpenGL 3.0）");
    glfwMakeContextCurrent(window);
    glfwSwapInterval(unattended ? 0 : 1);

    phase("window and GL context");
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetWindowFocusCallback(window, on_focus);
    glfwSetCursorEnterCallback(window, on_enter);
    glfwSetFramebufferSizeCallback(window, on_size);
    glfwSetWindowRefreshCallback(window, on_refresh);
    glfwSetDropCallback(window, on_drop);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);  // chains to the callbacks above
    ImGui_ImplOpenGL3_Init("#version 130");

    phase("imgui initialised");
    GlyphAtlas& atlas = glyph_atlas();
    font_reader.join();
    atlas.set_font_bytes(std::move(font_bytes));
    phase("font file read");
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    atlas.set_content_scale(xscale);
    if (o.font_px > 0) atlas.set_base_size(o.font_px);
    apply_style(xscale);
    register_host_strings(atlas);

    // Server mode: the 登录 window, kept across 退出登录 so the address and account stay filled in.
    std::unique_ptr<LoginWindow> login;
    if (remote_mode) {
        login = std::make_unique<LoginWindow>(remote_login_backend(target, [] { glfwPostEmptyEvent(); }),
                                              target->get().server, o.ca_file, remote_start.login);
        if (!remote_start.signed_in) login->ask(remote_start.reason);
    }
    bool signed_in_at_start = !remote_mode || remote_start.signed_in;
    for (bool again = true; again;) {  // once, or again after 退出登录 with everything fresh
        again = false;
        Session session(factory, resolve, actor, directory, today, [] { glfwPostEmptyEvent(); });
        if (remote_mode) session.set_remote(signed_in_at_start);
        session.start_form = o.form;
        session.start_period = o.period;
        ViewRegistry views;
        session.views = &views;
        // Registration order is the navigation order.
        views.add<OrgTreeView>(session);
        views.add<HomeView>(session);
        views.add<TodoView>(session);
        views.add<NoticesView>(session);
        views.add<OrgView>(session);
        views.add<MembersView>(session);
        views.add<FormsView>(session);
        views.add<CompletenessView>(session);
        views.add<IndicatorsView>(session);
        views.add<AssessmentView>(session);
        views.add<EvaluationsView>(session);
        views.add<RectificationView>(session);
        views.add<DashboardView>(session);
        views.add<PluginsView>(session);
        views.add<ScriptsView>(session);
        views.add<UsersView>(session);
        views.add<AuditView>(session);
        views.add<IdentityView>(session);
        views.add<MemberFormView>(session);
        views.add<ImportView>(session);
        views.add<RecordImportView>(session);
        views.add<SettingsView>(session);
        views.add<AboutView>(session, db_path);

        // The screen asked for, once someone is signed in.
        auto open_first_screen = [&] {
            if (!o.node.empty()) session.select(o.node);
            session.show(choice.view);
            auto_log("actor", session.actor().login);
            auto_log("screen", session.screen());
            auto_log("selected", session.selected_code());
            if (View* v = views.find(choice.view)) v->prepare_screenshot(choice.variant);
            if (choice.variant == "member_new") {
                std::string branch = o.node;
                views.get<MemberFormView>()->open_new(branch);
            }
            if (choice.variant == "import" || choice.variant == "settings" || choice.variant == "about")
                views.find(choice.variant)->open = true;
        };
        if (session.signed_in()) open_first_screen();
        bool logged_out = false;

        phase("views registered");
        Shell shell(o, window, session, views);
        int frame = 0;
        int ready_frames = 0;
        double first_frame_ms = -1, first_frame_internal_ms = -1, ready_ms = -1;
        double ui_ms_sum = 0, frame_ms_sum = 0;
        int timed_frames = 0;
        bool ctrl_was_down = false;
        float last_scale = xscale;
        auto last_frame = std::chrono::steady_clock::now();
        bool logged_window = false;
        bool logged_idle = false;
        int extra_frames = 3;  // frames still to draw after the last input or result
        const bool empty_frame = choice.variant == "empty";
        std::vector<double> bench_ui_cpu, bench_render_cpu, bench_ui_wall, bench_frame_wall;
        const double kScreenshotTimeoutMs = 120000;

        while (!glfwWindowShouldClose(window)) {
            // Sleep when nothing happens; draw continuously while work is under way.
            bool busy = !session.tasks().idle() || !session.notices().empty();
            bool polling = unattended || busy || g_activity || extra_frames > 0;
            if (polling) {
                glfwPollEvents();
            } else {
                glfwWaitEventsTimeout(0.5);
            }
            // The automation log's commands (tests): a drop takes GLFW's drop path.
            if (automation().enabled())
                for (const auto& cmd : automation().take_commands())
                    if (cmd.rfind("drop ", 0) == 0) {
                        const char* path = cmd.c_str() + 5;
                        on_drop(window, 1, &path);
                    }
            bool had_activity = g_activity;
            g_activity = false;
            if (session.tasks().pump() > 0) had_activity = true;
            if (login && login->busy()) {
                login->poll();
                had_activity = true;  // the spinner turns; an answer is drawn at once
            }
            if (had_activity)
                extra_frames = 3;  // hover, popups and layout settle over a few frames
            else if (extra_frames > 0)
                --extra_frames;

            // Characters typed since the last frame, and text about to be pasted, go into the
            // atlas before the frame that shows them.
            for (ImWchar c : io.InputQueueCharacters) atlas.add_codepoint(c);
            bool ctrl_down = glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS ||
                             glfwGetKey(window, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
            if (ctrl_down && !ctrl_was_down) {
                // An empty clipboard is not an error worth printing.
                GLFWerrorfun previous = glfwSetErrorCallback(nullptr);
                if (const char* clip = glfwGetClipboardString(window)) atlas.add(clip);
                glfwSetErrorCallback(previous);
            }
            ctrl_was_down = ctrl_down;

            glfwGetWindowContentScale(window, &xscale, &yscale);
            if (xscale != last_scale) {
                atlas.set_content_scale(xscale);
                apply_style(xscale);
                last_scale = xscale;
            }
            if (atlas.dirty()) {
                atlas.rebuild();
                ImGui_ImplOpenGL3_DestroyFontsTexture();
                ImGui_ImplOpenGL3_CreateFontsTexture();
                if (frame == 0) phase("font atlas built");
            }

            auto t0 = std::chrono::steady_clock::now();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            if (unattended) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // no hover highlights in pictures
            const double cpu0 = thread_cpu_ms();
            ImGui::NewFrame();
            if (empty_frame) {
            } else if (login && !session.signed_in()) {
                if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) glfwSetWindowShouldClose(window, GLFW_TRUE);
                if (auto in = login->draw(true)) {
                    session.sign_in(in->actor, in->today);
                    open_first_screen();
                }
            } else {
                shell.draw_frame();
                if (login) {
                    // A 401 anywhere: log in again over the screens, which keep their state.
                    if (session.expired() && !login->asking()) login->ask(ZH("登录已过期，请重新登录"), true);
                    if (auto in = login->draw(false)) session.sign_in(in->actor, in->today);
                }
            }
            // A drop no view took: say so rather than lose it.
            if (auto left = unclaimed_drops(); !left.empty()) {
                std::string names;
                for (const auto& f : left) names += (names.empty() ? "" : "、") + std::filesystem::path(f).filename().string();
                session.notify("拖入的文件「" + names + "」在当前界面无法使用：请先打开“导入党员名册”、“从 Excel 导入记录”"
                               "或表单的附件栏，再拖入文件", true);
                auto_log("drop_unclaimed", names);
            }
            ImGui::Render();
            auto t1 = std::chrono::steady_clock::now();
            const double cpu1 = thread_cpu_ms();
            g_last_ui_ms = ms_between(t0, t1);

            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            glViewport(0, 0, fb_w, fb_h);
            ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            glClearColor(bg.x, bg.y, bg.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            const double cpu2 = thread_cpu_ms();
            if (automation().enabled()) automation().end_frame();
            ++frame;

            // The empty baseline draws no view, so none of them can be waited for.
            bool ready = !atlas.dirty() && frame >= 2 &&
                         (empty_frame || (session.tasks().idle() && !(session.signed_in() && shell.views_busy()) &&
                                          !(login && login->busy())));  // signed out: no view is shown
            if (first_frame_ms < 0) {
                glFinish();
                phase("first frame rendered");
                first_frame_ms = ms_since_process_start();
                first_frame_internal_ms = ms_between(t_start, std::chrono::steady_clock::now());
            }
            if (ready && ready_ms < 0) ready_ms = ms_since_process_start();
            if (ready) {
                ++ready_frames;
                ui_ms_sum += ms_between(t0, t1);
                frame_ms_sum += ms_between(last_frame, std::chrono::steady_clock::now());
                ++timed_frames;
            }
            if (automation().enabled()) {
                if (!logged_window) {
                    int x = 0, y = 0;
                    glfwGetWindowPos(window, &x, &y);
                    automation().log("window", format("%d %d %d %d", x, y, fb_w, fb_h));
                    logged_window = true;
                }
                bool idle_now = ready;
                if (idle_now && !logged_idle) automation().log("idle");
                logged_idle = idle_now;
            }
            if (bench && ready && ready_frames > 1) {
                // Frames after the first ready one: the data is there and the layout settled.
                bench_ui_cpu.push_back(cpu1 - cpu0);
                bench_render_cpu.push_back(cpu2 - cpu1);
                bench_ui_wall.push_back(ms_between(t0, t1));
                bench_frame_wall.push_back(ms_between(last_frame, std::chrono::steady_clock::now()));
            }
            if (unattended) {
                // Done when the screenshot's frames are drawn and the benchmark has its
                // samples (each only if asked for), or after the time limit either way.
                const bool timed_out = ms_between(t_start, std::chrono::steady_clock::now()) > kScreenshotTimeoutMs;
                const bool bench_done = !bench || static_cast<int>(bench_ui_cpu.size()) >= o.bench_frames;
                const bool shot_done = !screenshot || ready_frames >= o.frames;
                if ((bench_done && shot_done) || timed_out) {
                    if (bench)
                        print_bench(o, frame, timed_out, first_frame_ms, ready_ms, atlas, bench_ui_cpu, bench_render_cpu,
                                    bench_ui_wall, bench_frame_wall);
                    if (screenshot) {
                        glFinish();
                        write_png(o.screenshot, fb_w, fb_h);
                        std::printf("screenshot=%s width=%d height=%d\n", o.screenshot.c_str(), fb_w, fb_h);
                        std::printf("screen=%s frames=%d timed_out=%d\n", o.screen.c_str(), frame, timed_out ? 1 : 0);
                        std::printf("content_scale=%.2f font_px=%.1f\n", atlas.content_scale(), atlas.pixel_size());
                        std::printf("missing_glyphs=%zu glyphs=%zu unsupported_glyphs=%zu atlas_builds=%zu atlas_ms=%.1f\n",
                                    atlas.missing(), atlas.in_atlas(), atlas.unsupported().size(), atlas.builds(),
                                    atlas.total_build_ms());
                        std::printf("first_frame_ms=%.1f first_frame_since_gui_start_ms=%.1f data_ready_ms=%.1f\n",
                                    first_frame_ms, first_frame_internal_ms, ready_ms);
                        std::printf("ui_ms_avg=%.3f frame_ms_avg=%.3f\n", timed_frames ? ui_ms_sum / timed_frames : 0.0,
                                    timed_frames ? frame_ms_sum / timed_frames : 0.0);
                        if (auto* m = views.get<MembersView>(); m && session.screen() == "members")
                            std::printf("member_table_ms=%.3f member_sort_ms=%.1f\n", m->last_table_ms(), m->last_sort_ms());
                        std::fflush(stdout);
                    }
                    break;
                }
            }
            if (session.take_logout_request()) {
                // 退出登录: the server ends the session, then everything starts afresh at the
                // 登录 window (nothing of this account's stays on screen).
                auto done = [&logged_out](auto&&...) { logged_out = true; };
                session.call<bool>(
                    ZH("退出登录"),
                    [token = target->get().token](Service& s) {
                        s.logout(token);
                        return true;
                    },
                    done, done);
            }
            if (logged_out) {
                again = true;
                break;
            }
            glfwSwapBuffers(window);
            if (frame == 1) phase("first frame swapped");
            last_frame = std::chrono::steady_clock::now();
            if (!unattended && polling) {
                // Under Xvfb (no vsync) keep the busy loop to ~60 frames a second.
                double spent = ms_between(t0, last_frame);
                if (spent < 15.0) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int>((15.0 - spent) * 1000)));
            }
        }
        session.tasks().shutdown();
        if (again) {
            forget_remote_session(*target);
            auto_log("logged_out");
            signed_in_at_start = false;
            login->ask(ZH("已退出登录"));
            continue;
        }
        if (!unattended) {
            std::printf("missing_glyphs=%zu glyphs=%zu frames=%d\n", atlas.missing(), atlas.in_atlas(), frame);
            std::fflush(stdout);
        }
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
}

}  // namespace dj::ui
