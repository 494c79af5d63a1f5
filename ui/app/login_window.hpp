#pragma once
// The 登录 window of server mode (`gui --server URL`, or `gui` with neither --db nor
// --server): server address, 账号, 密码, and under 高级 the county CA's file. It signs in
// through the Service interface (Service::login on a client for the typed address), then,
// when the password is a one-time initial one, asks for a new one (修改密码) before anything
// else. Every failure is shown in Chinese under the fields: wrong password, throttling with a
// live countdown, a locked or disabled account, an untrusted certificate, an unreachable
// server. The network work runs on its own thread; the window never blocks a frame.
#include <functional>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "service/service.hpp"

namespace dj::ui {

// What the login window needs from the program (app.cpp composes it): a client for an
// address, and where a session is kept once signed in.
struct LoginBackend {
    // A client for `server`, trusting `ca` (empty: the system's CAs). Throws UserError for an
    // address it cannot use.
    std::function<std::unique_ptr<Service>(const std::string& server, const std::string& ca)> connect;
    // Keeps the new session (the session file the CLI shares; the GUI's own clients).
    std::function<void(const std::string& server, const std::string& ca, const SessionInfo& session)> keep;
    // Called from the worker thread when an answer is ready (wakes an idle event loop).
    std::function<void()> wake;
};

// A finished login: who, and the server's date.
struct SignedIn {
    Actor actor;
    Date today;
};

class LoginWindow {
public:
    LoginWindow(LoginBackend backend, std::string server, std::string ca, std::string login);
    ~LoginWindow();
    LoginWindow(const LoginWindow&) = delete;
    LoginWindow& operator=(const LoginWindow&) = delete;

    // Shows the window with `reason` above the fields (empty: a plain login). `keep_account`:
    // the session expired; the same account is expected back (its draft is waiting).
    void ask(std::string reason, bool keep_account = false);
    bool asking() const { return asking_; }
    // Waiting for the server (screenshots wait for it).
    bool busy() const { return work_.valid() || ready_ != nullptr; }
    // Between frames, before the glyph atlas is rebuilt: takes a finished answer and registers
    // the glyphs of what it will show, so the frame that shows it has them.
    void poll();

    // Draws the window: filling the viewport when `alone` (nothing signed in yet), else as a
    // modal over the app, whose views stay as they are underneath. Returns the result once,
    // on the frame the login (and any password change) finished.
    std::optional<SignedIn> draw(bool alone);

    struct Outcome;  // what the worker thread hands back (login_window.cpp)

private:
    void draw_fields();
    void draw_change_password();
    void start_login();
    void start_change();
    std::optional<SignedIn> collect();

    LoginBackend backend_;
    std::string server_, ca_, login_, password_;
    std::string new_password_, repeat_;
    std::string reason_;
    std::string error_;
    double retry_until_ = 0;   // ImGui time when a throttled login may be tried again
    bool locked_ = false;      // throttled without a delay: only an administrator can unlock
    bool asking_ = false;
    bool keep_account_ = false;
    bool changing_ = false;    // the one-time password is in: now 修改密码
    bool focus_ = false;       // put the cursor in the first empty field on the next frame
    std::shared_ptr<Service> client_;  // signed in with a one-time password: changes it
    SessionInfo session_;
    std::future<std::shared_ptr<Outcome>> work_;
    std::shared_ptr<Outcome> ready_;  // taken by poll(), acted on by the next draw()
};

}  // namespace dj::ui
