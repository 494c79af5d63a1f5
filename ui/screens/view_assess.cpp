// 考核: the year's assessment of the departments under the selected node — the ranking, one
// column per area of the scheme, the veto — and, for the department picked, every line that
// explains its score, on one screen. The service scores and ranks (on the Long lane: at city
// scale it computes every indicator of the year first); the screen only shows the result,
// exports the 汇总表 and asks the service to generate rectification items.
#include <algorithm>

#include "assess_common.hpp"
#include "assessment_view.hpp"
#include "automation.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

const char* kind_label(const std::string& kind) {
    if (kind == line_kind::kIndicator) return ZH("指标");
    if (kind == line_kind::kEvaluation) return ZH("评议");
    if (kind == line_kind::kDeduction) return ZH("扣分");
    if (kind == line_kind::kVeto) return ZH("否决");
    return ZH("—");
}

// The rating's place among the scheme's thresholds (best first) gives its colour.
ImVec4 rating_colour(const AssessmentResult& r, const std::string& rating) {
    static const ImVec4 kBlue{0.20f, 0.45f, 0.70f, 1.0f};
    for (std::size_t i = 0; i < r.thresholds.size(); ++i)
        if (r.thresholds[i].first == rating) {
            if (i == 0) return colors::kOk;
            if (i + 1 == r.thresholds.size()) return colors::kError;
            return i == 1 ? kBlue : colors::kWarn;
        }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

int year_of(const std::string& period) {
    auto p = Period::parse(period);
    return p ? p->year_number() : 0;
}

}  // namespace

void collect_glyphs(CodepointSet& set, const AssessmentRun& r) { collect_glyphs(set, r.result); }

const char* AssessmentView::title() const { return ZH("考核"); }

bool AssessmentView::busy() const { return run_.loading || select_first_ || export_.busy() || generating_; }

void AssessmentView::prepare_screenshot(std::string_view variant) {
    if (variant == "assess") select_first_ = true;
}

void AssessmentView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    if (year_.empty()) {
        auto start = Period::parse(session_.start_period);
        year_ = std::to_string(start ? start->year_number() : session_.today().year());
    }
    const std::string code = node->code;
    const int year = year_of(year_);
    const std::string prefix = "assess|" + code + "|" + year_ + "|";
    Actor who = session_.actor();
    // The same node and year keep showing the last result while it is worked out again.
    session_.load<AssessmentRun>(
        run_, session_.key(prefix), ZH("计算年度考核"),
        [who, year, code](Service& s) {
            double started = Session::now();
            AssessmentRun r{s.assess(who, year, code), 0};
            r.seconds = Session::now() - started;
            return r;
        },
        Lane::Long, run_.key.rfind(prefix, 0) == 0);

    const AssessmentResult* r = run_.value ? &run_.value->result : nullptr;
    if (select_first_ && !run_.loading && (r || run_.failure)) {
        // Screenshots: the first department's explanation, once there is an answer.
        select_first_ = false;
        if (r && !r->rows.empty()) {
            selected_ = r->rows.front().org_code;
            auto_log("assessment_selected", selected_);
        }
    }
    draw_toolbar(r);
    if (run_.failure) {
        show_failure(*run_.failure);
        if (!run_.failure->denied && !run_.failure->internal)
            text_muted(ZH("考核方案随插件在机关工委或部门启用：请在左侧选择启用了考核方案的组织（如机关工委）。"));
        ImGui::End();
        return;
    }
    if (!r) {
        show_loading(format(ZH("正在计算 %d 年度考核结果…（先把该年度的全部指标算好，规模大时需要一些时间）"), year).c_str());
        ImGui::End();
        return;
    }
    if (logged_ != run_.stamp()) {
        logged_ = run_.stamp();
        auto_log("assessment_rows", std::to_string(r->rows.size()) + " " + std::to_string(r->year));
    }
    if (r->rows.empty()) {
        text_wrapped(format(ZH("「%s」之下没有参加考核的部门（考核以部门为单位）。请在左侧选择工委或上级组织。"),
                            node->name.c_str()));
        ImGui::End();
        return;
    }
    const AssessmentRow* row = nullptr;
    for (const auto& x : r->rows)
        if (x.org_code == selected_) row = &x;
    float avail = ImGui::GetContentRegionAvail().y;
    // One screen: the ranking above, the explanation of the picked department below.
    draw_ranking(*r, row ? std::max(avail * 0.42f, ImGui::GetFrameHeight() * 4) : avail);
    if (row) {
        ImGui::BeginChild("##explain", ImVec2(0, 0), false);
        draw_explanation(*r, *row);
        ImGui::EndChild();
    } else {
        text_muted(ZH("点击一个单位，查看其得分说明。"));
    }
    ImGui::End();
}

