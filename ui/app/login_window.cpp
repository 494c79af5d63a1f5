#include "login_window.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "automation.hpp"
#include "core/errors.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

// What the worker thread hands back: a signed-in client, or why not.
struct LoginWindow::Outcome {
    std::string error;
    bool throttled = false;
    int retry_after = 0;
    std::shared_ptr<Service> client;  // kept while a one-time password is changed
    SessionInfo session;
    Actor actor;  // as the server sees the session now
    Date today;
};

namespace {

// Runs `work` off the UI thread, turning every failure into a message to show.
template <class F>
std::future<std::shared_ptr<LoginWindow::Outcome>> off_thread(F work, std::function<void()> wake) {
    return std::async(std::launch::async, [work = std::move(work), wake = std::move(wake)]() mutable {
        auto o = std::make_shared<LoginWindow::Outcome>();
        try {
            work(*o);
        } catch (const Throttled& e) {
            o->error = e.what();
            o->throttled = true;
            o->retry_after = e.retry_after();
        } catch (const UserError& e) {
            o->error = e.what();
        } catch (const std::exception& e) {
            o->error = std::string("无法登录：") + e.what();
        }
        if (wake) wake();
        return o;
    });
}

// A password field: shown as dots, and in the automation log only as many stars.
bool password_field(const char* id_label, std::string& value, const char* auto_id) {
    bool changed = input(id_label, value, nullptr, ImGuiInputTextFlags_Password);
    auto_item(auto_id, true);
    if (changed) auto_log("edit", std::string(auto_id) + " " + std::string(value.size(), '*'));
    return changed;
}

}  // namespace

LoginWindow::LoginWindow(LoginBackend backend, std::string server, std::string ca, std::string login)
    : backend_(std::move(backend)), server_(std::move(server)), ca_(std::move(ca)), login_(std::move(login)) {}

LoginWindow::~LoginWindow() {
    if (work_.valid()) work_.wait();  // a login under way finishes (at most the connect timeout)
}

void LoginWindow::ask(std::string reason, bool keep_account) {
    if (asking_ && reason_ == reason) return;
    glyph_atlas().add(reason);
    reason_ = std::move(reason);
    keep_account_ = keep_account;
    asking_ = true;
    changing_ = false;
    client_.reset();
    password_.clear();
    error_.clear();
    focus_ = true;
    auto_log("login_window", reason_.empty() ? std::string("-") : reason_);
}

void LoginWindow::start_login() {
    error_.clear();
    locked_ = false;
    auto_log("login_submit", login_);
    work_ = off_thread(
        [connect = backend_.connect, server = server_, ca = ca_, login = login_, password = password_](Outcome& o) {
            if (server.empty()) throw UserError("请填写服务器地址");
            if (login.empty()) throw UserError("请填写账号");
            if (password.empty()) throw UserError("请填写密码");
            o.client = connect(server, ca);
            o.session = o.client->login(LoginRequest{login, password, ""});
            o.actor = o.session.actor;
            if (!o.actor.must_change_password) o.today = o.client->today();
        },
        backend_.wake);
}

void LoginWindow::start_change() {
    error_.clear();
    if (new_password_ != repeat_) {
        error_ = "两次输入的新密码不一致";
        glyph_atlas().add(error_);
        auto_log("password_change_failed", error_);
        return;
    }
    auto_log("password_change_submit");
    work_ = off_thread(
        [client = client_, session = session_, old = password_, fresh = new_password_](Outcome& o) {
            // The client comes back even when the new password is refused (too short, equal to
            // the login): the person corrects it and tries again on the same session.
            o.client = client;
            o.session = session;
            client->change_password(session.actor, old, fresh);
            o.actor = client->session_actor(session.token, "");
            o.today = client->today();
        },
        backend_.wake);
}

void LoginWindow::poll() {
    if (!work_.valid() || work_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    ready_ = work_.get();
    glyph_atlas().add(ready_->error);
    glyph_atlas().add(ready_->actor.display_name);
}

std::optional<SignedIn> LoginWindow::collect() {
    if (!ready_) return std::nullopt;
    std::shared_ptr<Outcome> o = std::move(ready_);
    if (!o->error.empty()) {
        error_ = o->error;
        if (o->throttled && o->retry_after > 0) {
            retry_until_ = ImGui::GetTime() + o->retry_after;
            auto_log("login_failed", format("throttled %d", o->retry_after));
        } else {
            locked_ = o->throttled;
            auto_log(changing_ ? "password_change_failed" : "login_failed", error_);
        }
        if (changing_) client_ = o->client;
        return std::nullopt;
    }
    if (!changing_ && o->actor.must_change_password) {
        // Signed in, but this session may only change the password: 修改密码 first.
        changing_ = true;
        client_ = o->client;
        session_ = o->session;
        new_password_.clear();
        repeat_.clear();
        focus_ = true;
        auto_log("password_change_needed", o->actor.login);
        return std::nullopt;
    }
    try {
        backend_.keep(server_, ca_, o->session);
    } catch (const std::exception& e) {
        error_ = e.what();  // cannot write the session file: its path, which is ASCII or the user's own
        glyph_atlas().add(error_);
        auto_log("login_failed", error_);
        return std::nullopt;
    }
    asking_ = false;
    changing_ = false;
    client_.reset();
    password_.clear();
    new_password_.clear();
    repeat_.clear();
    error_.clear();
    auto_log("login_ok", o->actor.login);
    return SignedIn{o->actor, o->today};
}

std::optional<SignedIn> LoginWindow::draw(bool alone) {
    if (!asking_) return std::nullopt;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 30, 0));
    const char* title = changing_ ? label(ZH("修改密码###login")) : label(ZH("登录###login"));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoSavedSettings;
    if (alone) {
        if (!ImGui::Begin(title, nullptr, flags)) {
            ImGui::End();
            return collect();
        }
    } else {
        // Over the app: its screens, and the draft being edited, stay as they are underneath.
        if (!ImGui::IsPopupOpen("###login")) ImGui::OpenPopup("###login");
        if (!ImGui::BeginPopupModal(title, nullptr, flags)) return collect();
    }
    // Inside the window, so that the modal closes on the frame the login succeeds.
    std::optional<SignedIn> done = collect();
    if (done) {
        if (!alone) ImGui::CloseCurrentPopup();
    } else if (changing_) {
        draw_change_password();
    } else {
        draw_fields();
    }
    if (alone)
        ImGui::End();
    else
        ImGui::EndPopup();
    return done;
}

