// 审计日志: who changed what, before and after, and whether the hash chain is intact.
// The service decides who may read (工委管理员, 领导) and verify (工委管理员); others see its
// access-denied message.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit_view.hpp"
#include "automation.hpp"
#include "model/audit_actions.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

using nlohmann::json;

// A value as a reader would write it: text without quotes, ids of states as their labels,
// lists and objects compact.
// Units' names by code from the org tree the session holds (empty until it is loaded).
std::function<std::string(const std::string&)> org_names(Session& session) {
    const auto& tree = session.tree();
    if (!tree.value) return {};
    const OrgTree* t = &*tree.value;
    return [t](const std::string& code) {
        const OrgNode* n = t->find(code);
        return n ? n->name : std::string();
    };
}

bool org_key(const std::string& key) {
    return key == "org" || key == "org_code" || key == "branch" || key == "branch_code" || key == "parent" ||
           key == "parent_code";
}

std::string value_text(const std::string& key, const json& v,
                       const std::function<std::string(const std::string&)>& org_name) {
    if (v.is_null()) return ZH("（空）");
    if (v.is_string() && org_name && org_key(key) && !v.get<std::string>().empty()) {
        std::string name = org_name(v.get<std::string>());
        if (!name.empty()) return name;
    }
    if (v.is_string())
        return v.get<std::string>().empty() ? std::string(ZH("（空）")) : audit_value_label(key, v.get<std::string>());
    if (v.is_boolean()) return v.get<bool>() ? ZH("是") : ZH("否");
    return v.dump();
}

}  // namespace

// What an entry changed, one line per field: 「名称：旧 → 新」, only the fields that differ.
// Entries whose before/after are not JSON objects are shown as they are.
std::vector<std::string> audit_changes(const std::string& before, const std::string& after,
                                       const std::map<std::string, std::string>& labels,
                                       const std::function<std::string(const std::string&)>& org_name) {
    auto label = [&](const std::string& key) {
        auto it = labels.find(key);
        return it != labels.end() ? it->second : audit_field_label(key);
    };
    json b = before.empty() ? json::object() : json::parse(before, nullptr, false);
    json a = after.empty() ? json::object() : json::parse(after, nullptr, false);
    std::vector<std::string> out;
    if (!b.is_object() || !a.is_object()) {
        if (!before.empty()) out.push_back(std::string(ZH("变更前：")) + before);
        if (!after.empty()) out.push_back(std::string(ZH("变更后：")) + after);
        return out;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        auto old = b.find(it.key());
        if (old != b.end() && *old == it.value()) continue;
        std::string line = label(it.key()) + ZH("：");
        line += old == b.end() ? value_text(it.key(), it.value(), org_name)
                               : value_text(it.key(), *old, org_name) + ZH(" → ") + value_text(it.key(), it.value(), org_name);
        out.push_back(line);
    }
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()) && !after.empty())
            out.push_back(label(it.key()) + ZH("：") + value_text(it.key(), it.value(), org_name) + ZH(" → （删除）"));
    return out;
}

std::pair<std::string, std::string> audit_mismatch_parts(const std::string& mismatch) {
    // The row's name ends where the first field (的「) or the first statement (：) begins.
    const std::size_t field = mismatch.find(ZH("的「"));
    const std::size_t colon = mismatch.find(ZH("："));
    if (field != std::string::npos && (colon == std::string::npos || field < colon))
        return {mismatch.substr(0, field), mismatch.substr(field + std::string(ZH("的")).size())};
    if (colon != std::string::npos) return {mismatch.substr(0, colon), mismatch.substr(colon + std::string(ZH("：")).size())};
    return {"", mismatch};
}

const char* AuditView::title() const { return ZH("审计日志"); }

void AuditView::prepare_screenshot(std::string_view variant) {
    if (variant == "audit_verify") {
        deep_ = true;
        verify_on_open_ = true;
    }
}

void AuditView::start_verify() {
    verifying_ = true;
    verdict_.reset();
    verify_failure_.reset();
    AuditCheck check;
    check.deep = deep_;
    verified_deep_ = deep_;
    const Actor who = session_.actor();
    session_.call<AuditVerdict>(
        ZH("校验审计日志"), [who, check](Service& s) { return s.audit_verify(who, check); },
        [this](AuditVerdict& v) {
            verifying_ = false;
            verdict_ = v;
            // What the screen shows, line by line, so a test reads what a person reads.
            auto_log("audit_verdict", v.intact ? "intact" : "broken");
            if (!v.intact) auto_log("audit_reason", v.reason);
            for (const auto& n : v.notes) auto_log("audit_note", n);
            for (const auto& m : v.mismatches) {
                auto [row, what] = audit_mismatch_parts(m);
                auto_log("audit_mismatch", row + "\t" + what);
            }
        },
        [this](const Failure& f) {
            verifying_ = false;
            verify_failure_ = f;
            auto_log("audit_verify_failed", f.message);
        },
        Lane::Long);
}

