// 述职评议 of one report: votes, result, last year's rectification, and one's own vote.
#include "evaluation_panel.hpp"

#include <algorithm>
#include <sstream>

#include "automation.hpp"
#include "model/period.hpp"
#include "strings.hpp"
#include "view.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// A rating's place on the report's scale (the scheme's, best first) gives its colour.
ImVec4 rating_colour(const EvaluationInfo& e, const std::string& r) {
    for (std::size_t i = 0; i < e.ratings.size(); ++i)
        if (e.ratings[i] == r) {
            if (i == 0) return colors::kOk;
            if (i + 1 == e.ratings.size()) return colors::kError;
            return i == 1 ? ImVec4(0.20f, 0.45f, 0.70f, 1.0f) : colors::kWarn;
        }
    return colors::kMuted;
}

// "好 4、较好 3、一般 2、差 1": what each rating counts for in an average.
std::string rule_label(const EvaluationInfo& e) {
    if (e.rule == "average") {
        std::string points;
        for (std::size_t i = 0; i < e.ratings.size(); ++i)
            points += (i ? ZH("、") : "") + e.ratings[i] + " " + std::to_string(e.ratings.size() - i);
        return format(ZH("按平均等次（%s，四舍五入时就低）"), points.c_str());
    }
    if (e.rule == "majority") return ZH("按多数意见（票数相同时取较低等次）");
    if (e.rule == "plugin") return ZH("按插件规定的规则");
    return ZH("—");
}

// "2020-12-20T08:01:02Z" → "2020-12-20 08:01"
std::string minute_text(std::string t) {
    if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
    if (t.size() > 16) t.resize(16);
    return t;
}

ImVec4 status_colour(const RectificationItem& r) {
    if (r.overdue) return colors::kError;
    if (r.status == "verified" || r.status == "done") return colors::kOk;
    if (r.status == "in_progress") return colors::kWarn;
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

void collect_glyphs(CodepointSet& set, const EvaluationInfo& e) {
    set.add(e.org_name);
    for (const auto& v : e.votes) {
        set.add(v.evaluator_name);
        set.add(v.rating);
        set.add(v.comment);
        for (const auto& i : v.issues) set.add(i);
    }
    if (e.result) set.add(*e.result);
    for (const auto& r : e.ratings) set.add(r);
    for (const auto& r : e.previous_rectifications) {
        set.add(r.title);
        set.add(r.source_label);
        set.add(r.status_label);
        set.add(r.org_name);
    }
}

void EvaluationPanel::show(std::int64_t submission_id) {
    if (submission_id != id_) {
        id_ = submission_id;
        vote_error_.clear();
        prefilled_for_.clear();
    }
    if (id_ == 0) return;
    Actor who = session_.actor();
    std::int64_t id = id_;
    const std::string prefix = "evaluation|" + std::to_string(id) + "|";
    session_.load<EvaluationInfo>(
        info_, session_.key(prefix), ZH("加载述职评议"), [who, id](Service& s) { return s.evaluation(who, id); },
        Lane::Query, info_.key.rfind(prefix, 0) == 0);
}

void EvaluationPanel::draw() {
    if (id_ == 0) return;
    if (info_.failure) {
        show_failure(*info_.failure);
        return;
    }
    if (!info_.value) {
        show_loading(ZH("正在加载评议情况…"));
        return;
    }
    const EvaluationInfo& e = *info_.value;
    if (logged_ != info_.stamp()) {
        logged_ = info_.stamp();
        auto_log("evaluation_loaded", std::to_string(e.submission_id) + " " + std::to_string(e.votes.size()) + " " +
                                          (e.result ? *e.result : std::string("-")));
    }
    // Prefill one's own vote once per submission, so changing it starts from what was cast.
    std::string mine_key = std::to_string(e.submission_id) + "|" + session_.actor().login;
    if (prefilled_for_ != mine_key) {
        prefilled_for_ = mine_key;
        rating_.clear();
        comment_.clear();
        issues_.clear();
        for (const auto& v : e.votes)
            if (v.evaluator == session_.actor().login) {
                rating_ = v.rating;
                comment_ = v.comment;
                for (const auto& i : v.issues) issues_ += (issues_.empty() ? "" : "\n") + i;
            }
    }

    ImGui::AlignTextToFramePadding();
    text(ZH("评议结果："));
    ImGui::SameLine();
    ImGui::SetWindowFontScale(1.3f);
    if (e.result)
        text_colored(rating_colour(e, *e.result), *e.result);
    else
        text_muted(ZH("尚无评议"));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMuted);
    text_wrapped(format(ZH("（%zu 票，%s）"), e.votes.size(), rule_label(e).c_str()));
    ImGui::PopStyleColor();
    draw_tally(e);
    // One's own vote before the others': rated on the report, not on the votes already cast.
    draw_vote_form(e);
    draw_votes(e);
    draw_previous(e);
}

