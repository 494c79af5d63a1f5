#include "session.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "automation.hpp"
#include "core/errors.hpp"
#include "model/audit_actions.hpp"
#include "strings.hpp"
#include "view.hpp"

namespace dj::ui {

// [SECTION] Glyphs of data

void CodepointSet::add(std::string_view utf8) {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        unsigned cp = next_codepoint(p, end);
        if (cp < 0x10000 && !seen_[cp]) {
            seen_[cp] = true;
            list_.push_back(cp);
        }
    }
}

void collect_glyphs(CodepointSet& set, const OrgNode& n) {
    set.add(n.name);
    if (n.attrs.kind) set.add(*n.attrs.kind);
}
void collect_glyphs(CodepointSet& set, const Member& m) {
    set.add(m.name);
    set.add(m.gender);
    set.add(m.status);
    set.add(m.branch_name);
    set.add(m.post);
    set.add(m.cadre_level);
    for (const auto& f : m.flags) set.add(f);
}
void collect_glyphs(CodepointSet& set, const UserInfo& u) {
    set.add(u.display_name);
    set.add(u.org_name);
}
void collect_glyphs(CodepointSet& set, const std::vector<AuditEntry>& v) {
    for (const auto& e : v) {
        set.add(e.actor);
        set.add(e.actor_name);
        for (const auto& [id, label] : e.field_labels) set.add(label);
        set.add(audit_action_label(e.action));
        for (const auto* side : {&e.before, &e.after}) {
            auto j = nlohmann::json::parse(*side, nullptr, false);
            if (j.is_object())
                for (auto it = j.begin(); it != j.end(); ++it) {
                    set.add(audit_field_label(it.key()));
                    if (it.value().is_string()) set.add(audit_value_label(it.key(), it.value().get<std::string>()));
                }
        }
        set.add(e.target);
        set.add(e.before);
        set.add(e.after);
    }
}
void collect_glyphs(CodepointSet& set, const AuditVerdict& v) { set.add(v.reason); }
void collect_glyphs(CodepointSet& set, const ImportReport& r) {
    set.add(r.encoding);
    for (const auto& p : r.problems) set.add(p.message);
}
void collect_glyphs(CodepointSet& set, const OrgTree& t) {
    for (const auto& n : t.nodes) collect_glyphs(set, n);
}

// [SECTION] Org tree

OrgTree OrgTree::build(std::vector<OrgNode> nodes) {
    OrgTree t;
    t.nodes = std::move(nodes);
    t.children.resize(t.nodes.size());
    t.by_code.reserve(t.nodes.size());
    for (std::size_t i = 0; i < t.nodes.size(); ++i) t.by_code.emplace(t.nodes[i].code, i);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        auto parent = t.by_code.find(t.nodes[i].parent_code);
        if (t.nodes[i].parent_code.empty() || parent == t.by_code.end())
            t.roots.push_back(i);
        else
            t.children[parent->second].push_back(i);
    }
    return t;
}

const OrgNode* OrgTree::find(std::string_view code) const {
    auto i = index(code);
    return i ? &nodes[*i] : nullptr;
}

std::optional<std::size_t> OrgTree::index(std::string_view code) const {
    auto it = by_code.find(std::string(code));
    if (it == by_code.end()) return std::nullopt;
    return it->second;
}

std::vector<std::size_t> OrgTree::subtree(std::size_t i) const {
    std::vector<std::size_t> out;
    std::vector<std::size_t> stack{i};
    while (!stack.empty()) {
        std::size_t n = stack.back();
        stack.pop_back();
        out.push_back(n);
        for (auto it = children[n].rbegin(); it != children[n].rend(); ++it) stack.push_back(*it);
    }
    return out;
}

std::string OrgTree::path(std::size_t i) const {
    std::vector<const OrgNode*> chain;
    const OrgNode* n = &nodes[i];
    while (n) {
        chain.push_back(n);
        n = n->parent_code.empty() ? nullptr : find(n->parent_code);
    }
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (!out.empty()) out += ZH(" › ");
        out += (*it)->name;
    }
    return out;
}

// [SECTION] Session

double Session::now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Session::Session(ServiceFactory factory, std::function<Actor(const std::string&)> resolve, Actor actor,
                 Actor directory, Date today, std::function<void()> wake)
    : tasks_(std::move(factory), std::move(wake)),
      resolve_(std::move(resolve)),
      actor_(std::move(actor)),
      directory_(std::move(directory)),
      today_(today) {
    glyph_atlas().add(actor_.display_name);
    selected_ = actor_.org_code;
}

Session::~Session() { tasks_.shutdown(); }

void Session::set_remote(bool signed_in) {
    remote_ = true;
    signed_in_ = signed_in;
    tasks_.on_expired([this](const Failure& f) {
        if (!signed_in_ || expired_) return;
        expired_ = true;
        auto_log("session_expired", f.message);
    });
}

void Session::sign_in(const Actor& actor, Date today) {
    const bool same = signed_in_ && actor.user_id == actor_.user_id;
    glyph_atlas().add(actor.display_name);
    actor_ = actor;
    directory_ = actor;
    today_ = today;
    signed_in_ = true;
    expired_ = false;
    tasks_.renew();  // the workers' clients present the old token
    if (!same) select(actor_.org_code);
    ++revision_;  // reads that failed with 401 (or were another account's) load again
    if (!same) show(std::string(screen_));
    auto_log("actor", actor_.login);
}

