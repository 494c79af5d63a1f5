// The form renderer's widgets: one per field type of host/forms/field_types.cpp, found by
// the schema's type id in FormEditor::widgets(). Each
// writes the JSON value the service expects (numbers as numbers, members as ids, tables as
// arrays of row objects); what the user typed but the service cannot read (「十二」 in a
// number) is sent as typed, so the service's own message explains it.
#include <algorithm>
#include <cstdlib>

#include "drops.hpp"
#include "automation.hpp"
#include "form_editor.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

using nlohmann::json;

namespace {

std::string trimmed(const std::string& s) {
    auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    auto b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

// The number typed, or the text itself when it is not one.
json number_value(const std::string& text, bool integer) {
    std::string t = trimmed(text);
    if (t.empty()) return json();
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    if (end == nullptr || *end != '\0') return t;
    if (integer && d == static_cast<double>(static_cast<long long>(d))) return static_cast<long long>(d);
    if (!integer && d == static_cast<double>(static_cast<long long>(d)) && t.find('.') == std::string::npos)
        return static_cast<long long>(d);
    return d;
}

std::string size_text(std::size_t bytes) {
    if (bytes < 1024) return format(ZH("%zu 字节"), bytes);
    if (bytes < 1024 * 1024) return format("%.1f KB", static_cast<double>(bytes) / 1024.0);
    return format("%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string auto_id(const std::string& path) { return "form.field." + path; }

bool contains_text(const std::string& hay, const std::string& needle) {
    return needle.empty() || hay.find(needle) != std::string::npos;
}

}  // namespace

// [SECTION] Layout

void FormEditor::draw_fields() {
    const float em = ImGui::GetFontSize();
    float widest = em * 5;
    for (const auto& f : spec_.fields) widest = std::max(widest, ImGui::CalcTextSize(f.label.c_str()).x);
    label_w_ = std::min(widest + em * 2.0f, em * 14.0f);
    field_w_ = std::clamp(ImGui::GetContentRegionAvail().x - label_w_ - em, em * 10.0f, em * 26.0f);

    std::string section = "\x01";  // none yet
    for (const auto& f : spec_.fields) {
        if (!shown(f)) continue;
        if (f.section != section) {
            section = f.section;
            if (!section.empty()) {
                const SectionSpec* s = spec_.section(section);
                separator_text(s && !s->title.empty() ? s->title : section);
            }
        }
        draw_field(f);
    }
    // Messages about the form as a whole (the cross-field check), or a field not drawn.
    if (show_all_ || !touched_.empty()) {
        std::vector<std::string> general;
        for (const auto& [path, messages] : issues_) {
            auto p = parse_field_path(path);
            const FieldSpec* f = path.empty() ? nullptr : spec_.field(p.field);
            if (f && shown(*f)) continue;
            general.insert(general.end(), messages.begin(), messages.end());
        }
        if (!general.empty()) ImGui::Spacing();
        for (const auto& m : general) text_error(m);
    }
}

void FormEditor::draw_field(const FieldSpec& f) {
    ImGui::PushID(f.id.c_str());
    ImGui::AlignTextToFramePadding();
    // A label longer than its column (reports ask long questions) wraps instead of running
    // under the field; a table's label has the whole width.
    if (!f.is("table")) ImGui::PushTextWrapPos(label_w_ - ImGui::GetFontSize() * 0.6f);
    text(f.label);
    if (!f.is("table")) ImGui::PopTextWrapPos();
    if (f.required && f.editable()) {
        ImGui::SameLine(0, 2);
        text_colored(colors::kError, "*");
    }
    if (!f.help.empty()) {
        ImGui::SameLine(0, 4);
        text_muted("(?)");
        tooltip(f.help);
    }
    if (f.is("table")) {
        if (draw_table(f, values_[f.id], f.id)) edited(f.id);
    } else {
        ImGui::SameLine(label_w_);
        if (!f.editable()) {
            draw_readonly(f, preview_values_.contains(f.id) ? preview_values_[f.id] : values_.value(f.id, json()), field_w_);
        } else if (draw_value(f, values_[f.id], f.id, field_w_, nullptr)) {
            edited(f.id);
        }
    }
    if (!f.help.empty()) {
        ImGui::SetCursorPosX(label_w_);
        ImGui::PushTextWrapPos(label_w_ + field_w_);
        text_muted(f.help);
        ImGui::PopTextWrapPos();
    }
    draw_issues(f.id, f.is("table"));
    ImGui::PopID();
}

void FormEditor::draw_issues(const std::string& path, bool include_rows) {
    auto top = parse_field_path(path).field;
    if (!show_all_ && !touched_.count(top) && include_rows) return;
    auto show = [&](const std::vector<std::string>& messages) {
        for (const auto& m : messages) {
            ImGui::SetCursorPosX(include_rows ? ImGui::GetCursorPosX() : label_w_);
            ImGui::PushTextWrapPos(include_rows ? 0.0f : label_w_ + field_w_);
            text_colored(colors::kError, m);
            ImGui::PopTextWrapPos();
        }
    };
    if (!include_rows) {
        // One line, always there (see draw_issue_line): a message appearing does not move the
        // field below, the one the user is about to click.
        auto it = issues_.find(path);
        const FieldSpec* f = spec_.field(top);
        const bool has = it != issues_.end() && (show_all_ || touched_.count(top));
        if (!has && (!f || !f->editable() || !editable())) return;  // nothing will ever appear here
        draw_issue_line(it != issues_.end() && (show_all_ || touched_.count(top)) ? it->second : std::vector<std::string>{});
        return;
    }
    if (auto it = issues_.find(path); it != issues_.end()) show(it->second);
    // A table's row-level messages ("items[2]": a row that is not an object, too many rows).
    for (const auto& [p, messages] : issues_) {
        auto fp = parse_field_path(p);
        if (fp.field == path && fp.row > 0 && fp.column.empty()) show(messages);
    }
}

// [SECTION] Values

const std::map<std::string, FormEditor::Widget, std::less<>>& FormEditor::widgets() {
    using J = const json*;
    auto text = [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w, J row) {
        return e.draw_text(f, v, p, w, row != nullptr);
    };
    static const std::map<std::string, Widget, std::less<>> all = {
        {"text", text},
        {"textarea", text},
        {"integer", text},
        {"number", text},
        {"date", text},
        {"bool", [](FormEditor& e, const FieldSpec&, json& v, const std::string& p, float, J) { return e.draw_bool(v, p); }},
        {"select", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w,
                      J row) { return e.draw_choice(f, v, p, w, row ? *row : e.values_); }},
        {"multiselect", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w,
                           J row) { return e.draw_multi(f, v, p, w, row != nullptr); }},
        {"rating", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float, J) { return e.draw_rating(f, v, p); }},
        {"member", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w, J) { return e.draw_member(f, v, p, w); }},
        {"members", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w,
                       J) { return e.draw_members(f, v, p, w); }},
        {"org", [](FormEditor& e, const FieldSpec&, json& v, const std::string& p, float w, J) { return e.draw_org(v, p, w); }},
        {"attachment", [](FormEditor& e, const FieldSpec& f, json& v, const std::string& p, float w,
                          J) { return f.multiple ? e.draw_photos(f, v, p, w) : e.draw_attachment(f, v, p, w); }},
        // A table's own widget is draw_table (draw_field): here it could only be a cell.
        {"table", [](FormEditor&, const FieldSpec&, json&, const std::string&, float, J) {
             text_muted(ZH("（表格中不能再嵌套表格）"));
             return false;
         }},
    };
    return all;
}

