// 述职评议: the year's reports (submissions of forms whose schema has an evaluation rule) at
// the selected node and below, each with its number of votes and result; picking one shows
// the report and the evaluation panel (votes, result, last year's rectification, one's own
// vote). The form renderer shows the same panel under a report's history.
#include <algorithm>

#include "automation.hpp"
#include "core/errors.hpp"
#include "evaluations_view.hpp"
#include "form_spec.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

bool evaluable(const SubmissionInfo& s) { return s.state == "submitted" || s.state == "approved"; }

}  // namespace

void collect_glyphs(CodepointSet& set, const ReportList& l) {
    for (const auto& r : l.rows) {
        collect_glyphs(set, r.form);
        collect_glyphs(set, r.submission);
        if (r.result) set.add(*r.result);
    }
}

void collect_glyphs(CodepointSet& set, const std::map<std::int64_t, std::string>& names) {
    for (const auto& [id, name] : names) set.add(name);
}

const char* EvaluationsView::title() const { return ZH("述职评议"); }

bool EvaluationsView::busy() const { return list_.loading || names_.loading || select_first_ || panel_.busy(); }

void EvaluationsView::prepare_screenshot(std::string_view variant) {
    if (variant == "evaluate") select_first_ = true;
}

void EvaluationsView::draw() {
    const float em = ImGui::GetFontSize();
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    if (year_.empty()) {
        auto start = Period::parse(session_.start_period);
        year_ = std::to_string(start ? start->year_number() : session_.today().year());
    }
    const std::string code = node->code, year = year_;
    const std::string prefix = "reports|" + code + "|" + year + "|";
    Actor who = session_.actor();
    session_.load<ReportList>(
        list_, session_.key(prefix), ZH("加载述职报告"),
        [who, code, year](Service& s) {
            ReportList l;
            // Report forms are those whose schema carries an evaluation rule, whatever plugin.
            for (const auto& p : s.list_plugins(who)) {
                if (p.status != "loaded") continue;
                for (const auto& id : p.forms) {
                    FormInfo f;
                    try {
                        f = s.form(who, id);
                    } catch (const UserError&) {
                        continue;  // went away since the list was read
                    }
                    if (FormSpec::parse(f.schema_json).evaluation.empty()) continue;
                    ++l.forms;
                    if (period_type_of(f.period) != PeriodType::Year) continue;
                    SubmissionFilter filter;
                    filter.form_id = f.id;
                    filter.period = year;
                    filter.unit_code = code;
                    for (auto& sub : s.list_submissions(who, filter)) {
                        if (!evaluable(sub)) continue;
                        ReportRow row{f, std::move(sub), std::nullopt, 0};
                        auto e = s.evaluation(who, row.submission.id);
                        row.result = e.result;
                        row.votes = e.votes.size();
                        l.rows.push_back(std::move(row));
                    }
                }
            }
            return l;
        },
        Lane::Query, list_.key.rfind(prefix, 0) == 0);

    ImGui::AlignTextToFramePadding();
    text(ZH("年度"));
    ImGui::SameLine();
    if (period_combo("##year", year_, PeriodType::Year, session_.today(), em * 8, "evaluate.year")) selected_ = 0;
    ImGui::SameLine();
    text_muted(session_.can(Capability::EvaluateReports) ? ZH("选择一份报告，阅读后按考核方案的等次评议。")
                                                      : ZH("当前身份可以查看评议情况，不能评议。"));

    if (list_.failure) {
        select_first_ = false;  // nothing to pick: a screenshot need not wait
        show_failure(*list_.failure);
    } else if (!list_.value) {
        show_loading(ZH("正在加载述职报告…"));
    } else {
        const ReportList& l = *list_.value;
        if (logged_ != list_.stamp()) {
            logged_ = list_.stamp();
            auto_log("reports_loaded", std::to_string(l.rows.size()));
        }
        if (select_first_ && !list_.loading) {
            select_first_ = false;
            if (!l.rows.empty()) selected_ = l.rows.front().submission.id;
        }
        if (l.forms == 0) {
            text_wrapped(ZH("没有述职报告表单：启用含述职评议的插件后，各单位报送的述职报告会列在这里。"));
        } else if (l.rows.empty()) {
            text_muted(format(ZH("「%s」及其下级在 %s 年度还没有已报送的述职报告。"), node->name.c_str(), year_.c_str()));
        } else {
            const ReportRow* row = nullptr;
            for (const auto& r : l.rows)
                if (r.submission.id == selected_) row = &r;
            float avail = ImGui::GetContentRegionAvail().y;
            draw_list(l, row ? std::max(avail * 0.3f, ImGui::GetFrameHeight() * 4) : avail);
            panel_.show(row ? row->submission.id : 0);
            if (row) draw_report(*row);
        }
    }
    ImGui::End();
}

