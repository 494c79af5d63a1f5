#include "forms/workflow.hpp"

#include <string>

#include "core/errors.hpp"

namespace dj::forms {

std::string_view state_id(State s) {
    switch (s) {
        case State::Draft: return "draft";
        case State::Submitted: return "submitted";
        case State::Returned: return "returned";
        case State::Approved: return "approved";
    }
    return "";
}

std::string_view state_label(State s) {
    switch (s) {
        case State::Draft: return "草稿";
        case State::Submitted: return "已报送";
        case State::Returned: return "已退回";
        case State::Approved: return "已审核";
    }
    return "";
}

std::optional<State> parse_state(std::string_view id) {
    for (State s : {State::Draft, State::Submitted, State::Returned, State::Approved})
        if (id == state_id(s)) return s;
    return std::nullopt;
}

std::string_view action_id(Action a) {
    switch (a) {
        case Action::Save: return "save";
        case Action::Submit: return "submit";
        case Action::Approve: return "approve";
        case Action::Return: return "return";
        case Action::Withdraw: return "withdraw";
    }
    return "";
}

std::string_view action_label(Action a) {
    switch (a) {
        case Action::Save: return "保存草稿";
        case Action::Submit: return "报送";
        case Action::Approve: return "审核通过";
        case Action::Return: return "退回";
        case Action::Withdraw: return "撤回";
    }
    return "";
}

Transition next_state(State from, int step, Action action, std::size_t chain) {
    auto refuse = [&](const char* why) -> Transition {
        throw UserError("当前状态为「" + std::string(state_label(from)) + "」，不能" + std::string(action_label(action)) +
                        "：" + why);
    };
    switch (action) {
        case Action::Save:
            if (from == State::Draft || from == State::Returned) return {from, 0};
            return refuse("已报送的材料不能再修改，如需修改请由审核人退回");
        case Action::Submit:
            if (from == State::Draft || from == State::Returned) return {State::Submitted, 0};
            return refuse("已经报送过了");
        case Action::Approve:
            if (from != State::Submitted) return refuse("只有已报送的材料才能审核");
            if (chain == 0) return refuse("该表单无需审核");
            if (static_cast<std::size_t>(step) + 1 >= chain) return {State::Approved, static_cast<int>(chain)};
            return {State::Submitted, step + 1};
        case Action::Return:
            if (from != State::Submitted && from != State::Approved) return refuse("只有已报送或已审核的材料才能退回");
            return {State::Returned, 0};
        case Action::Withdraw:
            // Only before the first approval step was decided: after that the approver owns it.
            if (from != State::Submitted) return refuse("只有已报送、尚未审核的材料才能撤回");
            if (step > 0) return refuse("审核已经开始，如需修改请由审核人退回");
            return {State::Draft, 0};
    }
    return refuse("未知操作");
}

}  // namespace dj::forms
