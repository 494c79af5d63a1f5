// 报送情况: for one form and period, how many reports each node under the selected one
// owes and how many came in, on time and approved, rolled up the tree by the service; and
// the export of the submissions as Excel (xlsx) or CSV.
#include <algorithm>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "automation.hpp"
#include "completeness_view.hpp"
#include "core/errors.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A horizontal bar: `part` of `whole` filled, `inner` of it darker, with the percentage.
void progress_bar(std::size_t part, std::size_t inner, std::size_t whole, float width) {
    const float h = ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    if (whole > 0) {
        float f = static_cast<float>(part) / static_cast<float>(whole);
        float g = static_cast<float>(inner) / static_cast<float>(whole);
        ImVec4 light = colors::kAccent;
        light.w = 0.45f;
        if (part > 0) dl->AddRectFilled(p, ImVec2(p.x + width * f, p.y + h), ImGui::GetColorU32(light), 2.0f);
        if (inner > 0) dl->AddRectFilled(p, ImVec2(p.x + width * g, p.y + h), ImGui::GetColorU32(colors::kOk), 2.0f);
        std::string pct = format("%.0f%%", 100.0 * f);
        dl->AddText(ImVec2(p.x + width + 4 - ImGui::CalcTextSize(pct.c_str()).x - 8, p.y), ImGui::GetColorU32(ImGuiCol_Text),
                    pct.c_str());
    }
    dl->AddRect(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(ImGuiCol_Border), 2.0f);
}

}  // namespace

void collect_glyphs(CodepointSet& set, const FormCatalog& c) {
    collect_glyphs(set, c.forms);
    for (const auto& [id, name] : c.area_names) set.add(name);
}
void collect_glyphs(CodepointSet& set, const ReopenDone& r) {
    set.add(r.unit_name);
    set.add(r.until);
}

const char* CompletenessView::title() const { return ZH("报送情况"); }

bool CompletenessView::busy() const { return catalog_.loading || rows_.loading || export_.busy(); }

