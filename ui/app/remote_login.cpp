#include "remote_login.hpp"

#include "cli/session_file.hpp"
#include "core/errors.hpp"
#include "remote/remote_service.hpp"

namespace dj::ui {

RemoteStart start_remote(RemoteTarget& target) {
    RemoteStart start;
    auto t = target.get();
    if (t.server.empty()) {
        // `gui` alone: offer the server last logged in to (the session file keeps no order;
        // with one saved server, as on an office PC, that is the one).
        auto saved = cli::saved_sessions();
        if (!saved.empty()) t.server = saved.front().server_url;
    }
    for (const auto& s : cli::saved_sessions())
        if (s.server_url == t.server || s.server_url + "/" == t.server) start.login = s.login;
    target.set(t.server, t.ca, "");
    if (t.server.empty()) return start;
    auto token = cli::load_session_token(t.server);
    if (!token) return start;
    try {
        auto remote = remote::connect(t.server, t.ca, *token);
        Actor actor = remote->session_actor(*token, "");
        if (actor.must_change_password) {
            start.reason = "这是一次性初始密码：请登录并修改密码";
            return start;
        }
        start.today = remote->today();
        start.actor = actor;
        start.signed_in = true;
        target.set(t.server, t.ca, *token);
    } catch (const NotAuthenticated&) {
        start.reason = "登录已过期，请重新登录";
    } catch (const UserError& e) {
        start.reason = e.what();  // unreachable, untrusted certificate: said in the window
    }
    return start;
}

ServiceFactory remote_factory(std::shared_ptr<RemoteTarget> target) {
    return [target]() -> std::unique_ptr<Service> {
        auto t = target->get();
        return remote::connect(t.server, t.ca, t.token);
    };
}

LoginBackend remote_login_backend(std::shared_ptr<RemoteTarget> target, std::function<void()> wake) {
    LoginBackend b;
    b.connect = [](const std::string& server, const std::string& ca) -> std::unique_ptr<Service> {
        return remote::connect(server, ca);
    };
    b.keep = [target](const std::string& server, const std::string& ca, const SessionInfo& session) {
        // The same file and format as `dangjian login`: the CLI then acts as this account too.
        cli::save_session_token(server, session.token, session.actor.login);
        target->set(server, ca, session.token);
    };
    b.wake = std::move(wake);
    return b;
}

void forget_remote_session(RemoteTarget& target) {
    auto t = target.get();
    if (!t.server.empty()) cli::forget_session_token(t.server);
    target.set(t.server, t.ca, "");
}

}  // namespace dj::ui
