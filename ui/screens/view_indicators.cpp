// 指标: the indicators of one period at the selected node and below, node by node in tree
// order (indented by depth) — value, target, 达标, whether it was rolled up from below, the
// findings of compliance rules and any computation error — and their export as .xlsx. The
// values are the service's cached ones; nothing is computed here.
#include <algorithm>

#include "assess_common.hpp"
#include "automation.hpp"
#include "indicators_view.hpp"
#include "periods.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

constexpr PeriodType kTypes[] = {PeriodType::Year, PeriodType::HalfYear, PeriodType::Quarter, PeriodType::Month};

std::string joined(const std::vector<std::string>& parts, const char* sep) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : sep) + p;
    return s;
}


// "≥ 4次" / "≤ 0项": which side of the target is good.
std::string target_text(const IndicatorValue& r, const IndicatorInfo* d) {
    if (!r.target) return ZH("—");
    bool lower = d && d->direction == "lower";
    return std::string(lower ? ZH("≤ ") : ZH("≥ ")) + number_text(r.target) + r.unit;
}

const char* rollup_label(const std::string& r) {
    if (r == "sum") return ZH("求和");
    if (r == "avg") return ZH("平均");
    if (r == "min") return ZH("取最小");
    if (r == "max") return ZH("取最大");
    if (r == "share") return ZH("达标占比");
    return ZH("汇总");
}

}  // namespace

void collect_glyphs(CodepointSet& set, const IndicatorTable& t) {
    collect_glyphs(set, t.defs);
    collect_glyphs(set, t.values);
}

const char* IndicatorsView::title() const { return ZH("指标"); }

bool IndicatorsView::busy() const { return table_.loading || export_.busy(); }

const IndicatorInfo* IndicatorsView::def(const IndicatorTable& t, const std::string& id) const {
    for (const auto& d : t.defs)
        if (d.id == id) return &d;
    return nullptr;
}

void IndicatorsView::draw() {
    const OrgNode* node = begin_node_screen();
    if (!node) return;
    if (period_.empty()) {
        // --period picks the period (and its type) the screen opens on.
        auto start = Period::parse(session_.start_period);
        if (start) type_ = start->type();
        period_ = start ? start->str() : Period::containing(session_.today(), type_).str();
    }
    const std::string code = node->code;
    const std::string period = period_;
    const bool subtree = !node_only_;
    const std::string prefix = "indicators|" + code + "|";
    Actor who = session_.actor();
    session_.load<IndicatorTable>(
        table_, session_.key(prefix + period + "|" + (subtree ? "all" : "node")), ZH("计算指标"),
        [who, code, period, subtree](Service& s) {
            IndicatorTable t;
            t.defs = s.list_indicators(who, code);
            t.values = s.indicator_values(who, IndicatorQuery{period, code, std::nullopt, subtree});
            return t;
        },
        Lane::Query, table_.key.rfind(prefix, 0) == 0);

    const IndicatorTable* t = table_.value ? &*table_.value : nullptr;
    draw_toolbar(t);
    if (table_.failure) {
        show_failure(*table_.failure);
    } else if (!t) {
        show_loading(ZH("正在计算指标…（首次计算整个期间，之后只重算数据有变动的部分）"));
    } else {
        if (logged_ != table_.stamp()) {
            logged_ = table_.stamp();
            auto_log("indicators_loaded", std::to_string(t->values.size()) + " " + std::to_string(t->defs.size()));
        }
        if (t->defs.empty()) {
            text_wrapped(format(ZH("「%s」没有适用的指标：含指标的插件未在此启用。"), node->name.c_str()));
            if (session_.can(Capability::ManagePlugins)) text_muted(ZH("工委管理员可在「插件管理」中按部门启用插件。"));
        } else {
            draw_table(*t);
        }
    }
    ImGui::End();
}