void CompletenessView::draw() {
    const float em = ImGui::GetFontSize();
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    Actor who = session_.actor();
    session_.load<FormCatalog>(catalog_, session_.key("catalog"), ZH("加载表单目录"), [who](Service& s) {
        FormCatalog c;
        for (const auto& p : s.list_plugins(who)) {
            if (p.status != "loaded") continue;
            c.area_names[p.id] = p.name;
            for (const auto& id : p.forms) {
                try {
                    c.forms.push_back(s.form(who, id));
                    auto schema = nlohmann::json::parse(c.forms.back().schema_json, nullptr, false);
                    if (schema.is_object() && schema.value("expected", true) == false) c.when_it_happens.insert(id);
                } catch (const UserError&) {
                    // A form of a plugin that went away since the list was read: skip it.
                }
            }
        }
        return c;
    });
    if (catalog_.failure) {
        show_failure(*catalog_.failure);
        ImGui::End();
        return;
    }
    if (!catalog_.value || !node) {
        show_loading(ZH("正在加载表单目录…"));
        ImGui::End();
        return;
    }
    const auto& forms = catalog_.value->forms;
    if (forms.empty()) {
        text_wrapped(ZH("还没有任何表单：没有已加载的插件声明表单。"));
        ImGui::End();
        return;
    }
    if (form_id_.empty()) form_id_ = session_.start_form;
    const FormInfo* form = nullptr;
    for (const auto& f : forms)
        if (f.id == form_id_) form = &f;
    if (!form) {
        form = &forms.front();
        form_id_ = form->id;
        period_.clear();
    }
    PeriodType type = period_type_of(form->period);
    if (period_.empty() || !Period::parse(period_) || Period::parse(period_)->type() != type) {
        auto start = Period::parse(session_.start_period);
        period_ = start && start->type() == type ? start->str() : Period::containing(session_.today(), type).str();
    }

    // Toolbar: the form and the period.
    ImGui::AlignTextToFramePadding();
    text(ZH("表单"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 16);
    if (ImGui::BeginCombo(label(ZH("##form")), form->title.c_str(), ImGuiComboFlags_HeightLarge)) {
        // Type to filter (title, work area or id); the forms grouped by work area.
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(-1);
        input("##form_filter", form_filter_, ZH("输入以筛选，如 三会"), 0, "completeness.form.filter");
        std::string area;
        for (const auto& f : forms) {
            const auto a = catalog_.value->area_names.find(f.plugin);
            const std::string& area_name = a == catalog_.value->area_names.end() ? f.plugin : a->second;
            if (!matches_filter(f.title + " " + area_name + " " + f.id, form_filter_)) continue;
            if (area_name != area) {
                area = area_name;
                text_muted(area);
            }
            ImGui::Indent();
            if (selectable((f.title + "##" + f.id).c_str(), f.id == form_id_)) {
                form_id_ = f.id;
                form_filter_.clear();
            }
            ImGui::Unindent();
            auto_item("completeness.form." + f.id);
        }
        ImGui::EndCombo();
    } else {
        auto_item("completeness.form");
    }
    glyph_atlas().check(form->title);
    ImGui::SameLine();
    text(ZH("期间"));
    ImGui::SameLine();
    period_combo("##period", period_, type, session_.today(), em * 10, "completeness.period");
    ImGui::SameLine();
    checkbox(ZH("只列出应报的组织"), &only_expected_);
    ImGui::SameLine();
    checkbox(ZH("只看未报"), &only_missing_);
    auto_item("completeness.only_missing");
    tooltip(ZH("只列出本级应报而未报的组织"));

    std::string code = node->code, fid = form_id_, period = period_;
    session_.load<std::vector<CompletenessRow>>(
        rows_, session_.key("completeness|" + fid + "|" + period + "|" + code), ZH("统计报送情况"),
        [who, fid, period, code](Service& s) { return s.completeness(who, fid, period, code); }, Lane::Query,
        rows_.value.has_value());

    if (rows_.failure) {
        show_failure(*rows_.failure);
    } else if (!rows_.value) {
        show_loading(ZH("正在统计…"));
    } else {
        const auto& rows = *rows_.value;
        if (rows_logged_ != rows_.stamp()) {
            rows_logged_ = rows_.stamp();
            auto_log("completeness_rows", std::to_string(rows.size()) + " " +
                                              std::to_string(rows.empty() ? 0 : rows.front().expected));
        }
        const bool due = !catalog_.value->when_it_happens.count(form->id);
        if (!rows.empty() && !due) {
            const auto& r = rows.front();
            text(format(ZH("「%s」按实际发生填报，没有应报数。%s：已报 %zu 份，已审核 %zu 份。"), form->title.c_str(),
                        period_label(period_).c_str(), r.submitted, r.approved));
        } else if (!rows.empty()) {
            const auto& r = rows.front();
            auto pct = [&](std::size_t n) { return r.expected ? 100.0 * static_cast<double>(n) / static_cast<double>(r.expected) : 0.0; };
            text(format(ZH("「%s」%s：应报 %zu 份，已报 %zu 份（%.0f%%），按时 %zu 份，已审核 %zu 份。"), form->title.c_str(),
                        period_label(period_).c_str(), r.expected, r.submitted, pct(r.submitted), r.on_time, r.approved));
            ImGui::SameLine();
            text_muted(ZH("（条形图：红为已报，绿为已审核）"));
        }
        draw_export(*form);
        draw_reopen(*form);
        draw_table(*form, rows);
    }
    ImGui::End();
}

void CompletenessView::draw_export(const FormInfo& f) {
    export_.set_default(home_dir() + "/" + ZH("dangjian-导出-") + f.id + "-" + period_ + ".xlsx");
    if (!export_.draw(ZH("导出 Excel"), "completeness.export")) return;
    // The submissions themselves, as .xlsx, or as .csv when the path says so.
    const std::string& path = export_.path();
    std::string format_id = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0 ? "csv" : "xlsx";
    Actor who = session_.actor();
    SubmissionFilter filter;
    filter.form_id = f.id;
    filter.period = period_;
    filter.unit_code = session_.selected_code();
    export_.start(session_, [who, filter, format_id](Service& s) { return s.export_submissions(who, filter, format_id); });
}

void CompletenessView::draw_table(const FormInfo& form, const std::vector<CompletenessRow>& all) {
    const float em = ImGui::GetFontSize();
    std::vector<const CompletenessRow*> rows;
    const bool due = !catalog_.value->when_it_happens.count(form.id);
    for (const auto& r : all)
        if ((!only_expected_ || !due || r.expected > 0) && (!only_missing_ || r.own_submitted < r.own_expected))
            rows.push_back(&r);
    if (rows.empty()) {
        text_muted(only_missing_ ? ZH("没有未报的组织。")
                                 : ZH("所选组织及其下级没有应报这张表单的组织（插件未启用，或表单不由这些组织填报）。"));
        return;
    }
    // Sorted by a column header when one was clicked; the tree order otherwise.
    if (sort_column_ >= 0) {
        auto rate = [](const CompletenessRow* r) {
            return r->expected ? static_cast<double>(r->submitted) / static_cast<double>(r->expected) : 2.0;
        };
        auto key = [&](const CompletenessRow* r) -> double {
            switch (sort_column_) {
                case 2: return static_cast<double>(r->expected);
                case 3: return static_cast<double>(r->submitted);
                case 4: return static_cast<double>(r->on_time);
                case 5: return static_cast<double>(r->approved);
                case 6: return rate(r);
                default: return 0;
            }
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const CompletenessRow* a, const CompletenessRow* b) {
            if (sort_column_ == 0 || sort_column_ == 1) {
                const std::string &x = sort_column_ == 0 ? a->unit_name : a->type, &y = sort_column_ == 0 ? b->unit_name : b->type;
                return sort_descending_ ? y < x : x < y;
            }
            return sort_descending_ ? key(b) < key(a) : key(a) < key(b);
        });
    }
    if (only_missing_ && missing_logged_ != rows_.stamp()) {
        missing_logged_ = rows_.stamp();
        auto_log("completeness_missing", std::to_string(rows.size()));
    }
    if (!only_missing_) missing_logged_.clear();
    const int base_depth = all.empty() ? 0 : all.front().depth;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate;
    // A reopening lets that very organisation report late, not those under it: offered where
    // the organisation's own report is missing.
    const bool reopen_column = can_reopen(form);
    if (!ImGui::BeginTable("##completeness", reopen_column ? 8 : 7, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ZH("组织"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("类型"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("应报"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("已报"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("按时"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("已审核"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("完成情况"), 0, em * 13);
    if (reopen_column) ImGui::TableSetupColumn(ZH("补报"), ImGuiTableColumnFlags_NoSort, em * 5);
    table_headers();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        sort_column_ = specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex : -1;
        sort_descending_ = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
        auto_log("completeness_sorted", std::to_string(sort_column_));
    }
    const bool indent = sort_column_ < 0;  // depth means something in tree order only
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CompletenessRow& r = *rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const float in = indent ? em * static_cast<float>(r.depth - base_depth) + 1.0f : 1.0f;
            ImGui::Indent(in);
            text(r.unit_name);
            ImGui::Unindent(in);
            auto type = parse_org_type(r.type);
            cell(type ? std::string(org_type_label(*type)) : r.type);
            cellf("%zu", r.expected);
            ImGui::TableNextColumn();
            text_colored(r.submitted < r.expected ? colors::kWarn : colors::kOk, std::to_string(r.submitted));
            cellf("%zu", r.on_time);
            cellf("%zu", r.approved);
            ImGui::TableNextColumn();
            if (r.expected == 0)
                text_muted(ZH("不适用"));
            else
                progress_bar(r.submitted, r.approved, r.expected, em * 12);
            if (reopen_column) {
                ImGui::TableNextColumn();
                if (r.own_submitted < r.own_expected) {
                    if (small_button((std::string(ZH("重新开放")) + "##" + r.unit_code).c_str())) {
                        reopen_code_ = r.unit_code;
                        reopen_name_ = r.unit_name;
                        reopen_until_ = session_.today().add_days(7).iso();
                        reopen_reason_.clear();
                        reopen_error_.clear();
                        reopen_message_.clear();
                    }
                    auto_item("completeness.reopen." + r.unit_code);
                    tooltip(ZH("允许该组织在补报截止日期前补报本期（下级组织须分别重新开放）"));
                }
            }
        }
    ImGui::EndTable();
}

bool CompletenessView::can_reopen(const FormInfo& f) const {
    if (!session_.can(Capability::ReopenPeriods)) return false;
    // Only once the deadline has passed: before it, everyone may still report.
    auto p = Period::parse(period_);
    return p && p->deadline(f.deadline_days) < session_.today();
}

void CompletenessView::draw_reopen(const FormInfo& f) {
    const float em = ImGui::GetFontSize();
    if (!reopen_message_.empty()) text_colored(colors::kOk, reopen_message_);
    if (reopen_code_.empty()) return;
    separator_text(format(ZH("重新开放「%s」%s · %s"), f.title.c_str(), period_label(period_).c_str(), reopen_name_.c_str()));
    text_muted(ZH("截止日期已过：重新开放后，该组织可在补报截止日期前补报，补报计入“已报”，不计入“按时”。"));
    const float fx = em * 6, fw = em * 14;
    form_label(ZH("补报截止"), true, fx, fw);
    input("##reopen_until", reopen_until_, ZH("如 2021-01-15"), 0, "completeness.reopen.until");
    form_label(ZH("原因"), true, fx, fw * 2);
    input("##reopen_reason", reopen_reason_, ZH("如：系统故障未能按时报送"), 0, "completeness.reopen.reason");
    ImGui::SetCursorPosX(fx);
    ImGui::BeginDisabled(reopening_);
    bool go = button(ZH("确定重新开放"));
    auto_item("completeness.reopen.ok");
    ImGui::SameLine();
    if (button(ZH("取消"))) reopen_code_.clear();
    auto_item("completeness.reopen.cancel");
    ImGui::EndDisabled();
    if (!reopen_error_.empty()) {
        ImGui::SetCursorPosX(fx);
        text_error(reopen_error_);
    }
    if (!go) return;
    ReopenRequest req;
    req.form_id = f.id;
    req.unit_code = reopen_code_;
    req.period = period_;
    req.reason = trim(reopen_reason_);
    try {
        req.until = Date::parse_or_throw(trim(reopen_until_), ZH("补报截止日期"));
    } catch (const UserError& e) {
        reopen_error_ = e.what();
        glyph_atlas().add(reopen_error_);
        auto_log("reopen_failed", reopen_error_);
        return;
    }
    reopening_ = true;
    reopen_error_.clear();
    Actor who = session_.actor();
    std::string name = reopen_name_;
    session_.call<ReopenDone>(
        ZH("重新开放报送"),
        [who, req, name](Service& s) {
            s.reopen(who, req);
            return ReopenDone{name, req.until.iso()};
        },
        [this, title = f.title, period = period_](ReopenDone& d) {
            reopening_ = false;
            reopen_code_.clear();
            reopen_message_ = format(ZH("已重新开放：%s 可在 %s 前补报「%s」%s。"), d.unit_name.c_str(), d.until.c_str(),
                                     title.c_str(), period_label(period).c_str());
            auto_log("reopened", d.until);
            session_.changed();
        },
        [this](const Failure& fail) {
            reopening_ = false;
            reopen_error_ = fail.message;
            auto_log("reopen_failed", fail.message);
        });
}

}  // namespace dj::ui
