#pragma once
// Server mode's composition (`gui --server URL`): where the GUI's clients point, the session
// `dangjian login` or the 登录 window saved (one session file, so the CLI and the GUI share a
// login), and the 登录 window's backend. The only place in ui/ that knows RemoteService and
// the session file; views see the Service interface.
#include <memory>
#include <mutex>
#include <string>

#include "login_window.hpp"
#include "tasks.hpp"

namespace dj::ui {

// The server, its CA and the session token; a login changes them while workers read them.
class RemoteTarget {
public:
    RemoteTarget(std::string server, std::string ca) : server_(std::move(server)), ca_(std::move(ca)) {}
    struct Snapshot {
        std::string server, ca, token;
    };
    Snapshot get() const {
        std::lock_guard lock(mu_);
        return {server_, ca_, token_};
    }
    void set(std::string server, std::string ca, std::string token) {
        std::lock_guard lock(mu_);
        server_ = std::move(server);
        ca_ = std::move(ca);
        token_ = std::move(token);
    }

private:
    mutable std::mutex mu_;
    std::string server_, ca_, token_;
};

// How the GUI starts against a server: signed in with the saved token when it is still good,
// else the 登录 window with the reason.
struct RemoteStart {
    bool signed_in = false;
    Actor actor;
    Date today;
    std::string reason;  // shown above the login fields (empty: nothing went wrong)
    std::string login;   // the account to offer (the saved session's)
};

// `server` empty: the server of the session saved last, if any (`gui` with neither --db
// nor --server).
RemoteStart start_remote(RemoteTarget& target);
// Clients presenting the target's current token (one per worker thread).
ServiceFactory remote_factory(std::shared_ptr<RemoteTarget> target);
// What the 登录 window signs in with: keeps the session in the session file and the target.
LoginBackend remote_login_backend(std::shared_ptr<RemoteTarget> target, std::function<void()> wake);
// After 退出登录: forgets the saved session (the server's was ended by Service::logout).
void forget_remote_session(RemoteTarget& target);

}  // namespace dj::ui