bool FormEditor::draw_value(const FieldSpec& f, json& v, const std::string& path, float width, const json* row) {
    const auto& all = widgets();
    if (auto it = all.find(f.type); it != all.end()) return it->second(*this, f, v, path, width, row);
    text_muted(format(ZH("（本程序不认识的字段类型「%s」）"), f.type.c_str()));
    return false;
}

bool FormEditor::draw_bool(json& v, const std::string& path) {
    const std::string id = "##" + path;
    const std::string aid = auto_id(path);
    bool changed = false;
    bool yes = v.is_boolean() && v.get<bool>(), no = v.is_boolean() && !v.get<bool>();
    if (radio((ZH("是") + id).c_str(), yes)) v = true, changed = true;
    auto_item(aid + ".yes");
    ImGui::SameLine();
    if (radio((ZH("否") + id).c_str(), no)) v = false, changed = true;
    auto_item(aid + ".no");
    return changed;
}

bool FormEditor::draw_multi(const FieldSpec& f, json& v, const std::string& path, float width, bool in_table) {
    const std::string id = "##" + path;
    const std::string aid = auto_id(path);
    bool changed = false;
    if (!v.is_array()) v = json::array();
    float x0 = ImGui::GetCursorPosX(), x = x0;
    for (std::size_t i = 0; i < f.options.size(); ++i) {
        const auto& o = f.options[i];
        float w = ImGui::CalcTextSize(o.label.c_str()).x + ImGui::GetFrameHeight() + ImGui::GetFontSize();
        if (i > 0) {
            if (x + w > x0 + width && !in_table) {
                x = x0;
                ImGui::SetCursorPosX(x0);
            } else {
                ImGui::SameLine(x);
            }
        }
        bool on = std::find(v.begin(), v.end(), json(o.value)) != v.end();
        if (checkbox((o.label + id + "." + std::to_string(i)).c_str(), &on)) {
            if (on)
                v.push_back(o.value);
            else
                v.erase(std::remove(v.begin(), v.end(), json(o.value)), v.end());
            changed = true;
        }
        auto_item(aid + ".opt." + std::to_string(i));
        x += w;
    }
    return changed;
}

