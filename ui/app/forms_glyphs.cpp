// What the form, plugin and script screens show of each service result, gathered on the
// worker thread so the atlas holds it before the frame that draws it (glyphs.hpp).
#include "session.hpp"

namespace dj::ui {

void collect_glyphs(CodepointSet& set, const FormInfo& f) {
    set.add(f.title);
    set.add(f.schema_json);  // labels, options, help, section titles
}
void collect_glyphs(CodepointSet& set, const SubmissionInfo& s) {
    set.add(s.unit_name);
    set.add(s.state_label);
    set.add(s.next_step_label);
    set.add(s.values_json);
    set.add(s.author);
    for (const auto& h : s.history) {
        set.add(h.actor);
        set.add(h.comment);
    }
}
void collect_glyphs(CodepointSet& set, const std::vector<FieldIssue>& v) {
    for (const auto& i : v) set.add(i.message);
}
void collect_glyphs(CodepointSet& set, const FormPreview& p) {
    set.add(p.values_json);
    collect_glyphs(set, p.issues);
}
void collect_glyphs(CodepointSet& set, const std::vector<CompletenessRow>& v) {
    for (const auto& r : v) {
        set.add(r.unit_name);
        set.add(r.type);
    }
}
void collect_glyphs(CodepointSet& set, const PluginInfo& p) {
    set.add(p.name);
    set.add(p.source);
    set.add(p.status_label);
    set.add(p.reason);
    set.add(p.settings_json);
}
void collect_glyphs(CodepointSet& set, const EffectivePluginInfo& p) {
    set.add(p.name);
    set.add(p.settings_json);
}
void collect_glyphs(CodepointSet& set, const std::vector<PluginReloadInfo>& v) {
    for (const auto& r : v) set.add(r.reason);
}
void collect_glyphs(CodepointSet& set, const UnitScriptInfo& s) {
    set.add(s.note);
    set.add(s.author);
    set.add(s.source);
    set.add(s.fault);
}
void collect_glyphs(CodepointSet& set, const ScriptTestResult& r) {
    set.add(r.error);
    for (const auto& s : r.registered) set.add(s);
    for (const auto& s : r.log) set.add(s);
}
void collect_glyphs(CodepointSet& set, const AttachmentInfo& a) { set.add(a.name); }

}  // namespace dj::ui
