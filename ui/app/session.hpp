#pragma once
// The GUI's state that outlives a frame and is shared by views: who is acting, the org tree
// of their scope, the selected node (the context of every screen), cached reads, background
// work and notices. Views read from here and ask here; only Tasks' workers touch a Service.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "glyphs.hpp"
#include "service/service.hpp"
#include "tasks.hpp"
#include "widgets.hpp"

namespace dj::ui {

class ViewRegistry;

// Code points gathered from data on a worker thread, then added to the atlas on the UI thread.
class CodepointSet {
public:
    void add(std::string_view utf8);
    const std::vector<unsigned>& list() const { return list_; }

private:
    std::vector<bool> seen_ = std::vector<bool>(0x10000, false);
    std::vector<unsigned> list_;
};

// What each kind of result shows, for the glyph atlas; a list shows what its elements do.
template <class T>
void collect_glyphs(CodepointSet& set, const std::vector<T>& v) {
    for (const auto& x : v) collect_glyphs(set, x);
}
void collect_glyphs(CodepointSet& set, const OrgNode& n);
void collect_glyphs(CodepointSet& set, const Member& m);
void collect_glyphs(CodepointSet& set, const UserInfo& u);
void collect_glyphs(CodepointSet& set, const std::vector<AuditEntry>& v);
void collect_glyphs(CodepointSet& set, const AuditVerdict& v);
void collect_glyphs(CodepointSet& set, const ImportReport& r);
inline void collect_glyphs(CodepointSet&, bool) {}
// Forms, plugins and scripts (forms_glyphs.cpp).
void collect_glyphs(CodepointSet& set, const FormInfo& f);
void collect_glyphs(CodepointSet& set, const SubmissionInfo& s);
void collect_glyphs(CodepointSet& set, const std::vector<FieldIssue>& v);
void collect_glyphs(CodepointSet& set, const FormPreview& p);
void collect_glyphs(CodepointSet& set, const std::vector<CompletenessRow>& v);
void collect_glyphs(CodepointSet& set, const PluginInfo& p);
void collect_glyphs(CodepointSet& set, const EffectivePluginInfo& p);
void collect_glyphs(CodepointSet& set, const std::vector<PluginReloadInfo>& v);
void collect_glyphs(CodepointSet& set, const UnitScriptInfo& s);
void collect_glyphs(CodepointSet& set, const ScriptTestResult& r);
void collect_glyphs(CodepointSet& set, const AttachmentInfo& a);
void collect_glyphs(CodepointSet& set, const MemberFlagInfo& f);

// 待办 (Service::todo) with what its rows open: each form's description by id.
struct TodoData {
    TodoList list;
    std::map<std::string, FormInfo> forms;
    std::size_t count() const { return list.to_approve.size() + list.returned.size() + list.due.size(); }
};
void collect_glyphs(CodepointSet& set, const TodoData& t);

// The actor's org tree, indexed.
struct OrgTree {
    std::vector<OrgNode> nodes;  // parents before children
    std::unordered_map<std::string, std::size_t> by_code;
    std::vector<std::vector<std::size_t>> children;
    std::vector<std::size_t> roots;

    static OrgTree build(std::vector<OrgNode> nodes);
    const OrgNode* find(std::string_view code) const;
    std::optional<std::size_t> index(std::string_view code) const;
    // Node indices of the subtree under `i` (itself first), depth first.
    std::vector<std::size_t> subtree(std::size_t i) const;
    // Root-to-node path of names, e.g. 某县委 › 机关工委 › 县委办公室.
    std::string path(std::size_t i) const;
};
void collect_glyphs(CodepointSet& set, const OrgTree& t);

// A read the GUI keeps: what was asked (key), and the answer or the failure.
template <class T>
struct Loaded {
    std::string key;
    bool loading = false;
    std::optional<T> value;
    std::optional<Failure> failure;
    double seconds = 0;  // how long the last load took
    // Bumps whenever `value` changes. While a reload runs with keep_stale, `key` already names
    // the new request but `value` is still the old answer: derived data must be keyed on
    // this, not on `key`.
    std::uint64_t version = 0;
    std::string stamp() const { return key + "#" + std::to_string(version); }
};

struct Notice {
    std::string text;
    bool error = false;
    double until = 0;  // ImGui time
};

class Session {
public:
    // `resolve` turns a login into an Actor (locally: LocalService::actor on the main
    // connection). `directory` is the actor whose list_users feeds the identity switcher.
    // `today` is the service's today(): a demo database runs on its pinned date.
    Session(ServiceFactory factory, std::function<Actor(const std::string&)> resolve, Actor actor, Actor directory,
            Date today, std::function<void()> wake);
    ~Session();

    Tasks& tasks() { return tasks_; }
    ViewRegistry* views = nullptr;

    // --- Identity --------------------------------------------------------------------
    const Actor& actor() const { return actor_; }
    const Actor& directory_actor() const { return directory_; }
    bool can(Capability c) const { return role_has(actor_.role, c); }
    // Acts as another user from now on. On failure shows the reason and keeps the current one.
    bool switch_user(const std::string& login);
    Date today() const { return today_; }