// The scale the form's schema carries (its plugin's scheme's), best first.
bool FormEditor::draw_rating(const FieldSpec& f, json& v, const std::string& path) {
    const std::string id = "##" + path;
    const std::string aid = auto_id(path);
    bool changed = false;
    for (std::size_t i = 0; i < f.options.size(); ++i) {
        const auto& o = f.options[i];
        if (i > 0) ImGui::SameLine();
        if (radio((o.label + id).c_str(), v.is_string() && v.get<std::string>() == o.value)) {
            v = o.value;
            changed = true;
        }
        auto_item(aid + ".opt." + std::to_string(i));
    }
    return changed;
}

bool FormEditor::draw_text(const FieldSpec& f, json& v, const std::string& path, float width, bool in_table) {
    const float em = ImGui::GetFontSize();
    auto it = buffers_.find(path);
    if (it == buffers_.end()) it = buffers_.emplace(path, value_text(v)).first;
    std::string& buf = it->second;
    const std::string id = "##" + path;
    const std::string aid = auto_id(path);
    std::string hint;
    const bool numeric = f.is("integer") || f.is("number");
    if (f.is("date")) {
        if (auto p = f.within_period ? Period::parse(period_) : std::nullopt)
            hint = format(ZH("%s 至 %s"), p->start().iso().c_str(), p->end().iso().c_str());
        else
            hint = format(ZH("如 %s"), kDateFormsZh);
        glyph_atlas().check(hint);
    } else if (numeric) {
        if (f.min.is_number() && f.max.is_number())
            hint = format(ZH("%s 至 %s"), value_text(f.min).c_str(), value_text(f.max).c_str());
        else if (f.min.is_number())
            hint = format(ZH("不小于 %s"), value_text(f.min).c_str());
        else if (f.max.is_number())
            hint = format(ZH("不大于 %s"), value_text(f.max).c_str());
        else
            hint = f.is("integer") ? ZH("整数") : ZH("数字");
    } else if (f.max_length) {
        hint = format(ZH("最多 %zu 个字"), *f.max_length);
    }
    bool changed = false;
    if (f.is("textarea") && !editable()) {
        // A record that reads only: its text wraps at the field's width, every line visible.
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        text(buf.empty() ? std::string(ZH("—")) : buf);
        ImGui::PopTextWrapPos();
        return false;
    }
    if (f.is("textarea")) {
        glyph_atlas().check(hint);
        changed = input_multiline(id.c_str(), buf, ImVec2(width, em * (in_table ? 2.6f : 4.6f)));
        auto_item(aid, true);
        if (changed) auto_log("edit", aid + " " + buf);
        if (buf.empty() && !ImGui::IsItemActive()) {
            // InputTextMultiline has no hint: draw it the way single-line fields do.
            ImVec2 at = ImGui::GetItemRectMin();
            ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + ImGui::GetStyle().FramePadding.x, at.y + ImGui::GetStyle().FramePadding.y),
                                                ImGui::GetColorU32(ImGuiCol_TextDisabled), hint.c_str());
        }
    } else if (f.is("date")) {
        // Typed, or picked from the month calendar beside it (in a table cell too: a negative
        // width keeps the button's room at the cell's right edge).
        const float room = ImGui::GetFontSize() * 3.2f + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SetNextItemWidth(width > 0 ? width - room : -room);
        changed = input(id.c_str(), buf, hint.c_str(), 0, aid.c_str());
        ImGui::SameLine();
        changed = draw_calendar(path, buf) || changed;
    } else {
        ImGui::SetNextItemWidth(width);
        changed = input(id.c_str(), buf, hint.c_str(), 0, aid.c_str());
    }
    if (!changed) return false;
    if (numeric)
        v = number_value(buf, f.is("integer"));
    else if (f.is("date"))
        v = trimmed(buf).empty() ? json() : json(trimmed(buf));
    else
        v = buf.empty() ? json() : json(buf);
    return true;
}

