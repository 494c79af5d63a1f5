#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "form_spec.hpp"
#include "view.hpp"

namespace dj::ui {

// 待办: what waits for the actor today (Service::todo): 待审核 with 批量审核, 被退回, the
// actor's own submissions they may still 撤回, and 本期应报 / 即将截止. Every row opens its
// record (or a new one) in the form renderer in one click.
class TodoView : public View {
public:
    explicit TodoView(Session& s) : View(s, "todo", Kind::Screen) {}
    const char* title() const override;
    bool available() const override {
        return session_.can(Capability::FillForms) || session_.can(Capability::ApproveForms);
    }
    void draw() override;
    bool busy() const override;

private:
    void draw_to_approve(const TodoData& t);
    void draw_returned(const TodoData& t);
    void draw_withdrawable(const TodoData& t);
    void draw_due(const TodoData& t);
    void open(const TodoData& t, const SubmissionInfo& s);
    void approve_selected(const TodoData& t);
    void withdraw(std::int64_t id);

    // One line that tells the record apart (the form's summary fields).
    std::string summary(const TodoData& t, const SubmissionInfo& s);

    // What each record row shows, worked out once per answer (and once the names arrive), not
    // every frame: a 工委管理员's 待审核 at city scale holds thousands of records, and each
    // summary parses the record's values. Rows are parallel to the lists they come from.
    struct Row {
        std::string open;  // form title, as the selectable's label
        std::string summary, unit, period, who, when, extra;
    };
    void build_rows(const TodoData& t);
    std::string rows_key_;
    std::vector<Row> approve_rows_, returned_rows_, withdraw_rows_;

    std::map<std::string, FormSpec> specs_;  // parsed schemas, by form id
    std::set<std::int64_t> checked_;  // 待审核 rows ticked for 批量审核
    bool acting_ = false;
    std::string result_;  // what the last batch or withdrawal did
    bool result_error_ = false;
    std::string logged_;
};

}  // namespace dj::ui