// The verdict as `audit verify` prints it: the outcome, what the check could and could not
// prove (its notes), and with --deep each business row that differs from the log.
void AuditView::draw_verdict(const AuditVerdict& v) {
    const float em = ImGui::GetFontSize();
    if (v.intact) {
        std::string line = format(ZH("%s：共 %zu 条记录，哈希链无断裂"),
                                  v.proven() ? ZH("审计日志完整") : ZH("审计日志未发现改动"), v.rows);
        if (v.keyed) line += format(ZH("，%zu 条的密钥签名正确"), v.signed_rows);
        if (v.anchored) line += ZH("，与链头记录一致");
        if (verified_deep_) line += ZH("，业务数据与日志相符");
        text_colored(v.proven() ? colors::kOk : colors::kWarn, line + ZH("。"));
    } else {
        std::string where = v.first_broken_id && *v.first_broken_id > 0
                                ? format(ZH("（第 %lld 条起）"), static_cast<long long>(*v.first_broken_id))
                                : std::string();
        ImGui::PushStyleColor(ImGuiCol_Text, colors::kError);
        text_wrapped(std::string(ZH("审计日志被改动")) + where + ZH("：") + v.reason);
        ImGui::PopStyleColor();
    }
    if (!v.notes.empty()) {
        text_muted(ZH("说明："));
        for (const auto& n : v.notes) text_wrapped(std::string(ZH("· ")) + n);
    }
    if (v.mismatches.empty()) return;
    text(format(ZH("业务数据与审计日志不符之处（共 %zu 处，均为绕过程序直接改动数据库所致）："), v.mismatches.size()));
    const float rows_h = (ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2) *
                         static_cast<float>(std::min<std::size_t>(v.mismatches.size(), 8) + 1);
    if (ImGui::BeginTable("##mismatches", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                              ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, rows_h + 4))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("哪一条"), ImGuiTableColumnFlags_WidthFixed, em * 12);
        ImGui::TableSetupColumn(ZH("与日志的不同"), ImGuiTableColumnFlags_WidthStretch);
        table_headers();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(v.mismatches.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                auto [row, what] = audit_mismatch_parts(v.mismatches[static_cast<std::size_t>(i)]);
                ImGui::TableNextRow();
                cell(row);
                ImGui::TableNextColumn();
                text_wrapped(what);
            }
        ImGui::EndTable();
    }
}

bool AuditView::busy() const { return log_.loading || verifying_ || export_.busy(); }