bool FormEditor::draw_choice(const FieldSpec& f, json& v, const std::string& path, float width, const json& row) {
    const std::string aid = auto_id(path);
    // Cascading options: only those under the parent field's current value.
    std::string parent;
    bool cascade = !f.cascade_from.empty();
    if (cascade) {
        const json& scope = row.is_object() && row.contains(f.cascade_from) ? row : values_;
        if (scope.is_object() && scope.contains(f.cascade_from) && scope[f.cascade_from].is_string())
            parent = scope[f.cascade_from].get<std::string>();
    }
    std::string preview = ZH("请选择");
    if (v.is_string()) {
        preview = v.get<std::string>();
        for (const auto& o : f.options)
            if (o.value == preview) preview = o.label;
    }
    glyph_atlas().check(preview);
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo(label(("##" + path).c_str()), preview.c_str())) {
        auto_item(aid);
        return false;
    }
    if (selectable(ZH("（不选）"), v.is_null())) {
        changed = !v.is_null();
        v = json();
    }
    for (std::size_t i = 0; i < f.options.size(); ++i) {
        const auto& o = f.options[i];
        if (cascade && (!o.parent || *o.parent != parent)) continue;
        bool sel = v.is_string() && v.get<std::string>() == o.value;
        if (selectable((o.label + "##" + std::to_string(i)).c_str(), sel)) {
            changed = !sel;
            v = o.value;
        }
        auto_item(aid + ".opt." + std::to_string(i));
        if (sel) ImGui::SetItemDefaultFocus();
    }
    if (cascade && parent.empty()) text_muted(ZH("请先选择上一级"));
    ImGui::EndCombo();
    return changed;
}

// [SECTION] People and places