void AssessmentView::draw_toolbar(const AssessmentResult* r) {
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text(ZH("考核年度"));
    ImGui::SameLine();
    if (period_combo("##year", year_, PeriodType::Year, session_.today(), em * 8, "assess.year")) {
        selected_.clear();
        generate_message_.clear();
    }
    ImGui::SameLine();
    if (run_.loading) {
        show_loading(r ? ZH("正在重新计算…") : ZH("计算中…"));
        ImGui::SameLine();
    }
    if (r) {
        std::string levels;
        for (const auto& [name, min] : r->thresholds)
            levels += (levels.empty() ? "" : ZH("，")) + name + ZH(" ≥") + number_text(min);
        text_muted(format(ZH("%s · 等次：%s · %zu 个单位"), r->title.c_str(), levels.c_str(), r->rows.size()));
    }
    if (!r || r->rows.empty()) return;

    // 导出汇总表 and 生成整改事项
    const int year = r->year;
    const OrgNode* node = session_.selected();
    export_.set_default_name({ZH("年度党建考核结果汇总表"), node ? node->name : std::string(), std::to_string(year) + ZH("年")});
    const std::string code = session_.selected_code();
    Actor who = session_.actor();
    switch (export_.draw_with_print(ZH("导出汇总表"), "assess.export")) {
        case ExportControl::Press::Export:
            export_.start(session_, [who, year, code](Service& s) { return s.export_assessment(who, year, code); });
            break;
        case ExportControl::Press::Print:
            export_.start(session_, [who, year, code](Service& s) { return s.print_assessment(who, year, code); }, true);
            break;
        case ExportControl::Press::None: break;
    }
    // Only those who may approve (the service checks the scope too).
    if (session_.can(Capability::ApproveForms)) {
        ImGui::BeginDisabled(generating_);
        if (button(ZH("生成整改事项"))) generate(year);
        auto_item("assess.generate");
        ImGui::EndDisabled();
        tooltip(ZH("按本年度考核结果，为未达标的指标、合规检查发现的问题和「一般」「差」等次各登记一项整改事项（已登记的不重复）"));
        if (generating_) {
            ImGui::SameLine();
            show_loading(ZH("正在生成…"));
        } else if (!generate_message_.empty()) {
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            text_colored(generate_failed_ ? colors::kError : colors::kOk, generate_message_);
            ImGui::PopTextWrapPos();
            if (!generate_failed_) {
                ImGui::SameLine();
                if (small_button(ZH("查看整改事项"))) session_.show("rectify");
            }
        }
    }
}

void AssessmentView::generate(int year) {
    generating_ = true;
    generate_message_.clear();
    Actor who = session_.actor();
    std::string code = session_.selected_code();
    session_.call<std::vector<RectificationItem>>(
        ZH("生成整改事项"), [who, year, code](Service& s) { return s.generate_rectifications(who, year, code); },
        [this](std::vector<RectificationItem>& items) {
            generating_ = false;
            generate_failed_ = false;
            generate_message_ = items.empty() ? std::string(ZH("没有新的整改事项（需要整改的问题都已登记）"))
                                              : format(ZH("新生成 %zu 项整改事项"), items.size());
            session_.changed();
            auto_log("rectifications_generated", std::to_string(items.size()));
        },
        [this](const Failure& f) {
            generating_ = false;
            generate_failed_ = true;
            generate_message_ = f.message;
            auto_log(f.denied ? "denied" : "generate_failed", f.message);
        },
        Lane::Long);
}