void EvaluationPanel::draw_tally(const EvaluationInfo& e) {
    const float em = ImGui::GetFontSize();
    int total = 0;
    for (const auto& [k, n] : e.tally) total += n;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // One line: each rating with a bar of its share of the votes and the count; the bars
    // shrink to keep the line within a narrow pane.
    const float gap = em * 1.5f;
    const float count = static_cast<float>(std::max<std::size_t>(e.ratings.size(), 1));
    const float w = std::clamp((ImGui::GetContentRegionAvail().x - gap * (count - 1)) / count - em * 5.5f, em * 1.5f, em * 6),
                h = em * 0.7f;
    for (std::size_t i = 0; i < e.ratings.size(); ++i) {
        const std::string& r = e.ratings[i];
        int n = e.tally.count(r) ? e.tally.at(r) : 0;
        if (i > 0) ImGui::SameLine(0, gap);
        text(r);
        ImGui::SameLine();
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(w, em));
        float y = p.y + (em - h) * 0.5f;
        dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w, y + h), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
        if (total > 0 && n > 0)
            dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w * static_cast<float>(n) / static_cast<float>(total), y + h),
                              ImGui::GetColorU32(rating_colour(e, r)), 2.0f);
        dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + w, y + h), ImGui::GetColorU32(ImGuiCol_Border), 2.0f);
        ImGui::SameLine();
        textf(ZH("%d 票"), n);
    }
}