const Loaded<std::vector<Member>>& FormEditor::members(const std::string& flag) {
    auto& slot = members_[flag];  // never erased: a load in flight writes into it
    Actor who = session_.actor();
    std::string unit = unit_;
    Date on = session_.today();
    session_.load<std::vector<Member>>(
        slot, session_.key("form_members|" + unit + "|" + flag), ZH("加载党员"),
        [who, unit, flag, on](Service& s) {
            MemberFilter mf;
            mf.include_subtree = true;
            if (!flag.empty()) mf.flag = flag;
            mf.on = on;
            return s.list_members(who, unit, mf);
        });
    return slot;
}

std::string FormEditor::member_name(const std::string& flag, std::int64_t id) {
    const auto& list = members(flag);
    if (list.value)
        for (const auto& m : *list.value)
            if (m.id == id) return format(ZH("%s（编号 %lld）"), m.name.c_str(), static_cast<long long>(id));
    return any_member_name(id);
}

bool FormEditor::draw_member(const FieldSpec& f, json& v, const std::string& path, float width) {
    const std::string aid = auto_id(path);
    std::string preview = v.is_number_integer() ? member_name(f.filter_flag, v.get<std::int64_t>()) : std::string(ZH("请选择党员"));
    glyph_atlas().check(preview);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo(label(("##" + path).c_str()), preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        auto_item(aid);
        return false;
    }
    bool changed = false;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-FLT_MIN);
    std::string& search = search_[path];
    input(ZH("##search"), search, ZH("搜索姓名或编号"), 0, (aid + ".search").c_str());
    if (!f.filter_flag.empty()) text_muted(format(ZH("只列出有「%s」标记的党员"), f.filter_flag.c_str()));
    auto day = roster_day(f);
    if (day) text_muted(format(ZH("%s 的党员名册"), day->iso().c_str()));
    const auto& list = day ? roster(*day) : members(f.filter_flag);
    if (list.failure) {
        show_failure(*list.failure);
    } else if (!list.value) {
        show_loading(ZH("正在加载党员…"));
    } else {
        std::vector<const Member*> matches;
        for (const auto& m : *list.value)
            if (contains_text(m.name, search) || std::to_string(m.id) == search) matches.push_back(&m);
        if (matches.empty()) text_muted(ZH("没有符合条件的党员"));
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(matches.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Member& m = *matches[static_cast<std::size_t>(i)];
                std::string item = format(ZH("%s（%s · 编号 %lld）"), m.name.c_str(), m.branch_name.c_str(),
                                          static_cast<long long>(m.id)) + "##" + std::to_string(m.id);
                bool sel = v.is_number_integer() && v.get<std::int64_t>() == m.id;
                if (selectable(item.c_str(), sel)) {
                    changed = !sel;
                    v = m.id;
                    search.clear();
                }
                auto_item(aid + ".item." + std::to_string(m.id));
            }
    }
    ImGui::EndCombo();
    return changed;
}

bool FormEditor::draw_members(const FieldSpec& f, json& v, const std::string& path, float width) {
    if (!v.is_array()) v = json::array();
    if (!f.roster.empty()) {
        if (auto day = roster_day(f)) return draw_roster(f, v, path, width, *day);
        const FieldSpec* d = spec_.field(f.roster);
        text_muted(format(ZH("请先填写%s，再从当日党员名册中勾选"), d ? d->label.c_str() : ZH("日期")));
        return false;
    }
    bool changed = false;
    std::optional<std::size_t> remove;
    ImGui::BeginGroup();
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::string name = v[i].is_number_integer() ? member_name(f.filter_flag, v[i].get<std::int64_t>()) : value_text(v[i]);
        if (i > 0) ImGui::SameLine();
        if (small_button((name + " ×##" + path + std::to_string(i)).c_str())) remove = i;
        tooltip(ZH("点击移除"));
    }
    json add;
    if (draw_member(f, add, path + ".add", width) && add.is_number_integer() &&
        std::find(v.begin(), v.end(), add) == v.end()) {
        v.push_back(add);
        changed = true;
    }
    ImGui::EndGroup();
    if (remove) {
        v.erase(v.begin() + static_cast<long>(*remove));
        changed = true;
    }
    return changed;
}