void EvaluationsView::draw_report(const ReportRow& row) {
    const float em = ImGui::GetFontSize();
    FormSpec spec = FormSpec::parse(row.form.schema_json);
    nlohmann::json values = nlohmann::json::parse(row.submission.values_json, nullptr, false);
    if (!values.is_object()) values = nlohmann::json::object();
    // Member fields hold ids: their names are read once per report shown.
    std::vector<std::int64_t> ids;
    for (const auto& f : spec.fields) {
        if (!f.is("member") && !f.is("members")) continue;
        const auto& v = values.contains(f.id) ? values[f.id] : nlohmann::json();
        if (v.is_number_integer()) ids.push_back(v.get<std::int64_t>());
        if (v.is_array())
            for (const auto& x : v)
                if (x.is_number_integer()) ids.push_back(x.get<std::int64_t>());
    }
    Actor who = session_.actor();
    Date today = session_.today();
    session_.load<std::map<std::int64_t, std::string>>(
        names_, session_.key("report_names|" + std::to_string(row.submission.id)), ZH("加载党员姓名"),
        [who, ids, today](Service& s) {
            std::map<std::int64_t, std::string> out;
            for (auto id : ids) {
                try {
                    out[id] = s.member(who, id, today).name;
                } catch (const UserError&) {
                    // Removed since, or outside the scope: the id is shown instead.
                }
            }
            return out;
        });
    auto member_text = [&](const nlohmann::json& v) {
        auto name = [&](std::int64_t id) {
            if (names_.value && names_.value->count(id)) return names_.value->at(id);
            return format(ZH("党员 %lld"), static_cast<long long>(id));
        };
        if (v.is_number_integer()) return name(v.get<std::int64_t>());
        std::string out;
        if (v.is_array())
            for (const auto& x : v)
                if (x.is_number_integer()) out += (out.empty() ? "" : ZH("、")) + name(x.get<std::int64_t>());
        return out;
    };

    separator_text(format(ZH("%s · %s · %s"), row.submission.unit_name.c_str(), row.form.title.c_str(),
                          period_label(row.submission.period).c_str()));
    // The report at the left, read before it is rated; its evaluation at the right.
    if (!ImGui::BeginTable("##report_split", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    // Both panes reach the bottom of the screen and scroll on their own (the cell's padding
    // below them would otherwise make the whole screen scroll).
    const float pane_h = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().CellPadding.y * 2 - 2;
    ImGui::TableSetupColumn("report", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("evaluation", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableNextColumn();
    ImGui::BeginChild("##report_text", ImVec2(0, pane_h), false);
    for (const auto& f : spec.fields) {
        const auto& v = values.contains(f.id) ? values[f.id] : nlohmann::json();
        std::string shown = f.is("member") || f.is("members") ? member_text(v) : value_text(v);
        text_muted(f.label);
        ImGui::Indent(em);
        text_wrapped(shown.empty() ? std::string(ZH("（未填写）")) : shown);
        ImGui::Unindent(em);
    }
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("##report_evaluation", ImVec2(0, pane_h), false);
    panel_.draw();
    ImGui::EndChild();
    ImGui::EndTable();
}

void EvaluationsView::draw_list(const ReportList& l, float height) {
    const float em = ImGui::GetFontSize();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##reports", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("单位"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("报告"), 0, em * 10);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("报送人"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("票数"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("评议结果"), 0, em * 5);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(l.rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ReportRow& r = l.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string name = r.submission.unit_name + "##report" + std::to_string(r.submission.id);
            if (selectable(name.c_str(), r.submission.id == selected_, ImGuiSelectableFlags_SpanAllColumns)) {
                selected_ = r.submission.id;
                auto_log("report_selected", std::to_string(selected_));
            }
            auto_item("evaluate.row." + std::to_string(r.submission.id));
            cell(r.form.title);
            cell(r.submission.state_label);
            cell(r.submission.author);
            cell(std::to_string(r.votes));
            ImGui::TableNextColumn();
            if (r.result)
                text(*r.result);
            else
                text_muted(ZH("尚无评议"));
        }
    ImGui::EndTable();
}

}  // namespace dj::ui