void LoginWindow::draw_fields() {
    const float em = ImGui::GetFontSize();
    const float field_x = em * 6, field_w = ImGui::GetContentRegionAvail().x - field_x;
    heading(ZH("机关党建工作平台 · 全县共用服务器"));
    if (!reason_.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(colors::kWarn, reason_);
        if (keep_account_) text_muted(ZH("正在填写的内容都还在，重新登录后可以继续。"));
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    // The cursor starts in the first field still empty.
    const int first_empty = server_.empty() ? 0 : login_.empty() ? 1 : 2;
    auto focus_here = [&](int i) {
        if (focus_ && i == first_empty && !ImGui::IsWindowAppearing()) {
            ImGui::SetKeyboardFocusHere();
            focus_ = false;
        }
    };
    form_label(ZH("服务器地址"), true, field_x, field_w);
    focus_here(0);
    input(ZH("##server"), server_, ZH("如 https://dangjian.example:8443"), 0, "login.server");
    form_label(ZH("账号"), true, field_x, field_w);
    focus_here(1);
    input(ZH("##account"), login_, ZH("登录名"), 0, "login.account");
    form_label(ZH("密码"), true, field_x, field_w);
    focus_here(2);
    password_field(ZH("##password"), password_, "login.password");
    if (ImGui::CollapsingHeader(label(ZH("高级")))) {
        form_label(ZH("根证书文件"), false, field_x, field_w);
        input(ZH("##ca"), ca_, ZH("县里自建 CA 的根证书（PEM）；留空则用系统信任的证书"), 0, "login.ca");
        text_muted(ZH("服务器的证书由县里自建的 CA 签发时，填写该 CA 的根证书文件。"));
    }
    auto_item("login.advanced");
    ImGui::Spacing();

    const double wait = retry_until_ - ImGui::GetTime();
    if (wait > 0) {
        text_error(format(ZH("登录失败次数过多，请 %d 秒后再试"), static_cast<int>(std::ceil(wait))));
    } else if (!error_.empty()) {
        if (retry_until_ > 0) {  // the delay has passed: the old message no longer holds
            retry_until_ = 0;
            error_.clear();
            auto_log("login_retry_ready");
        } else {
            text_error(error_);
        }
    }
    const bool can = !busy() && wait <= 0;
    if (!can) ImGui::BeginDisabled();
    bool go = button(ZH("登录"), ImVec2(em * 8, 0));
    auto_item("login.submit");
    if (!can) ImGui::EndDisabled();
    if (can && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
        go = true;
    if (busy()) {
        ImGui::SameLine();
        spinner();
        ImGui::SameLine();
        text_muted(ZH("正在登录…"));
    } else if (locked_) {
        ImGui::SameLine();
        text_muted(ZH("（账号解锁后才能登录）"));
    }
    if (go) start_login();
}

void LoginWindow::draw_change_password() {
    const float em = ImGui::GetFontSize();
    const float field_x = em * 6, field_w = ImGui::GetContentRegionAvail().x - field_x;
    ImGui::PushTextWrapPos(0);
    text(format(ZH("%s（%s）：这是管理员设置的一次性初始密码，请先设置自己的新密码。"),
                session_.actor.display_name.c_str(), session_.actor.login.c_str()));
    ImGui::PopTextWrapPos();
    text_muted(ZH("新密码至少 10 个字符，不能与登录名或原密码相同。"));
    ImGui::Spacing();
    form_label(ZH("新密码"), true, field_x, field_w);
    if (focus_ && !ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
        focus_ = false;
    }
    password_field(ZH("##new_password"), new_password_, "login.new_password");
    form_label(ZH("再次输入"), true, field_x, field_w);
    password_field(ZH("##repeat_password"), repeat_, "login.repeat_password");
    ImGui::Spacing();
    if (!error_.empty()) text_error(error_);
    const bool can = !busy();
    if (!can) ImGui::BeginDisabled();
    bool go = button(ZH("修改密码"), ImVec2(em * 8, 0));
    auto_item("login.change_password");
    if (!can) ImGui::EndDisabled();
    if (can && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
        go = true;
    if (busy()) {
        ImGui::SameLine();
        spinner();
    }
    if (go) start_change();
}

}  // namespace dj::ui
