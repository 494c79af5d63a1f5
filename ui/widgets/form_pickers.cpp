// The form renderer's pickers: a month calendar beside every date field, attendance picked
// from the unit's roster on the meeting day, several photos with thumbnails and a larger view,
// and the one reserved line under each field where its message appears.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "automation.hpp"
#include "form_editor.hpp"
#include "glyphs.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

using nlohmann::json;

namespace {

std::string auto_id(const std::string& path) { return "form.field." + path; }  // as form_fields.cpp names fields

int weekday_monday0(Date d) { return ((d.days() + 3) % 7 + 7) % 7; }  // 1970-01-01 was a Thursday

int days_in_month(int y, int m) {
    Date first = Date::from_ymd(y, static_cast<unsigned>(m), 1);
    Date next = m == 12 ? Date::from_ymd(y + 1, 1, 1) : Date::from_ymd(y, static_cast<unsigned>(m + 1), 1);
    return next.days() - first.days();
}

std::string kb_text(std::size_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
    return format("%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

bool is_image_name(const std::string& name) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* ext : {".jpg", ".jpeg", ".png", ".bmp", ".gif"})
        if (lower.size() >= std::strlen(ext) && lower.compare(lower.size() - std::strlen(ext), std::string::npos, ext) == 0)
            return true;
    return false;
}

}  // namespace

// [SECTION] Date picker