bool FormEditor::draw_org(json& v, const std::string& path, float width) {
    const std::string aid = auto_id(path);
    const OrgTree* tree = session_.tree_if_ready();
    std::string preview = ZH("请选择组织");
    if (v.is_string()) {
        const OrgNode* n = tree ? tree->find(v.get<std::string>()) : nullptr;
        preview = n ? n->name + ZH("（") + n->code + ZH("）") : v.get<std::string>();
    }
    glyph_atlas().check(preview);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo(label(("##" + path).c_str()), preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        auto_item(aid);
        return false;
    }
    bool changed = false;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-FLT_MIN);
    std::string& search = search_[path];
    input(ZH("##search"), search, ZH("搜索名称或编码"), 0, (aid + ".search").c_str());
    if (tree) {
        std::vector<std::size_t> matches;
        for (std::size_t i = 0; i < tree->nodes.size(); ++i)
            if (contains_text(tree->nodes[i].name, search) || contains_text(tree->nodes[i].code, search)) matches.push_back(i);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(matches.size()));
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const OrgNode& n = tree->nodes[matches[static_cast<std::size_t>(r)]];
                bool sel = v.is_string() && v.get<std::string>() == n.code;
                if (selectable((n.name + ZH("（") + n.code + ZH("）") + "##" + n.code).c_str(), sel)) {
                    changed = !sel;
                    v = n.code;
                }
                auto_item(aid + ".item." + n.code);
            }
    }
    ImGui::EndCombo();
    return changed;
}

// [SECTION] Tables and files

bool FormEditor::draw_table(const FieldSpec& f, json& v, const std::string& path) {
    const float em = ImGui::GetFontSize();
    if (!v.is_array()) v = json::array();
    bool changed = false;
    std::optional<std::size_t> remove;
    const int columns = static_cast<int>(f.columns.size()) + 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable(("##table_" + path).c_str(), columns, flags)) {
        ImGui::TableSetupColumn(ZH("序号"), ImGuiTableColumnFlags_WidthFixed, em * 2.5f);
        for (const auto& c : f.columns) {
            std::string head = c.label + (c.required && c.editable() ? " *" : "");
            glyph_atlas().add(head);
            ImGui::TableSetupColumn(head.c_str());
        }
        ImGui::TableSetupColumn(ZH("操作"), ImGuiTableColumnFlags_WidthFixed, em * 3.0f);
        table_headers();
        for (std::size_t r = 0; r < v.size(); ++r) {
            json& row = v[r];
            if (!row.is_object()) row = json::object();
            ImGui::PushID(static_cast<int>(r));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text(std::to_string(r + 1));
            for (const auto& c : f.columns) {
                ImGui::TableNextColumn();
                std::string cpath = cell_path(path, r + 1, c.id);
                if (!c.editable()) {
                    draw_readonly(c, row.value(c.id, json()), -FLT_MIN);
                } else if (draw_value(c, row[c.id], cpath, -FLT_MIN, &row)) {
                    changed = true;
                }
                if (show_all_ || touched_.count(path))
                    if (auto it = issues_.find(cpath); it != issues_.end())
                        for (const auto& m : it->second) {
                            ImGui::PushTextWrapPos(0.0f);
                            text_colored(colors::kError, m);
                            ImGui::PopTextWrapPos();
                        }
            }
            ImGui::TableNextColumn();
            if (small_button(ZH("删除"))) remove = r;
            auto_item(auto_id(path) + ".remove." + std::to_string(r + 1));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove) {
        v.erase(v.begin() + static_cast<long>(*remove));
        // Typed text is kept by path, and paths shift: re-read the remaining rows.
        const std::string prefix = path + "[";
        for (auto it = buffers_.begin(); it != buffers_.end();)
            it = it->first.rfind(prefix, 0) == 0 ? buffers_.erase(it) : std::next(it);
        changed = true;
    }
    bool full = f.max_length && v.size() >= *f.max_length;
    ImGui::BeginDisabled(full);
    if (button((std::string(ZH("添加一行")) + "##" + path).c_str())) {
        v.push_back(json::object());
        changed = true;
    }
    ImGui::EndDisabled();
    auto_item(auto_id(path) + ".add");
    if (v.empty()) {
        ImGui::SameLine();
        text_muted(ZH("尚无数据，点击“添加一行”"));
    } else if (f.max_length) {
        ImGui::SameLine();
        text_muted(format(ZH("共 %zu 行，最多 %zu 行"), v.size(), *f.max_length));
    }
    return changed;
}