bool Session::switch_user(const std::string& login) {
    try {
        Actor next = resolve_(login);
        glyph_atlas().add(next.display_name);
        actor_ = std::move(next);
        select(actor_.org_code);
        ++revision_;
        show(std::string(screen_));  // falls back to 首页 when the new role does not use it
        notify(format(ZH("已切换身份：%s（%s）"), actor_.display_name.c_str(), std::string(role_label(actor_.role)).c_str()));
        auto_log("actor", actor_.login);
        return true;
    } catch (const std::exception& e) {
        glyph_atlas().add(e.what());
        notify(e.what(), true);
        return false;
    }
}

const Loaded<OrgTree>& Session::tree() {
    std::string k = key("tree");
    load<OrgTree>(
        tree_, k, ZH("加载组织架构"),
        [who = actor_](Service& s) { return OrgTree::build(s.org_tree(who, std::nullopt)); }, Lane::Query,
        tree_.value.has_value());
    if (tree_.value && !tree_.loading && !tree_.value->nodes.empty() && !tree_.value->find(selected_)) {
        // The selection is not in this scope (another user, --node, or the node was closed).
        const OrgNode& root = tree_.value->nodes[tree_.value->roots.front()];
        if (!selected_.empty())
            notify(format(ZH("组织「%s」不在当前身份的管辖范围内或已撤销，已改为显示「%s」"), selected_.c_str(),
                          root.name.c_str()),
                   true);
        select(root.code);
    }
    return tree_;
}

const OrgNode* Session::selected() const {
    const OrgTree* t = tree_if_ready();
    return t ? t->find(selected_) : nullptr;
}

void Session::select(const std::string& code) {
    if (code == selected_) return;
    selected_ = code;
    auto_log("selected", code);
}

void Session::changed() { ++revision_; }

std::string Session::key(std::string_view what) const {
    return std::string(what) + "|u" + std::to_string(actor_.user_id) + "|r" + std::to_string(revision_);
}

const Loaded<std::vector<MemberFlagInfo>>& Session::member_flags() {
    load<std::vector<MemberFlagInfo>>(
        member_flags_, key("member_flags"), ZH("加载党员标记"),
        [who = actor_](Service& s) { return s.member_flags(who); }, Lane::Query, true);
    return member_flags_;
}

void collect_glyphs(CodepointSet& set, const MemberFlagInfo& f) {
    set.add(f.name);
    set.add(f.help);
}

const Loaded<std::vector<Member>>& Session::members() {
    std::string node = selected_;
    std::string k = key("members|" + node);
    bool same_node = members_.key.rfind("members|" + node + "|u" + std::to_string(actor_.user_id) + "|", 0) == 0;
    load<std::vector<Member>>(
        members_, k, ZH("加载党员名册"),
        [who = actor_, node, on = today_](Service& s) {
            MemberFilter f;
            f.include_subtree = true;
            f.on = on;
            return s.list_members(who, node, f);
        },
        Lane::Query, same_node);
    return members_;
}

const Loaded<TodoData>& Session::todo() {
    load<TodoData>(
        todo_, key("todo"), ZH("加载待办"),
        [who = actor_](Service& s) {
            TodoData t;
            t.list = s.todo(who);
            auto want = [&](const std::string& id) {
                if (!t.forms.count(id)) t.forms.emplace(id, s.form(who, id));
            };
            for (const auto* v : {&t.list.to_approve, &t.list.returned, &t.list.withdrawable})
                for (const auto& x : *v) want(x.form_id);
            for (const auto& d : t.list.due) want(d.form_id);
            return t;
        },
        Lane::Query, true);
    return todo_;
}

void collect_glyphs(CodepointSet& set, const TodoData& t) {
    for (const auto* v : {&t.list.to_approve, &t.list.returned, &t.list.withdrawable})
        for (const auto& x : *v) collect_glyphs(set, x);
    for (const auto& d : t.list.due) {
        set.add(d.form_title);
        set.add(d.unit_name);
    }
    for (const auto& [id, f] : t.forms) collect_glyphs(set, f);
}

const Loaded<std::vector<UserInfo>>& Session::users() {
    load<std::vector<UserInfo>>(
        users_, key("users"), ZH("加载用户"), [who = actor_](Service& s) { return s.list_users(who); }, Lane::Query, true);
    return users_;
}

std::string Session::person(const std::string& login) {
    const auto& u = users();
    if (u.value && names_version_ != u.version) {
        names_.clear();
        for (const auto& x : *u.value) names_[x.login] = x.display_name;
        names_version_ = u.version;
    }
    if (login == actor_.login) return actor_.display_name;
    auto it = names_.find(login);
    return it == names_.end() ? login : it->second;
}

void Session::notify(std::string text, bool error) {
    glyph_atlas().add(text);
    auto_log(error ? "notice_error" : "notice", text);
    notices_.push_back(Notice{std::move(text), error, ImGui::GetTime() + (error ? 8.0 : 4.0)});
}

void Session::show(const std::string& screen_id) {
    std::string target = screen_id;
    if (const View* v = views ? views->find(target) : nullptr; v && !v->available()) {
        // A screen this role cannot use (a link, --screen, or after switching identity).
        notify(format(ZH("当前身份（%s）不使用「%s」，已转到首页"), std::string(role_label(actor_.role)).c_str(), v->title()),
               true);
        target = "home";
    }
    if (screen_ == target) return;
    screen_ = target;
    auto_log("screen", target);
}

}  // namespace dj::ui
