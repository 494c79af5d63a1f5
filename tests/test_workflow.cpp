// Submission workflow: every legal transition, and the illegal ones refused with a reason.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "forms/workflow.hpp"

using namespace dj::forms;

TEST_CASE("workflow: draft, submit, approve step by step along a two-step chain", "[workflow]") {
    auto t = next_state(State::Draft, 0, Action::Save, 2);
    CHECK(t.to == State::Draft);
    t = next_state(t.to, t.step, Action::Submit, 2);
    CHECK(t.to == State::Submitted);
    t = next_state(t.to, t.step, Action::Approve, 2);
    CHECK(t.to == State::Submitted);
    CHECK(t.step == 1);
    t = next_state(t.to, t.step, Action::Approve, 2);
    CHECK(t.to == State::Approved);
    CHECK(t.step == 2);
}

TEST_CASE("workflow: returned goes back to the filler, is edited and resubmitted from step one", "[workflow]") {
    auto t = next_state(State::Submitted, 1, Action::Return, 2);
    CHECK(t.to == State::Returned);
    CHECK(t.step == 0);
    CHECK(next_state(State::Returned, 0, Action::Save, 2).to == State::Returned);
    auto again = next_state(State::Returned, 0, Action::Submit, 2);
    CHECK(again.to == State::Submitted);
    CHECK(again.step == 0);
    CHECK(next_state(State::Approved, 2, Action::Return, 2).to == State::Returned);
}

TEST_CASE("workflow: illegal transitions are refused and say why", "[workflow]") {
    CHECK_THROWS_WITH(next_state(State::Submitted, 0, Action::Save, 1), Catch::Contains("不能保存草稿"));
    CHECK_THROWS_WITH(next_state(State::Submitted, 0, Action::Submit, 1), Catch::Contains("已经报送过了"));
    CHECK_THROWS_WITH(next_state(State::Draft, 0, Action::Approve, 1), Catch::Contains("只有已报送的材料才能审核"));
    CHECK_THROWS_WITH(next_state(State::Approved, 1, Action::Approve, 1), Catch::Contains("当前状态为「已审核」"));
    CHECK_THROWS_WITH(next_state(State::Draft, 0, Action::Return, 1), Catch::Contains("不能退回"));
    CHECK_THROWS_WITH(next_state(State::Submitted, 0, Action::Approve, 0), Catch::Contains("无需审核"));
    CHECK_THROWS_AS(next_state(State::Approved, 1, Action::Save, 1), dj::UserError);
}