bool FormEditor::draw_attachment(const FieldSpec& f, json& v, const std::string& path, float width) {
    const float em = ImGui::GetFontSize();
    const std::string aid = auto_id(path);
    // A file already attached: its thumbnail (photos) or name, size and 移除 (form_pickers.cpp).
    if (v.is_object() && v.contains("attachment")) return draw_photos(f, v, path, width);
    bool busy = uploading_.count(path) > 0;
    (void)width;
    ImGui::BeginGroup();
    ImGui::BeginDisabled(busy);
    // The file dialog (issue 16): no path typed by hand; the chosen file is uploaded at once.
    if (button((std::string(ZH("选择文件上传…")) + "##" + path).c_str(), ImVec2(em * 8, 0))) {
        attach_for_ = path;
        attach_dialog_.open({FileDialog::Mode::Open, ZH("选择附件"), f.accept, "", "", aid + ".dlg"});
    }
    auto_item(aid + ".choose");
    ImGui::EndDisabled();
    ImGui::SameLine();
    text_muted(ZH("或把文件拖到这里"));
    if (attach_for_ == path)
        if (auto picked = attach_dialog_.draw()) upload(path, *picked);
    if (busy) {
        ImGui::SameLine();
        spinner();
    }
    std::string limits;
    for (const auto& a : f.accept) limits += (limits.empty() ? "" : ZH("、")) + a;
    if (!limits.empty()) limits = std::string(ZH("允许 ")) + limits;
    if (f.max_bytes) limits += (limits.empty() ? "" : ZH("，")) + format(ZH("不超过 %s"), size_text(*f.max_bytes).c_str());
    if (!limits.empty()) text_muted(limits);
    if (auto e = upload_error_.find(path); e != upload_error_.end()) text_error(e->second);
    ImGui::EndGroup();
    // A file dropped while the pointer is over this field is its attachment.
    if (!busy && has_dropped() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        if (auto dropped = take_dropped()) upload(path, *dropped);
    return false;
}

void FormEditor::draw_readonly(const FieldSpec& f, const json& v, float width) {
    if (f.is("attachment") && (v.is_array() || v.is_object())) {
        json copy = v;
        draw_photos(f, copy, f.id, width);  // thumbnails; nothing to change
        return;
    }
    std::string shown = value_text(v);
    if (f.is("member") && v.is_number_integer()) shown = member_name(f.filter_flag, v.get<std::int64_t>());
    if (f.is("members") && v.is_array()) {
        // 缺席人员 and the like: names, as the record reads on paper.
        shown.clear();
        for (const auto& x : v)
            if (x.is_number_integer()) {
                std::string n = any_member_name(x.get<std::int64_t>());
                shown += (shown.empty() ? "" : ZH("、")) + n.substr(0, n.find(ZH("（")));
            }
        if (v.empty()) shown = ZH("无");
    }
    ImGui::BeginDisabled();
    ImGui::SetNextItemWidth(width);
    std::string copy = shown;
    input(("##ro_" + f.id).c_str(), copy, f.computed ? ZH("自动计算") : ZH("—"), ImGuiInputTextFlags_ReadOnly);
    ImGui::EndDisabled();
    if (f.computed) tooltip(ZH("由表单自动计算，不能修改"));
}

}  // namespace dj::ui
