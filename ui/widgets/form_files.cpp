// FormEditor: 附件 under a record that reads only — every file its attachment fields hold (a
// table's too), each with 另存为…, so an approver or the 工委 can open the scanned 会议记录 or
// a photo in full on their own machine. Drawn outside the disabled field block: saving a
// copy changes nothing in the record.
#include "form_editor.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

void collect(const nlohmann::json& v, std::vector<AttachmentInfo>& out) {
    if (v.is_array()) {
        for (const auto& x : v) collect(x, out);
        return;
    }
    if (!v.is_object() || !v.contains("attachment") || !v["attachment"].is_number_integer()) return;
    AttachmentInfo a;
    a.id = v["attachment"].get<std::int64_t>();
    a.name = v.value("name", std::string(ZH("附件")));
    a.size = v.value("size", std::size_t{0});
    out.push_back(std::move(a));
}

}  // namespace

void FormEditor::draw_files() {
    if (!submission_ || editable()) return;
    std::vector<AttachmentInfo> files;
    for (const auto& f : spec_.fields) {
        if (!values_.contains(f.id)) continue;
        if (f.is("attachment")) collect(values_[f.id], files);
        if (f.is("table") && values_[f.id].is_array())
            for (const auto& row : values_[f.id])
                for (const auto& c : f.columns)
                    if (c.is("attachment") && row.is_object() && row.contains(c.id)) collect(row[c.id], files);
    }
    if (files.empty()) return;
    ImGui::Spacing();
    separator_text(ZH("附件"));
    files_.draw(files, "form.files");
}

}  // namespace dj::ui
