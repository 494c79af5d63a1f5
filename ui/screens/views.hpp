#pragma once
// The views of the desktop front-end. Each is registered once in app.cpp; each owns its
// window (Begin/End) and state. Screens share the context (actor, selected node) through
// Session.
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "export_control.hpp"
#include "view.hpp"

namespace dj::ui {

// [SECTION] Sidebar: the org tree with search. The selection is every screen's context.
class OrgTreeView : public View {
public:
    explicit OrgTreeView(Session& s) : View(s, "tree", Kind::Sidebar) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

    // Where the shell puts it.
    ImVec2 pos{0, 0}, size{0, 0};

private:
    struct Row {
        std::size_t node;
        int depth;
    };
    void rebuild_rows(const OrgTree& tree);
    void expand_to(const OrgTree& tree, const std::string& code);

    std::string search_;
    std::string tree_key_;
    std::vector<char> expanded_;              // by node index in the current tree
    std::unordered_set<std::string> open_codes_;  // the same, by code (survives reloads)
    std::vector<Row> rows_;
    bool rows_dirty_ = true;
    std::string scroll_to_;  // code to bring into view once
    std::string last_selected_;
};

// [SECTION] 首页: counts, attributes, today's reminders and the year's indicators of the node.
struct HomeIndicators {
    std::vector<IndicatorInfo> defs;     // what applies at the node (direction, rule)
    std::vector<IndicatorValue> values;  // the node's own year values
};
void collect_glyphs(CodepointSet& set, const HomeIndicators& h);

class HomeView : public View {
public:
    explicit HomeView(Session& s) : View(s, "home", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    struct Stats {
        std::size_t departments = 0, organisations = 0, branches = 0, groups = 0;
        std::size_t members = 0, full = 0, probationary = 0;
    };
    void compute(const OrgTree& tree, std::size_t node, const std::vector<Member>* members);
    void draw_service_reminders();
    void draw_indicators();

    Loaded<std::vector<Reminder>> reminders_;
    Loaded<HomeIndicators> indicators_;
    std::string reminders_logged_, indicators_logged_;
    std::string stats_key_;
    Stats stats_;
    bool members_counted_ = false;
};

// [SECTION] 组织: details, history and changes of the selected node.
class OrgView : public View {
public:
    explicit OrgView(Session& s) : View(s, "org", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void draw_details(const OrgTree& tree, const OrgNode& n);
    void draw_history(const OrgNode& n);
    void draw_edit(const OrgTree& tree, const OrgNode& n);
    void draw_create(const OrgNode& n);
    void draw_close(const OrgNode& n);
    void reset_edit(const OrgNode& n);

    Loaded<std::vector<OrgNode>> history_;
    // Edit form (prefilled from the node; only changed fields are sent)
    std::string edit_for_;
    std::string e_name_, e_parent_, e_type_, e_kind_, e_staff_, e_affairs_, e_term_start_, e_term_end_, e_effective_;
    bool e_committee_ = false, e_member_ = false;
    std::string edit_error_;
    bool saving_ = false;
    // New child
    std::string c_code_, c_name_, c_type_, c_effective_, create_error_;
    // Close
    std::string close_date_, close_error_;
    int tab_ = 0;
};

// [SECTION] 党员名册: the clipped, sortable, filterable register and a detail panel.
class MembersView : public View {
public:
    explicit MembersView(Session& s) : View(s, "members", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

    // Frame-cost counters for the status bar / benchmarks.
    double last_table_ms() const { return table_ms_; }
    double last_sort_ms() const { return sort_ms_; }

private:
    void refilter(const std::vector<Member>& all);
    void sort(const std::vector<Member>& all);
    void draw_table(const std::vector<Member>& all);
    void draw_detail(const Member& m);
    void draw_remove_popup(const Member& m);

    std::string name_filter_, flag_filter_, status_filter_, branch_filter_;
    bool direct_only_ = false;
    std::string filter_key_;           // what rows_ was made for
    std::vector<std::size_t> rows_;    // indices into the loaded list, filtered and sorted
    ExportControl export_;
    std::vector<std::pair<int, bool>> sort_specs_;  // column id, ascending
    bool sort_dirty_ = true;
    std::int64_t selected_id_ = 0;
    bool select_first_ = false;
    bool scroll_to_selected_ = false;
    double table_ms_ = 0;
    double sort_ms_ = 0;
    std::string remove_reason_, remove_date_, remove_error_;
};

// [SECTION] 新增/编辑党员: a form whose messages come from the service's validation.
class MemberFormView : public View {
public:
    explicit MemberFormView(Session& s) : View(s, "member_form", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return saving_; }

    void open_new(const std::string& branch_code);
    void open_edit(const Member& m);

private:
    enum Field { kName, kGender, kBirth, kJoin, kFull, kStatus, kBranch, kPost, kLevel, kFlags, kGeneral, kFieldCount };
    void save();
    void set_error(Field f, const std::string& message);
    void route_errors(const std::string& message);
    void draw_branch_picker();

    std::int64_t id_ = 0;  // 0: new
    std::string name_, gender_ = std::string(kGenderMale), birth_, join_, full_, status_ = std::string(kStatusFull),
        branch_, post_, level_, extra_flags_;
    std::vector<std::string> flags_;
    std::string errors_[kFieldCount];
    std::string branch_search_;
    bool saving_ = false;
    bool focus_name_ = false;
};

// [SECTION] 导入党员名册: CSV import off the UI thread, with the per-row report.
class ImportView : public View {
public:
    explicit ImportView(Session& s) : View(s, "import", Kind::Tool) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override { return running_; }

private:
    std::string path_;
    bool running_ = false;
    std::optional<ImportReport> report_;
    std::optional<Failure> failure_;
    double seconds_ = 0;
};

// [SECTION] 用户: accounts in scope, and new accounts for those who manage users.
class UsersView : public View {
public:
    explicit UsersView(Session& s) : View(s, "users", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<UserInfo>> users_;
    std::string login_, name_, role_ = "填报人", org_, error_;
    bool creating_ = false;
};

// [SECTION] 审计日志: the hash-chained log, filtered, and its verification.
class AuditView : public View {
public:
    explicit AuditView(Session& s) : View(s, "audit", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<AuditEntry>> log_;
    std::string target_, actor_, since_, until_;
    int limit_ = 500;
    std::string query_;  // the filter last applied, as a cache key
    AuditFilter applied_;
    std::optional<AuditVerdict> verdict_;
    std::optional<Failure> verify_failure_;
    bool verifying_ = false;
    std::int64_t expanded_ = 0;
    ExportControl export_;
};

// [SECTION] 我的身份: who is acting, what they may do, and switching to another user.
class IdentityView : public View {
public:
    explicit IdentityView(Session& s) : View(s, "whoami", Kind::Screen) {}
    const char* title() const override;
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<UserInfo>> directory_;
    std::string filter_;
};

// [SECTION] 设置: font size and theme.
class SettingsView : public View {
public:
    explicit SettingsView(Session& s) : View(s, "settings", Kind::Tool) {}
    const char* title() const override;
    void draw() override;

private:
    float pending_size_ = 0;
    int theme_ = 0;
};

// [SECTION] 关于: version, database, font and frame statistics.
class AboutView : public View {
public:
    AboutView(Session& s, std::string db_path) : View(s, "about", Kind::Tool), db_path_(std::move(db_path)) {}
    const char* title() const override;
    void draw() override;

private:
    std::string db_path_;
};

}  // namespace dj::ui
