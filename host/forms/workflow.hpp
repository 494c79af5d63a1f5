#pragma once
// The life of a submission: draft → submitted → (returned → submitted)* → approved, one
// approval step at a time along the form's chain; a submission no one has acted on yet can be
// withdrawn to a draft by its submitter. Pure rules; storage is elsewhere.
#include <cstddef>
#include <optional>
#include <string_view>

namespace dj::forms {

enum class State { Draft, Submitted, Returned, Approved };
enum class Action { Save, Submit, Approve, Return, Withdraw };

std::string_view state_id(State s);     // draft / submitted / returned / approved
std::string_view state_label(State s);  // 草稿 / 已报送 / 已退回 / 已审核
std::optional<State> parse_state(std::string_view id);
std::string_view action_id(Action a);    // save / submit / approve / return / withdraw
std::string_view action_label(Action a);  // 保存草稿 / 报送 / 审核通过 / 退回 / 撤回

struct Transition {
    State to;
    int step;  // approval steps completed
};

// The next state, or UserError naming why the action is not allowed now. `chain` is the
// number of approval steps; a form without approval stops at Submitted.
Transition next_state(State from, int step, Action action, std::size_t chain);

}  // namespace dj::forms