bool FormEditor::draw_calendar(const std::string& path, std::string& buf) {
    const std::string aid = auto_id(path);
    const std::string popup = "##calendar_" + path;
    const float em = ImGui::GetFontSize();
    bool changed = false;
    if (button((std::string(ZH("日历")) + "##cal_" + path).c_str(), ImVec2(em * 3.2f, 0))) {
        // Opens on the month of the date typed, else this month.
        Date shown = Date::parse(buf).value_or(session_.today());
        calendar_[path] = {shown.year(), static_cast<int>(shown.month())};
        ImGui::OpenPopup(popup.c_str());
        auto_log("calendar_open", aid + " " + std::to_string(shown.year()) + "-" + std::to_string(shown.month()));
    }
    auto_item(aid + ".calendar");
    tooltip(ZH("从日历中选择日期"));
    if (!ImGui::BeginPopup(popup.c_str())) return false;
    auto& [y, m] = calendar_[path];
    if (y == 0) y = session_.today().year(), m = static_cast<int>(session_.today().month());
    const auto selected = Date::parse(buf);
    const Date today = session_.today();

    if (small_button("<##prev")) {
        if (--m == 0) m = 12, --y;
    }
    auto_item(aid + ".cal.prev");
    tooltip(ZH("上个月"));
    ImGui::SameLine();
    std::string title = format(ZH("%d年%d月"), y, m);
    glyph_atlas().check(title);
    const float cell = em * 2.2f;
    float title_w = ImGui::CalcTextSize(title.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (cell * 7 - title_w) * 0.5f - em * 1.5f));
    text(title);
    ImGui::SameLine(cell * 7 - em * 0.8f);
    if (small_button(">##next")) {
        if (++m == 13) m = 1, ++y;
    }
    auto_item(aid + ".cal.next");
    tooltip(ZH("下个月"));

    static const char* const kWeekdays[] = {ZH("一"), ZH("二"), ZH("三"), ZH("四"), ZH("五"), ZH("六"), ZH("日")};
    if (ImGui::BeginTable("##days", 7, ImGuiTableFlags_SizingFixedSame)) {
        for (int i = 0; i < 7; ++i) ImGui::TableSetupColumn(kWeekdays[i], ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableNextRow();
        for (int i = 0; i < 7; ++i) {
            ImGui::TableNextColumn();
            text_muted(kWeekdays[i]);
        }
        const Date first = Date::from_ymd(y, static_cast<unsigned>(m), 1);
        const int lead = weekday_monday0(first), n = days_in_month(y, m);
        for (int slot = 0; slot < lead + n; ++slot) {
            if (slot % 7 == 0) ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (slot < lead) continue;
            const int d = slot - lead + 1;
            const Date day = Date::from_days(first.days() + d - 1);
            const bool is_sel = selected && *selected == day, is_today = day == today;
            if (is_today) ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
            if (selectable((std::to_string(d) + "##d" + std::to_string(d)).c_str(), is_sel, 0, ImVec2(cell - 4, 0))) {
                buf = day.iso();
                changed = true;
            }
            if (is_today) ImGui::PopStyleColor();
            auto_item(aid + ".cal.day." + std::to_string(d));
        }
        ImGui::EndTable();
    }
    if (button(ZH("今天"))) {
        buf = today.iso();
        changed = true;
    }
    auto_item(aid + ".cal.today");
    ImGui::SameLine();
    if (button(ZH("清除"))) {
        buf.clear();
        changed = true;
    }
    auto_item(aid + ".cal.clear");
    if (changed) {
        auto_log("edit", aid + " " + buf);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return changed;
}

// [SECTION] Attendance from the roster

std::optional<Date> FormEditor::roster_day(const FieldSpec& f) const {
    if (f.roster.empty()) return std::nullopt;
    const json& src = preview_values_.contains(f.roster) ? preview_values_ : values_;
    if (!src.contains(f.roster) || !src[f.roster].is_string()) return std::nullopt;
    return Date::parse(src[f.roster].get<std::string>());
}

// As the service reads it (StoreFormContext::roster): the unit's register, joined by that day.
const Loaded<std::vector<Member>>& FormEditor::roster(Date day) {
    auto& slot = members_["@roster " + day.iso()];
    Actor who = session_.actor();
    std::string unit = unit_;
    session_.load<std::vector<Member>>(
        slot, session_.key("form_roster|" + unit + "|" + day.iso()), ZH("加载党员名册"),
        [who, unit, day](Service& s) {
            MemberFilter mf;
            mf.include_subtree = true;
            mf.on = day;
            auto all = s.list_members(who, unit, mf);
            std::vector<Member> out;
            for (auto& m : all)
                if (m.join_date <= day) out.push_back(std::move(m));
            return out;
        });
    return slot;
}

std::string FormEditor::any_member_name(std::int64_t id) {
    for (const auto& [key, list] : members_)
        if (list.value)
            for (const auto& m : *list.value)
                if (m.id == id) return format(ZH("%s（编号 %lld）"), m.name.c_str(), static_cast<long long>(id));
    return format(ZH("编号 %lld"), static_cast<long long>(id));
}

bool FormEditor::draw_roster(const FieldSpec& f, json& v, const std::string& path, float width, Date day) {
    const std::string aid = auto_id(path);
    const auto& list = roster(day);
    if (list.failure) {
        show_failure(*list.failure);
        return false;
    }
    if (!list.value) {
        show_loading(ZH("正在加载党员名册…"));
        return false;
    }
    bool changed = false;
    ImGui::BeginGroup();
    if (small_button((std::string(ZH("全部到会")) + "##all_" + path).c_str())) {
        v = json::array();
        for (const auto& m : *list.value) v.push_back(m.id);
        changed = true;
    }
    auto_item(aid + ".all");
    ImGui::SameLine();
    if (small_button((std::string(ZH("清空")) + "##none_" + path).c_str())) {
        changed = !v.empty();
        v = json::array();
    }
    auto_item(aid + ".none");
    ImGui::SameLine();
    std::size_t picked = 0;
    for (const auto& m : *list.value) picked += std::find(v.begin(), v.end(), json(m.id)) != v.end();
    text_muted(format(ZH("%s 名册 %zu 人，已选 %zu 人"), day.iso().c_str(), list.value->size(), picked));
    if (list.value->empty()) text_muted(ZH("当日名册中没有党员"));
    // Names in columns, as a sign-in sheet.
    const float col = ImGui::GetFontSize() * 6.5f;
    const int per_row = std::max(1, static_cast<int>(width / col));
    int i = 0;
    for (const auto& m : *list.value) {
        // Inside the group, SameLine's x is measured from the group's left edge.
        if (i % per_row != 0) ImGui::SameLine(static_cast<float>(i % per_row) * col);
        bool on = std::find(v.begin(), v.end(), json(m.id)) != v.end();
        glyph_atlas().check(m.name);
        if (checkbox((m.name + "##m" + std::to_string(m.id)).c_str(), &on)) {
            if (on) v.push_back(m.id);
            else v.erase(std::remove(v.begin(), v.end(), json(m.id)), v.end());
            changed = true;
        }
        auto_item(aid + ".m." + std::to_string(m.id));
        ++i;
    }
    ImGui::EndGroup();
    (void)f;
    return changed;
}

// [SECTION] Photos

bool FormEditor::draw_photos(const FieldSpec& f, json& v, const std::string& path, float width) {
    const float em = ImGui::GetFontSize();
    const std::string aid = auto_id(path);
    json list = v.is_array() ? v : v.is_object() ? json::array({v}) : json::array();
    bool changed = false;
    std::optional<std::size_t> remove;
    ImGui::BeginGroup();
    const float side = em * 5.0f;
    float x = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& ref = list[i];
        if (!ref.is_object() || !ref.contains("attachment") || !ref["attachment"].is_number_integer()) continue;
        const auto id = ref["attachment"].get<std::int64_t>();
        const std::string name = ref.value("name", std::string());
        if (i > 0 && x + side < width) ImGui::SameLine();
        else if (i > 0) x = 0;
        ImGui::BeginGroup();
        if (is_image_name(name)) {
            if (photo_thumbnail(photos_, id, side, aid + ".photo." + std::to_string(i))) {
                viewing_photo_ = id;
                viewing_title_ = f.label + " · " + name;
                auto_log("photo_view", std::to_string(id));
            }
        } else {
            text(name);
        }
        std::string caption = format("%s", kb_text(ref.value("size", std::size_t{0})).c_str());
        text_muted(caption);
        tooltip(name);
        if (editable() && f.editable()) {
            ImGui::SameLine();
            if (small_button((std::string(ZH("移除")) + "##rm" + std::to_string(i) + path).c_str())) remove = i;
            auto_item(aid + ".remove." + std::to_string(i));
        }
        ImGui::EndGroup();
        x += ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemSpacing.x;
    }
    if (list.empty() && !editable()) text_muted(ZH("（无）"));
    if (remove) {
        list.erase(list.begin() + static_cast<long>(*remove));
        changed = true;
    }
    ImGui::EndGroup();
    if (changed) v = f.multiple ? list : (list.empty() ? json() : list[0]);
    // Adding another: the one-file widget's path box and 上传, under the photos.
    if (editable() && f.editable() && f.multiple && (!f.max_length || list.size() < *f.max_length)) {
        json none;
        ImGui::SetCursorPosX(label_w_);
        draw_attachment(f, none, path, width);
    }
    return changed;
}

// [SECTION] Messages

void FormEditor::draw_issue_line(const std::vector<std::string>& messages) {
    // Exactly one line high whether or not there is a message: the first, cut to the field's
    // width, with every message in the tooltip.
    ImGui::SetCursorPosX(label_w_);
    const float h = ImGui::GetTextLineHeight();
    if (messages.empty()) {
        ImGui::Dummy(ImVec2(1, h));
        return;
    }
    std::string first = messages.front();
    if (messages.size() > 1) first += format(ZH("（另有 %zu 项）"), messages.size() - 1);
    glyph_atlas().check(first);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(field_w_, h));
    const bool cut = ImGui::CalcTextSize(first.c_str()).x > field_w_;
    auto* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(at, ImVec2(at.x + field_w_, at.y + h), true);
    dl->AddText(at, ImGui::GetColorU32(colors::kError), first.c_str());
    dl->PopClipRect();
    if (cut || messages.size() > 1) {
        std::string all;
        for (const auto& m : messages) all += (all.empty() ? "" : "\n") + m;
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", all.c_str());
    }
}

}  // namespace dj::ui
