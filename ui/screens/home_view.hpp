#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstddef>
#include <string>
#include <vector>

#include "view.hpp"

namespace dj::ui {

// 首页: counts, attributes, today's reminders and the year's indicators of the node.
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
    void draw_todo();
    // 未读通知 of the actor's unit, first thing on the screen, each with 查看 and 标为已读.
    void draw_notices();
    void draw_service_reminders();
    void draw_indicators();

    // Reminders grouped by kind and organisation (newest first); groups whose latest date
    // is more than a month past fold into one line.
    struct ReminderGroup {
        std::size_t first = 0;  // the group's newest reminder (index into the list)
        std::size_t count = 0;
        bool old = false;
    };
    void group_reminders(const std::vector<Reminder>& list);
    // A name below the shown node without that node's name in front (its tooltip has it whole).
    std::string short_org_name(const std::string& name) const;
    void draw_reminder_group(const std::vector<Reminder>& list, const ReminderGroup& g, int row);
    void open_reminder(const Reminder& r);
    std::vector<ReminderGroup> groups_;
    std::size_t old_count_ = 0, old_groups_ = 0;
    std::string grouped_stamp_;
    float org_width_ = 0;  // the widest organisation name among the groups, for the 组织 column

    Loaded<std::vector<Reminder>> reminders_;
    Loaded<HomeIndicators> indicators_;
    std::string reminders_logged_, indicators_logged_, todo_logged_;
    std::string stats_key_;
    Stats stats_;
    bool members_counted_ = false;
    Loaded<std::vector<NoticeInfo>> notices_;
    std::string notices_logged_;
    bool notice_acting_ = false;
};

}  // namespace dj::ui
