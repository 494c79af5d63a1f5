// 报表填报: the forms that apply at the selected node (their plugin is enabled there and
// their scope fits), each with a period picker and that period's state; opening one shows
// the form renderer (form_editor.hpp) in place of the list.
#include <algorithm>

#include "record_import_view.hpp"
#include "automation.hpp"
#include "forms_view.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

void collect_glyphs(CodepointSet& set, const FormsOverview& o) {
    collect_glyphs(set, o.forms);
    for (const auto& [id, subs] : o.submissions) collect_glyphs(set, subs);
    for (const auto& [id, name] : o.area_names) set.add(name);
}

const char* FormsView::title() const { return ZH("报表填报"); }

bool FormsView::busy() const { return overview_.loading || !open_on_load_.empty() || editor_.busy(); }

void FormsView::prepare_screenshot(std::string_view variant) {
    if (variant == "form" || variant == "form_check") {
        open_on_load_ = session_.start_form.empty() ? std::string("*") : session_.start_form;
        show_all_on_open_ = variant == "form_check";
    }
    if (!session_.start_form.empty() && !session_.start_period.empty())
        period_[session_.start_form] = session_.start_period;
}

void FormsView::open_form(const FormInfo& f, const std::string& period, std::optional<std::int64_t> submission,
                          const std::string& unit) {
    editor_node_ = session_.selected_code();
    editor_.open(f, unit.empty() ? editor_node_ : unit, period, submission);
}

void FormsView::open_record(const FormInfo& f, const std::string& unit, const std::string& period,
                            std::optional<std::int64_t> submission) {
    session_.select(unit);
    editor_node_ = unit;
    editor_.open(f, unit, period, submission);
    session_.show(id());
}

void FormsView::draw() {
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    // The editor belongs to the node it was opened at; another node closes it.
    if (editor_.is_open() && editor_node_ != session_.selected_code()) editor_.close();
    if (editor_.is_open()) {
        editor_.draw();
        ImGui::End();
        return;
    }
    if (!node) {
        show_loading();
        ImGui::End();
        return;
    }

    std::string code = node->code;
    std::string picked;
    for (const auto& [id, p] : period_) picked += id + "=" + p + ";";
    Actor who = session_.actor();
    Date today = session_.today();
    auto chosen = period_;
    session_.load<FormsOverview>(
        overview_, session_.key("forms|" + code + "|" + picked), ZH("加载表单"),
        [who, code, today, chosen](Service& s) {
            FormsOverview o;
            o.forms = s.list_forms(who, code);
            for (const auto& p : s.list_plugins(who)) o.area_names[p.id] = p.name;
            // Grouped by work area, in the order the plugins come.
            std::vector<std::string> order;
            for (const auto& f : o.forms)
                if (std::find(order.begin(), order.end(), f.plugin) == order.end()) order.push_back(f.plugin);
            std::stable_sort(o.forms.begin(), o.forms.end(), [&](const FormInfo& a, const FormInfo& b) {
                return std::find(order.begin(), order.end(), a.plugin) < std::find(order.begin(), order.end(), b.plugin);
            });
            for (const auto& f : o.forms) {
                auto it = chosen.find(f.id);
                std::string period =
                    it != chosen.end() ? it->second : Period::containing(today, period_type_of(f.period)).str();
                o.periods[f.id] = period;
                SubmissionFilter filter;
                filter.form_id = f.id;
                filter.period = period;
                filter.unit_code = code;
                o.submissions[f.id] = s.list_submissions(who, filter);
            }
            return o;
        },
        Lane::Query, overview_.key.rfind("forms|" + code + "|", 0) == 0);

    if (overview_.failure) {
        show_failure(*overview_.failure);
    } else if (!overview_.value) {
        show_loading(ZH("正在加载表单…"));
    } else {
        const FormsOverview& o = *overview_.value;
        if (!open_on_load_.empty() && !overview_.loading) {
            std::string want = open_on_load_;
            open_on_load_.clear();
            const FormInfo* f = nullptr;
            for (const auto& x : o.forms)
                if (want == "*" || x.id == want) {
                    f = &x;
                    break;
                }
            if (!f) {
                session_.notify(format(ZH("表单「%s」不适用于「%s」（插件未启用或表单范围不符）"), want.c_str(),
                                       node->name.c_str()),
                                true);
            } else {
                std::string period = o.periods.at(f->id);
                const auto& subs = o.submissions.at(f->id);
                std::optional<std::int64_t> existing;
                if (!f->many && !subs.empty()) existing = subs.front().id;
                open_form(*f, period, existing, existing ? subs.front().unit_code : std::string());
                if (show_all_on_open_) editor_.show_all_issues();
                ImGui::End();
                return;
            }
        }
        draw_list(o);
    }
    ImGui::End();
}

