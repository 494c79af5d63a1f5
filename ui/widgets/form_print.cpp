// FormEditor: 打印（PDF） under a saved record — the page a branch files in its 会议记录 book,
// laid out by the service from the form (print_submission).
#include "form_editor.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

void FormEditor::draw_print() {
    if (!submission_) return;
    ImGui::Spacing();
    const std::int64_t id = submission_->id;
    // Named as offices name files: the record's title, the unit, the month; no internal code
    // (a second record of the month gets (2) beside the first).
    std::string title = spec_.title.empty() ? info_.title : spec_.title;
    print_.set_default_name({title, submission_->unit_name, period_label(period_)}, ".pdf");
    if (print_.draw_with_print(nullptr, "form.print") != ExportControl::Press::Print) return;
    Actor who = session_.actor();
    print_.start(session_, [who, id](Service& s) { return s.print_submission(who, id); }, true);
}

}  // namespace dj::ui