void AssessmentView::draw_ranking(const AssessmentResult& r, float height) {
    const float em = ImGui::GetFontSize();
    const auto& areas = r.rows.front().areas;
    const int columns = 7 + static_cast<int>(areas.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##ranking", columns, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableSetupColumn(ZH("排名"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("单位"), 0, em * 12);
    ImGui::TableSetupColumn(ZH("类别"), 0, em * 6);
    ImGui::TableSetupColumn(ZH("得分"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("等次"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("同类排名"), 0, em * 4);
    for (const auto& a : areas) {
        glyph_atlas().check(a.label);
        ImGui::TableSetupColumn(a.label.c_str(), 0, std::max(em * 5, ImGui::CalcTextSize(a.label.c_str()).x + em));
    }
    ImGui::TableSetupColumn(ZH("一票否决"), 0, em * 10);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(r.rows.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const AssessmentRow& row = r.rows[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(row.org_code.c_str());
            std::string rank = std::to_string(row.rank) + "##rank";
            if (selectable(rank.c_str(), row.org_code == selected_, ImGuiSelectableFlags_SpanAllColumns)) {
                selected_ = row.org_code;
                auto_log("assessment_selected", selected_);
            }
            auto_item("assess.row." + row.org_code);
            ImGui::PopID();
            cell(row.org_name);
            cell(row.kind);
            cell(score_text(row.score));
            ImGui::TableNextColumn();
            text_colored(rating_colour(r, row.rating), row.rating);
            cell(std::to_string(row.rank_in_kind));
            for (const auto& a : areas) {
                ImGui::TableNextColumn();
                for (const auto& mine : row.areas)
                    if (mine.id == a.id) text(score_text(mine.earned) + ZH(" / ") + score_text(mine.weight));
            }
            ImGui::TableNextColumn();
            if (!row.veto.empty()) text_colored(colors::kError, row.veto);
        }
    ImGui::EndTable();
}

void AssessmentView::draw_explanation(const AssessmentResult& r, const AssessmentRow& row) {
    const float em = ImGui::GetFontSize();
    ImGui::Spacing();
    ImGui::SetWindowFontScale(1.15f);
    text(row.org_name);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    text(format(ZH("得分 %s ·"), score_text(row.score).c_str()));
    ImGui::SameLine();
    text_colored(rating_colour(r, row.rating), row.rating);
    // A rank among one is no rank: a department's own administrator sees only their unit.
    std::size_t same_kind = 0;
    for (const auto& x : r.rows) same_kind += x.kind == row.kind;
    if (r.rows.size() > 1) {
        ImGui::SameLine();
        text_muted(same_kind > 1 ? format(ZH("· 总排名第 %d · %s第 %d"), row.rank, row.kind.c_str(), row.rank_in_kind)
                                 : format(ZH("· 总排名第 %d"), row.rank));
    }
    if (!row.veto.empty())
        text_colored(colors::kError, format(ZH("一票否决：%s —— 等次直接定为「%s」"), row.veto.c_str(), row.rating.c_str()));

    // The areas, as bars of what was earned of what was possible, three to a row.
    const int per_row = ImGui::GetContentRegionAvail().x > em * 45 ? 3 : 2;
    if (ImGui::BeginTable("##areas", per_row, ImGuiTableFlags_SizingStretchSame)) {
        float label_w = 0;
        for (const auto& a : row.areas) label_w = std::max(label_w, ImGui::CalcTextSize(a.label.c_str()).x);
        for (const auto& a : row.areas) {
            ImGui::TableNextColumn();
            text(a.label);
            ImGui::SameLine(label_w + em * 0.5f);
            std::string points = format(ZH("%s / %s"), score_text(a.earned).c_str(), score_text(a.weight).c_str());
            float points_w = ImGui::CalcTextSize(points.c_str()).x;
            target_bar(a.earned, a.weight, a.earned + 0.005 >= a.weight, false,
                       std::max(em * 3, ImGui::GetContentRegionAvail().x - points_w - em));
            ImGui::SameLine();
            text(points);
        }
        ImGui::EndTable();
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##lines", 8, flags)) return;
    ImGui::TableSetupColumn(ZH("板块"), 0, em * 6);
    ImGui::TableSetupColumn(ZH("考核项"), 0, em * 11);
    ImGui::TableSetupColumn(ZH("实际值"), 0, em * 4.5f);
    ImGui::TableSetupColumn(ZH("目标"), 0, em * 4.5f);
    ImGui::TableSetupColumn(ZH("分值"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("得分"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("失分"), 0, em * 3.5f);
    ImGui::TableSetupColumn(ZH("说明"), ImGuiTableColumnFlags_WidthStretch);
    table_headers();
    std::string last_area;
    double weight = 0, earned = 0, lost = 0;
    for (std::size_t i = 0; i < row.lines.size(); ++i) {
        const AssessmentLine& l = row.lines[i];
        const bool scored = l.kind == line_kind::kIndicator || l.kind == line_kind::kEvaluation;
        std::string area = scored ? l.area_label : std::string(l.kind == line_kind::kVeto ? ZH("一票否决") : ZH("扣分项"));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (area != last_area) text(area);  // the area heads its group of lines
        last_area = area;
        ImGui::TableNextColumn();
        text_wrapped(l.label);
        tooltip(format(ZH("%s：%s"), kind_label(l.kind), l.ref.c_str()));
        cell(l.value ? number_text(l.value) + l.unit : std::string(ZH("—")));
        cell(l.target ? number_text(l.target) + l.unit : std::string(ZH("—")));
        // Two decimals: a line's points are small, and a lost 0.03 must not read as "−0".
        cell(scored ? score_text(l.weight) : std::string(ZH("—")));
        cell(scored ? score_text(l.earned) : std::string(ZH("—")));
        ImGui::TableNextColumn();
        if (l.lost > 0.005)
            text_colored(colors::kError, std::string(ZH("−")) + score_text(l.lost));
        else
            text_muted(ZH("0"));
        ImGui::TableNextColumn();
        const bool fired = l.kind == line_kind::kVeto && l.label == row.veto;
        const bool bad = fired || l.lost > 0.005;
        ImGui::PushStyleColor(ImGuiCol_Text, bad ? colors::kError : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        text_wrapped(l.note.empty() ? std::string(ZH("—")) : l.note);
        ImGui::PopStyleColor();
        if (scored) weight += l.weight, earned += l.earned;
        lost += l.lost;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_bold(ZH("合计"));
    cell("");
    cell("");
    cell("");
    cell(score_text(weight));
    cell(score_text(earned));
    ImGui::TableNextColumn();
    text_colored(lost > 0.005 ? colors::kError : colors::kMuted, score_text(lost));
    ImGui::TableNextColumn();
    text_bold(format(ZH("得分 %s（满分 100，扣分项在得分之外扣除）"), score_text(row.score).c_str()));
    ImGui::EndTable();
}

}  // namespace dj::ui