void EvaluationPanel::draw_votes(const EvaluationInfo& e) {
    const float em = ImGui::GetFontSize();
    separator_text(format(ZH("评议意见（%zu 条）"), e.votes.size()));
    if (e.votes.empty()) {
        text_muted(ZH("还没有人评议这份报告。"));
        return;
    }
    if (!ImGui::BeginTable("##votes", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(ZH("评议人"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("等次"), 0, em * 3);
    ImGui::TableSetupColumn(ZH("评议意见"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ZH("指出的问题"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ZH("日期"), 0, em * 5.5f);
    table_headers();
    for (const auto& v : e.votes) {
        ImGui::TableNextRow();
        cell(v.evaluator_name);
        ImGui::TableNextColumn();
        text_colored(rating_colour(e, v.rating), v.rating);
        ImGui::TableNextColumn();
        text_wrapped(v.comment.empty() ? std::string(ZH("—")) : v.comment);
        ImGui::TableNextColumn();
        if (v.issues.empty()) text_muted(ZH("—"));
        // No space after the bullet: ImGui 1.86 wraps at spaces first, and would leave the
        // bullet alone on its line with the whole (space-less) Chinese sentence below it.
        for (const auto& i : v.issues) text_wrapped(std::string(ZH("·")) + i);
        cell(minute_text(v.at).substr(0, 10));  // the day; the minute in the tooltip
        tooltip(minute_text(v.at));
    }
    ImGui::EndTable();
}

void EvaluationPanel::draw_vote_form(const EvaluationInfo& e) {
    if (!session_.can(Capability::EvaluateReports)) return;  // 评议人 rate; they do not approve
    const float em = ImGui::GetFontSize();
    bool voted = false;
    for (const auto& v : e.votes) voted = voted || v.evaluator == session_.actor().login;
    separator_text(voted ? ZH("修改我的评议") : ZH("我的评议"));
    ImGui::AlignTextToFramePadding();
    text(ZH("等次"));
    for (std::size_t i = 0; i < e.ratings.size(); ++i) {
        ImGui::SameLine();
        std::string l = e.ratings[i] + "##rate" + std::to_string(i);
        if (radio(l.c_str(), rating_ == e.ratings[i])) {
            rating_ = e.ratings[i];
            vote_error_.clear();
        }
        auto_item("eval.rating." + std::to_string(i));
    }
    ImGui::AlignTextToFramePadding();
    text(ZH("评议意见"));
    ImGui::SameLine(em * 5);
    ImGui::SetNextItemWidth(-FLT_MIN);
    input(ZH("##eval_comment"), comment_, ZH("对述职情况的总体评价（可不填）"), 0, "eval.comment");
    ImGui::AlignTextToFramePadding();
    text(ZH("指出问题"));
    ImGui::SameLine(em * 5);
    input_multiline(ZH("##eval_issues"), issues_, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3.5f));
    auto_item("eval.issues", true);
    ImGui::SetCursorPosX(em * 5);
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kMuted);
    text_wrapped(ZH("每行写一个问题；每个问题都会登记为该单位的一项整改事项。"));
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(em * 5);
    ImGui::BeginDisabled(voting_);
    if (button(voted ? ZH("修改评议") : ZH("提交评议"))) vote();
    auto_item("eval.submit");
    ImGui::EndDisabled();
    if (voting_) {
        ImGui::SameLine();
        show_loading(ZH("正在提交…"));
    } else if (!vote_error_.empty()) {
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        text_colored(colors::kError, vote_error_);
        ImGui::PopTextWrapPos();
    }
}

void EvaluationPanel::vote() {
    if (rating_.empty()) {
        vote_error_ = ZH("请先选择评议等次");
        return;
    }
    std::vector<std::string> issues;
    std::istringstream lines(issues_);
    for (std::string line; std::getline(lines, line);) {
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;  // blank lines are not issues
        auto last = line.find_last_not_of(" \t\r");
        issues.push_back(line.substr(first, last - first + 1));
    }
    voting_ = true;
    vote_error_.clear();
    Actor who = session_.actor();
    std::int64_t id = id_;
    std::string rating = rating_, comment = comment_;
    session_.call<EvaluationInfo>(
        ZH("提交评议"), [who, id, rating, comment, issues](Service& s) { return s.evaluate(who, id, rating, comment, issues); },
        [this, rating](EvaluationInfo& e) {
            voting_ = false;
            session_.changed();  // the result, the list and new rectification items
            session_.notify(format(ZH("已评议：%s（当前结果：%s）"), rating.c_str(),
                                   e.result ? e.result->c_str() : ZH("尚无")));
            auto_log("evaluated", std::to_string(e.submission_id) + " " + rating + " " + (e.result ? *e.result : "-"));
        },
        [this](const Failure& f) {
            voting_ = false;
            vote_error_ = f.message;
            auto_log(f.denied ? "denied" : "evaluate_failed", f.message);
        });
}

void EvaluationPanel::draw_previous(const EvaluationInfo& e) {
    const float em = ImGui::GetFontSize();
    auto period = Period::parse(e.period);
    int last_year = period ? period->year_number() - 1 : 0;
    std::size_t closed = 0, overdue = 0;
    for (const auto& r : e.previous_rectifications) {
        closed += r.status == "done" || r.status == "verified";
        overdue += r.overdue;
    }
    separator_text(format(ZH("上一年度（%d年）整改情况：%zu 项，已完成 %zu 项，逾期 %zu 项"), last_year,
                          e.previous_rectifications.size(), closed, overdue));
    if (e.previous_rectifications.empty()) {
        text_muted(ZH("上一年度没有整改事项。"));
        return;
    }
    if (!ImGui::BeginTable("##previous", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(ZH("问题"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(ZH("来源"), 0, em * 6);
    ImGui::TableSetupColumn(ZH("整改期限"), 0, em * 6);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 6);
    table_headers();
    for (const auto& r : e.previous_rectifications) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text_wrapped(r.title);
        cell(r.source_label);
        cell(r.deadline);
        ImGui::TableNextColumn();
        text_colored(status_colour(r), r.overdue ? r.status_label + ZH("（逾期）") : r.status_label);
    }
    ImGui::EndTable();
}

}  // namespace dj::ui