void AuditView::draw() {
    if (!begin_screen(title())) {
        ImGui::End();
        return;
    }
    float em = ImGui::GetFontSize();
    Actor who = session_.actor();

    // Filters
    ImGui::PushItemWidth(em * 9);
    input(ZH("##target"), target_, ZH("对象，如 member:12 或 org:*"));
    ImGui::SameLine();
    input(ZH("##actor"), actor_, ZH("操作人登录名"));
    ImGui::SameLine();
    input(ZH("##since"), since_, ZH("起始日期"));
    ImGui::SameLine();
    input(ZH("##until"), until_, ZH("截止日期（不含）"));
    ImGui::PopItemWidth();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 5);
    ImGui::InputInt(label(ZH("条##limit")), &limit_, 0);
    if (limit_ < 1) limit_ = 1;
    if (limit_ > 100000) limit_ = 100000;
    ImGui::SameLine();
    bool apply = button(ZH("查询"));
    std::string q = target_ + "\x1f" + actor_ + "\x1f" + since_ + "\x1f" + until_ + "\x1f" + std::to_string(limit_);
    if (apply || query_.empty()) {
        query_ = q;
        applied_ = AuditFilter{};
        if (!target_.empty()) applied_.target = target_;
        if (!actor_.empty()) applied_.actor = actor_;
        if (!since_.empty()) applied_.since = since_;
        if (!until_.empty()) applied_.until = until_;
        applied_.limit = static_cast<std::size_t>(limit_);
    }
    AuditFilter filter = applied_;
    session_.load<std::vector<AuditEntry>>(log_, session_.key("audit|" + query_), ZH("加载审计日志"),
                                           [who, filter](Service& s) { return s.audit_log(who, filter); });

    ImGui::SameLine();
    ImGui::BeginDisabled(verifying_);
    if (button(ZH("校验完整性")) || verify_on_open_) {
        verify_on_open_ = false;
        start_verify();
    }
    auto_item("audit.verify");
    ImGui::SameLine();
    checkbox(ZH("同时逐条比对业务数据"), &deep_);
    auto_item("audit.deep");
    tooltip(ZH("按日志重放，比对党员、填报记录和账号的现状（即 audit verify --deep），较慢"));
    ImGui::EndDisabled();
    if (verifying_) {
        ImGui::SameLine();
        show_loading(ZH("正在校验…"));
    }
    if (verdict_) draw_verdict(*verdict_);
    if (verify_failure_) show_failure(*verify_failure_);

    if (log_.failure) {
        show_failure(*log_.failure);
        ImGui::End();
        return;
    }
    if (!log_.value) {
        show_loading();
        ImGui::End();
        return;
    }
    const auto& rows = *log_.value;
    const auto& people = session_.users();
    if (logged_ != log_.stamp() && (people.value || people.failure)) {
        // The newest rows as shown, so a test can read what a person reads.
        logged_ = log_.stamp();
        auto_log("audit_loaded", std::to_string(rows.size()));
        for (std::size_t i = 0; i < rows.size() && i < 5; ++i) {
            const AuditEntry& e = rows[i];
            std::string changes;
            for (const auto& line : audit_changes(e.before, e.after, e.field_labels, org_names(session_))) changes += (changes.empty() ? "" : "；") + line;
            auto_log("audit_row", std::to_string(e.id) + "\t" + local_time(e.at) + "\t" + (e.actor_name.empty() ? session_.person(e.actor) : e.actor_name) + "\t" +
                                      audit_action_label(e.action) + "\t" + changes);
        }
    }
    text_muted(format(ZH("显示 %zu 条（最新在前）。点击一行查看变更前后的完整内容。"), rows.size()));
    export_.set_default_name({ZH("审计日志"), session_.today().iso()});
    if (export_.draw(ZH("导出 Excel"), "audit.export"))
        export_.start(session_, [who, filter](Service& s) { return s.export_audit(who, filter); });
    float detail_h = expanded_ ? em * 9 : 0;
    if (ImGui::BeginTable("##audit", 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                              ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, -detail_h - ImGui::GetStyle().ItemSpacing.y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ZH("编号"), ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
        ImGui::TableSetupColumn(ZH("时间"), ImGuiTableColumnFlags_WidthFixed, em * 10.5f);
        ImGui::TableSetupColumn(ZH("操作人"), ImGuiTableColumnFlags_WidthFixed, em * 6.0f);
        ImGui::TableSetupColumn(ZH("操作"), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
        ImGui::TableSetupColumn(ZH("对象"), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
        ImGui::TableSetupColumn(ZH("变更内容"), ImGuiTableColumnFlags_WidthStretch);
        table_headers();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(rows.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const AuditEntry& e = rows[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(e.id));
                if (ImGui::Selectable(std::to_string(e.id).c_str(), expanded_ == e.id,
                                      ImGuiSelectableFlags_SpanAllColumns))
                    expanded_ = expanded_ == e.id ? 0 : e.id;
                ImGui::PopID();
                cell(local_time(e.at));
                cell((e.actor_name.empty() ? session_.person(e.actor) : e.actor_name));
                cell(audit_action_label(e.action));
                cell(audit_target_label(e.target));
                ImGui::TableNextColumn();
                std::string summary;
                for (const auto& line : audit_changes(e.before, e.after, e.field_labels, org_names(session_)))
                    summary += (summary.empty() ? "" : ZH("；")) + line;
                if (summary.size() > 200) {
                    std::size_t cut = 200;
                    while (cut > 0 && (static_cast<unsigned char>(summary[cut]) & 0xC0) == 0x80) --cut;
                    summary = summary.substr(0, cut) + ZH("…");
                }
                text(summary);
            }
        ImGui::EndTable();
    }
    if (expanded_) {
        for (const auto& e : rows) {
            if (e.id != expanded_) continue;
            ImGui::BeginChild("##audit_detail", ImVec2(0, 0), true);
            text(format(ZH("第 %lld 条 · %s · %s · %s · %s"), static_cast<long long>(e.id), local_time(e.at).c_str(),
                        (e.actor_name.empty() ? session_.person(e.actor) : e.actor_name).c_str(), audit_action_label(e.action).c_str(), audit_target_label(e.target).c_str()));
            auto changes = audit_changes(e.before, e.after, e.field_labels, org_names(session_));
            if (changes.empty()) text_muted(ZH("（没有字段变化）"));
            for (const auto& line : changes) text_wrapped(std::string(ZH("· ")) + line);
            ImGui::EndChild();
        }
    }
    ImGui::End();
}

}  // namespace dj::ui