    // --- Context: the actor's org tree and the selected node --------------------------
    const Loaded<OrgTree>& tree();  // (re)loads when stale
    const OrgTree* tree_if_ready() const { return tree_.value ? &*tree_.value : nullptr; }
    const OrgNode* selected() const;
    const std::string& selected_code() const { return selected_; }
    void select(const std::string& code);
    // Bumps after every successful write: every cached read is then stale.
    std::uint64_t revision() const { return revision_; }
    void changed();
    // A cache key for `what` as the current actor sees it now.
    std::string key(std::string_view what) const;

    // Members of the selected node's whole subtree (shared by 首页 and 党员名册).
    const Loaded<std::vector<Member>>& members();
    // The member flags the plugins declare (生活困难, 老党员 …): the register's checkboxes and filter.
    const Loaded<std::vector<MemberFlagInfo>>& member_flags();

    // The actor's 待办 (shared by 首页's count and the 待办 screen; reloads after every write).
    const Loaded<TodoData>& todo();
    // The people of the actor's scope, for showing a name where the service gives a login.
    const Loaded<std::vector<UserInfo>>& users();
    // The display name of `login` when known (the actor's scope), else the login itself.
    std::string person(const std::string& login);

    // --- Background work ---------------------------------------------------------------
    // Loads into `slot` unless it already holds (or is loading) `key`.
    template <class T>
    void load(Loaded<T>& slot, std::string key, const char* label, std::function<T(Service&)> work,
              Lane lane = Lane::Query, bool keep_stale = false) {
        if (slot.key == key) return;
        slot.key = key;
        slot.loading = true;
        if (!keep_stale && slot.value) {  // else the old answer shows until the new one
            slot.value.reset();
            ++slot.version;
        }
        slot.failure.reset();
        auto started = now();
        Loaded<T>* p = &slot;
        call<T>(
            label, std::move(work),
            [this, p, key, started](T& v) {
                if (p->key != key) return;  // asked for something else since
                p->value = std::move(v);
                ++p->version;
                p->loading = false;
                p->seconds = now() - started;
            },
            [p, key](const Failure& f) {
                if (p->key != key) return;
                p->failure = f;
                p->loading = false;
            },
            lane);
    }

    // Runs `work` off the UI thread; `ok`/`fail` run on the UI thread with the glyphs of the
    // result (or of the failure's message) already registered.
    template <class R>
    void call(const char* label, std::function<R(Service&)> work, std::function<void(R&)> ok,
              std::function<void(const Failure&)> fail, Lane lane = Lane::Query) {
        struct WithGlyphs {
            R value;
            CodepointSet glyphs;
        };
        tasks_.run<WithGlyphs>(
            lane, label,
            [work = std::move(work)](Service& s) {
                WithGlyphs w{work(s), {}};
                collect_glyphs(w.glyphs, w.value);
                return w;
            },
            [ok = std::move(ok)](WithGlyphs& w) {
                for (unsigned cp : w.glyphs.list()) glyph_atlas().add_codepoint(cp);
                if (ok) ok(w.value);
            },
            [fail = std::move(fail)](const Failure& f) {
                glyph_atlas().add(f.message);
                if (fail) fail(f);
            });
    }

    // --- Notices -------------------------------------------------------------------------
    void notify(std::string text, bool error = false);
    std::vector<Notice>& notices() { return notices_; }

    // --- Navigation ----------------------------------------------------------------------
    const std::string& screen() const { return screen_; }
    void show(const std::string& screen_id);

    // Where screens go (set by the shell each frame).
    ImVec2 content_pos{0, 0}, content_size{0, 0};

    // What --form / --period asked the form screens to open on (empty: their own choice).
    std::string start_form, start_period;

    static double now();

    // --- Server mode: who is signed in (a local file has no login) ----------------------
    // `gui --server`: no switching identity, and a job that gets 401 (the session ended)
    // marks the session expired instead of only failing. `signed_in`: a saved session was
    // still good at start.
    void set_remote(bool signed_in);
    bool remote() const { return remote_; }
    bool signed_in() const { return signed_in_; }
    // The last job's 401 (idle timeout, lifetime, ended by a password change or by
    // disabling): the shell asks to log in again over the views, which keep their state.
    bool expired() const { return expired_; }
    // After the 登录 window: acts as `actor`, on clients presenting the new token. The same
    // account keeps everything on screen (an unsaved draft); every cached read reloads.
    void sign_in(const Actor& actor, Date today);
    // 退出登录 (the 文件 menu, 我的身份): the shell ends the session and starts afresh.
    void request_logout() { logout_requested_ = true; }
    bool take_logout_request() { return std::exchange(logout_requested_, false); }

private:
    bool logout_requested_ = false;
    bool remote_ = false;
    bool signed_in_ = true;
    bool expired_ = false;

    Tasks tasks_;
    std::function<Actor(const std::string&)> resolve_;
    Actor actor_;
    Actor directory_;
    Date today_;
    Loaded<OrgTree> tree_;
    Loaded<std::vector<Member>> members_;
    Loaded<std::vector<MemberFlagInfo>> member_flags_;
    Loaded<TodoData> todo_;
    Loaded<std::vector<UserInfo>> users_;
    std::map<std::string, std::string> names_;  // login -> display name, from users_
    std::uint64_t names_version_ = ~0ull;
    std::string selected_;
    std::uint64_t revision_ = 0;
    std::vector<Notice> notices_;
    std::string screen_ = "home";
};

}  // namespace dj::ui