void FormsView::draw_list(const FormsOverview& o) {
    const float em = ImGui::GetFontSize();
    const OrgNode* node = session_.selected();
    if (o.forms.empty()) {
        text_wrapped(format(ZH("「%s」没有需要填报的表单：表单所属的插件未在此启用，或表单不由此类组织填报"
                               "（如支部的表单在党支部填报，部门的表单在部门填报）。"),
                            node ? node->name.c_str() : ""));
        if (session_.can(Capability::ManagePlugins)) text_muted(ZH("工委管理员可在「插件管理」中按部门启用插件。"));
        return;
    }
    // A node above those that fill (the 县委): the subtree's forms, to see their records.
    const bool above = o.forms.front().filled_below;
    if (above)
        text_muted(format(ZH("「%s」本身不填报表单。以下是其下级单位填报的 %zu 张表单：选择期间，点击“记录”查看各单位当期的报送。"),
                          node ? node->name.c_str() : "", o.forms.size()));
    else
        text_muted(format(ZH("共 %zu 张表单适用于本组织。选择期间查看当期报送情况；点击“填报”新建，或打开已有的记录。"),
                          o.forms.size()));
    if (o.forms.size() > 10) {
        ImGui::SetNextItemWidth(em * 16);
        input("##forms_filter", filter_, ZH("输入以筛选表单，如 党费"), 0, "forms.filter");
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##forms", 6, flags)) {
        ImGui::TableSetupColumn(ZH("表单"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(ZH("周期"), 0, em * 7);
        ImGui::TableSetupColumn(ZH("期间"), 0, em * 10);
        ImGui::TableSetupColumn(ZH("本期情况"), 0, em * 12);
        ImGui::TableSetupColumn(ZH("截止日期"), 0, em * 9);
        ImGui::TableSetupColumn(ZH("操作"), 0, em * 8);
        table_headers();
        std::string area;
        for (const auto& f : o.forms) {
            auto a = o.area_names.find(f.plugin);
            const std::string& area_name = a == o.area_names.end() ? f.plugin : a->second;
            if (!matches_filter(f.title + " " + area_name + " " + f.id, filter_)) continue;
            if (area_name != area) {  // a work area's heading row
                area = area_name;
                ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
                ImGui::TableNextColumn();
                text_colored(colors::kAccent, area);
            }
            ImGui::PushID(f.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (selectable((f.title + "##sel").c_str(), selected_form_ == f.id)) selected_form_ = f.id;
            auto_item("forms.row." + f.id);
            tooltip(format(ZH("%s（插件 %s）"), f.id.c_str(), f.plugin.c_str()));

            PeriodType type = period_type_of(f.period);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text(f.many ? format(ZH("%s（可多份）"), std::string(period_type_label(type)).c_str())
                        : std::string(period_type_label(type)));

            ImGui::TableNextColumn();
            // Only a period the user picked goes into the list's key; the default is the service's.
            std::string period = period_.count(f.id) ? period_.at(f.id)
                                 : o.periods.count(f.id) ? o.periods.at(f.id)
                                                         : Period::containing(session_.today(), type).str();
            if (period_combo("##period", period, type, session_.today(), em * 9.5f, ("forms.period." + f.id).c_str())) {
                period_[f.id] = period;
                selected_form_ = f.id;
            }

            // The state shown is for the period the list was loaded with (it reloads on change).
            const std::string shown_period = o.periods.count(f.id) ? o.periods.at(f.id) : period;
            const auto& subs = o.submissions.count(f.id) ? o.submissions.at(f.id) : std::vector<SubmissionInfo>{};
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (f.filled_below) {
                text(subs.empty() ? std::string(ZH("下级未填报")) : format(ZH("下级已填 %zu 份"), subs.size()));
            } else if (subs.empty()) {
                text_colored(colors::kWarn, ZH("未填报"));
            } else if (f.many) {
                std::size_t drafts = 0;
                for (const auto& s : subs) drafts += s.state == "draft";
                text(drafts ? format(ZH("%zu 份（含草稿 %zu 份）"), subs.size(), drafts) : format(ZH("已填 %zu 份"), subs.size()));
            } else {
                const auto& s = subs.front();
                text_colored(s.state == "approved" ? colors::kOk : s.state == "returned" ? colors::kError : colors::kMuted,
                             s.state_label);
            }

            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (auto p = Period::parse(shown_period)) {
                Date deadline = p->deadline(f.deadline_days);
                if (session_.today() > deadline)
                    text_colored(colors::kMuted, format(ZH("%s 已截止"), deadline.iso().c_str()));
                else
                    text(deadline.iso());
            }

            ImGui::TableNextColumn();
            if (f.filled_below) {  // filled at the units below: only their records
                if (small_button(ZH("记录"))) selected_form_ = f.id;
                auto_item("forms.list." + f.id);
                ImGui::PopID();
                continue;
            }
            bool existing_single = !f.many && !subs.empty();
            if (!existing_single && session_.can(Capability::FillForms)) {
                if (small_button(ZH("填报"))) open_form(f, shown_period, std::nullopt);
                auto_item("forms.new." + f.id);
            }
            if (existing_single) {
                if (small_button(ZH("打开"))) open_form(f, shown_period, subs.front().id, subs.front().unit_code);
                auto_item("forms.open." + f.id);
            }
            if (f.many) {
                ImGui::SameLine();
                if (small_button(ZH("记录"))) selected_form_ = f.id;
                auto_item("forms.list." + f.id);
                // Many records at once from the form's Excel template (issue 16).
                if (session_.can(Capability::FillForms)) {
                    ImGui::SameLine();
                    if (small_button(ZH("导入"))) {
                        const OrgNode* node = session_.selected();
                        if (auto* v = session_.views->get<RecordImportView>(); v && node) v->open_for(f, node->code, node->name);
                    }
                    auto_item("forms.import." + f.id);
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    for (const auto& f : o.forms)
        if (f.id == selected_form_ && o.submissions.count(f.id))
            draw_submissions(f, o.periods.at(f.id), o.submissions.at(f.id));
}

void FormsView::draw_submissions(const FormInfo& f, const std::string& period, const std::vector<SubmissionInfo>& all) {
    const float em = ImGui::GetFontSize();
    separator_text(format(ZH("%s · %s 的报送记录（%zu 份）"), f.title.c_str(), period_label(period).c_str(), all.size()));
    if (all.empty()) {
        text_muted(ZH("本期还没有记录。"));
        return;
    }
    auto& spec = specs_[f.id];
    if (spec.id.empty()) spec = FormSpec::parse(f.schema_json);
    const auto& chain = spec.approval;
    // Others' drafts are theirs until submitted: not listed for anyone else.
    const std::string me = session_.actor().login;
    struct Row {
        const SubmissionInfo* s;
        std::string summary, person;
    };
    std::vector<Row> rows;
    for (const auto& s : all) {
        if (s.state == "draft" && s.author != me) continue;
        Row r{&s, record_summary(spec, s.values_json), session_.person(s.author)};
        if (!matches_filter(r.summary + " " + s.unit_name + " " + r.person + " " + s.state_label + " " + std::to_string(s.id),
                            subs_filter_))
            continue;
        rows.push_back(std::move(r));
    }
    ImGui::SetNextItemWidth(em * 16);
    input("##subs_filter", subs_filter_, ZH("输入以筛选记录，如 主题或组织"), 0, "forms.subs.filter");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate;
    if (!ImGui::BeginTable("##subs", 8, flags, ImVec2(0, std::max(em * 12, ImGui::GetContentRegionAvail().y)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("编号"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("摘要"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ZH("组织"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("下一步"), 0, em * 7);
    ImGui::TableSetupColumn(ZH("填报人"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("按时"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("操作"), ImGuiTableColumnFlags_NoSort, em * 3);
    table_headers();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        subs_sort_ = specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex : -1;
        subs_descending_ = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
    }
    if (subs_sort_ >= 0) {
        auto key = [&](const Row& r) -> std::string {
            switch (subs_sort_) {
                case 0: return format("%012lld", static_cast<long long>(r.s->id));
                case 1: return r.summary;
                case 2: return r.s->unit_name;
                case 3: return r.s->state_label;
                case 5: return r.person;
                default: return format("%012lld", static_cast<long long>(r.s->id));
            }
        };
        std::stable_sort(rows.begin(), rows.end(),
                         [&](const Row& a, const Row& b) { return subs_descending_ ? key(b) < key(a) : key(a) < key(b); });
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Row& row = rows[static_cast<std::size_t>(i)];
            const auto& s = *row.s;
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            cell(std::to_string(s.id));
            cell(row.summary.empty() ? std::string(ZH("—")) : row.summary);
            if (!row.summary.empty()) tooltip(row.summary);
            cell(s.unit_name);
            cell(s.state_label);
            std::string next = s.next_step_label;
            if (next.empty() && s.state == "submitted" && static_cast<std::size_t>(s.step) < chain.size())
                next = chain[static_cast<std::size_t>(s.step)];  // the form's chain at this step
            cell(next.empty() ? std::string(ZH("—")) : next);
            cell(row.person);
            cell(!s.on_time ? std::string(ZH("—")) : *s.on_time ? std::string(ZH("是")) : std::string(ZH("逾期")));
            ImGui::TableNextColumn();
            if (small_button(ZH("打开"))) open_form(f, period, s.id, s.unit_code);
            auto_item("forms.submission." + std::to_string(s.id));
            ImGui::PopID();
        }
    ImGui::EndTable();
}

}  // namespace dj::ui