void IndicatorsView::draw_toolbar(const IndicatorTable* t) {
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text(ZH("期间"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 5);
    std::string type_label(period_type_label(type_));
    glyph_atlas().check(type_label);
    if (ImGui::BeginCombo(label(ZH("##period_type")), type_label.c_str())) {
        for (PeriodType pt : kTypes) {
            std::string l = std::string(period_type_label(pt)) + "##" + std::string(period_type_id(pt));
            if (selectable(l.c_str(), pt == type_) && pt != type_) {
                type_ = pt;
                period_ = Period::containing(session_.today(), type_).str();
                indicator_.clear();
            }
            auto_item("indicators.type." + std::string(period_type_id(pt)));
        }
        ImGui::EndCombo();
    }
    auto_item("indicators.type");
    ImGui::SameLine();
    period_combo("##period", period_, type_, session_.today(), em * 10, "indicators.period");

    ImGui::SameLine();
    text(ZH("指标"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 14);
    std::string shown = ZH("全部指标");
    if (t)
        if (const IndicatorInfo* d = def(*t, indicator_)) shown = d->name;
    glyph_atlas().check(shown);
    if (ImGui::BeginCombo(label(ZH("##indicator")), shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (selectable(ZH("全部指标"), indicator_.empty())) indicator_.clear();
        if (t)
            for (const auto& d : t->defs) {
                if (d.period != period_type_id(type_)) continue;
                std::string l = d.name + (d.rule ? ZH("（合规规则）") : "") + "##" + d.id;
                if (selectable(l.c_str(), d.id == indicator_)) indicator_ = d.id;
                if (!d.description.empty()) tooltip(d.description);
                auto_item("indicators.pick." + d.id);
            }
        ImGui::EndCombo();
    }
    auto_item("indicators.indicator");
    ImGui::SameLine();
    checkbox(ZH("只看本组织"), &node_only_);
    ImGui::SameLine();
    checkbox(ZH("只看未达标或有问题的"), &failed_only_);
}

void IndicatorsView::refilter(const IndicatorTable& t) {
    std::string key = table_.stamp() + "|" + indicator_ + "|" + (failed_only_ ? "f" : "-");
    if (key == filter_key_) return;
    filter_key_ = key;
    rows_.clear();
    for (std::size_t i = 0; i < t.values.size(); ++i) {
        const auto& r = t.values[i];
        if (!indicator_.empty() && r.indicator_id != indicator_) continue;
        if (failed_only_ && !r.has_problem()) continue;
        rows_.push_back(i);
    }
}

void IndicatorsView::draw_table(const IndicatorTable& t) {
    const float em = ImGui::GetFontSize();
    refilter(t);
    std::size_t met = 0, failed = 0, errors = 0;
    for (std::size_t i : rows_) {
        const auto& r = t.values[i];
        if (r.met) (*r.met ? met : failed) += 1;
        if (!r.error.empty()) ++errors;
    }
    text_muted(format(ZH("%s：%zu 项结果，达标 %zu、未达标 %zu、计算出错 %zu。"), period_label(period_).c_str(), rows_.size(), met,
                      failed, errors));

    // Export what is shown, as shown.
    const OrgNode* node = session_.selected();
    export_.set_default_name({ZH("指标情况"), node ? node->name : std::string(), period_label(period_)});
    if (export_.draw(ZH("导出 Excel"), "indicators.export")) {
        // The same query and filters as the table; the service makes the sheet on the worker.
        IndicatorExport request;
        request.query = IndicatorQuery{period_, session_.selected_code(),
                                       indicator_.empty() ? std::nullopt : std::optional<std::string>(indicator_), !node_only_};
        request.problems_only = failed_only_;
        export_.start(session_, [who = session_.actor(), request](Service& s) { return s.export_indicators(who, request); });
    }

    if (rows_.empty()) {
        text_muted(failed_only_ ? ZH("所选范围内没有未达标或有问题的指标。") : ZH("所选期间没有指标结果（指标按其它周期计算？）。"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##indicators", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ZH("组织"), 0, em * 15);
    ImGui::TableSetupColumn(ZH("指标"), 0, em * 13);
    ImGui::TableSetupColumn(ZH("实际值"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("目标"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("达标"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("汇总"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("合规检查 / 说明"), 0, em * 24);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const auto& r = t.values[rows_[static_cast<std::size_t>(k)]];
            const IndicatorInfo* d = def(t, r.indicator_id);
            // The node's name heads its group of rows; the rest of the group leaves it blank.
            bool first = k == 0 || t.values[rows_[static_cast<std::size_t>(k - 1)]].org_code != r.org_code;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (first) {
                float indent = em * static_cast<float>(r.depth) + 1.0f;
                ImGui::Indent(indent);
                text(r.org_name);
                ImGui::Unindent(indent);
                tooltip(r.org_code);
            }
            cell(r.name);
            if (d && !d->description.empty()) tooltip(d->description);
            ImGui::TableNextColumn();
            if (r.value)
                text(number_text(r.value) + r.unit);
            else
                text_muted(r.error.empty() ? ZH("不适用") : ZH("—"));
            cell(target_text(r, d));
            ImGui::TableNextColumn();
            if (r.met)
                text_colored(*r.met ? colors::kOk : colors::kError, *r.met ? ZH("达标") : ZH("未达标"));
            else
                text_muted(ZH("—"));
            ImGui::TableNextColumn();
            if (r.rolled_up) {
                text_muted(ZH("汇总"));
                tooltip(format(ZH("由下级组织的值%s得出"), d ? rollup_label(d->rollup) : ZH("汇总")));
            }
            ImGui::TableNextColumn();
            if (!r.error.empty()) {
                text_colored(colors::kError, std::string(ZH("计算出错：")) + r.error);
                tooltip(r.error);
            } else if (!r.findings.empty()) {
                text_colored(colors::kWarn, joined(r.findings, ZH("；")));
                tooltip(joined(r.findings, "\n"));
            } else if (d && d->rule && r.rolled_up && r.value.value_or(0) > 0) {
                text_colored(colors::kWarn, format(ZH("下级组织共发现 %s 处问题"), number_text(r.value).c_str()));
            } else if (d && d->rule && r.value.value_or(0) == 0) {
                text_colored(colors::kOk, ZH("未发现问题"));
            }
        }
    ImGui::EndTable();
}

}  // namespace dj::ui
