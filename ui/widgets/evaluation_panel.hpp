#pragma once
// 述职评议 of one report submission: the votes (好/较好/一般/差, comment, issues raised), the
// result under the form's rule, how last year's rectification went, and — for those who
// may rate — one's own vote. The result and the tally come from the service; the panel never
// works them out. It owns no window: the 述职评议 screen and the form renderer host it.
#include <cstdint>
#include <optional>
#include <string>

#include "session.hpp"

namespace dj::ui {

void collect_glyphs(CodepointSet& set, const EvaluationInfo& e);

class EvaluationPanel {
public:
    explicit EvaluationPanel(Session& s) : session_(s) {}

    // Shows submission `id` (0: nothing). Reloads when the data changed (Session::revision).
    void show(std::int64_t submission_id);
    // Draws into the current window.
    void draw();
    bool busy() const { return info_.loading || voting_; }
    // The loaded evaluation, if any (the list shows the result next to the report).
    const EvaluationInfo* info() const { return info_.value ? &*info_.value : nullptr; }

private:
    void draw_tally(const EvaluationInfo& e);
    void draw_votes(const EvaluationInfo& e);
    void draw_previous(const EvaluationInfo& e);
    void draw_vote_form(const EvaluationInfo& e);
    void vote();

    Session& session_;
    std::int64_t id_ = 0;
    Loaded<EvaluationInfo> info_;
    // One's own vote, prefilled from the vote already cast.
    std::string prefilled_for_;
    std::string rating_, comment_, issues_;
    bool voting_ = false;
    std::string vote_error_;
    std::string logged_;
};

}  // namespace dj::ui
