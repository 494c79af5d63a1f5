// 单位脚本: a department's own Lua scripts (forms and indicators for its subtree). Every
// saved version is kept and can be viewed; 试运行 runs the editor's text in the plugin
// sandbox without saving and shows what it registers and prints, or the error with its line
// marked in the editor; 保存 stores a new version (the service test-runs it first).
#include <cctype>
#include <map>

#include "automation.hpp"
#include "scripts_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

namespace {

// The id a unit's scripts get their forms under (the host's rule, shown so users know what
// to look for in 报表填报): "unit_" + the code lowercased, other characters as '_'.
std::string unit_prefix(const std::string& code) {
    std::string id = "unit_";
    for (char c : code) id += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    return id;
}

const char* template_source() {
    return ZH("-- 本单位自定义的表单或指标，只在本单位及下级组织中使用。\n"
              "-- 试运行：在沙箱中检查并列出注册的内容，不保存。\n"
              "form \"selfcheck\" {\n"
              "  title = \"支部自查表\", scope = \"branch\", period = \"quarter\",\n"
              "  fields = {\n"
              "    { id = \"ok\", type = \"bool\", label = \"三会一课按时召开\", required = true },\n"
              "    { id = \"note\", type = \"textarea\", label = \"说明\" },\n"
              "  },\n"
              "}\n");
}

}  // namespace

const char* ScriptsView::title() const { return ZH("单位脚本"); }

bool ScriptsView::busy() const { return list_.loading || viewing_.loading || testing_ || saving_ || load_first_; }

void ScriptsView::prepare_screenshot(std::string_view variant) {
    if (variant == "scripts") load_first_ = true;
}

void ScriptsView::new_script() {
    name_ = "selfcheck";
    source_ = template_source();
    note_.clear();
    test_.reset();
    failure_.reset();
    saved_message_.clear();
    viewing_open_ = false;
}

void ScriptsView::test_run() {
    testing_ = true;
    test_.reset();
    failure_.reset();
    saved_message_.clear();
    Actor who = session_.actor();
    std::string unit = editor_node_, name = name_, source = source_;
    session_.call<ScriptTestResult>(
        ZH("试运行脚本"), [who, unit, name, source](Service& s) { return s.test_unit_script(who, unit, name, source); },
        [this](ScriptTestResult& r) {
            testing_ = false;
            test_ = r;
            if (!r.ok && r.line > 0) code_.scroll_to = r.line;
            auto_log("script_tested", r.ok ? std::string("ok") : "error " + std::to_string(r.line));
        },
        [this](const Failure& f) {
            testing_ = false;
            failure_ = f;
        },
        Lane::Long);
}

void ScriptsView::save() {
    saving_ = true;
    failure_.reset();
    saved_message_.clear();
    Actor who = session_.actor();
    std::string unit = editor_node_, name = name_, source = source_, note = note_;
    session_.call<UnitScriptInfo>(
        ZH("保存脚本"), [who, unit, name, source, note](Service& s) { return s.save_unit_script(who, unit, name, source, note); },
        [this](UnitScriptInfo& saved) {
            saving_ = false;
            saved_message_ = format(ZH("已保存「%s」第 %d 版"), saved.name.c_str(), saved.version);
            glyph_atlas().add(saved_message_);
            note_.clear();
            session_.changed();
            auto_log("script_saved", saved.name + " " + std::to_string(saved.version));
        },
        [this](const Failure& f) {
            saving_ = false;
            failure_ = f;
        },
        Lane::Long);
}

void ScriptsView::draw() {
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    if (!node) {
        show_loading();
        ImGui::End();
        return;
    }
    if (editor_node_ != node->code) {
        // Another unit: its own scripts and a fresh editor.
        editor_node_ = node->code;
        new_script();
    }
    Actor who = session_.actor();
    std::string code = node->code;
    session_.load<std::vector<UnitScriptInfo>>(
        list_, session_.key("scripts|" + code), ZH("加载单位脚本"),
        [who, code](Service& s) { return s.unit_scripts(who, code, true); });

    const float em = ImGui::GetFontSize();
    const float list_w = em * 17;
    ImGui::BeginChild("##script_list", ImVec2(list_w, 0), true);
    if (list_.failure)
        show_failure(*list_.failure);
    else if (!list_.value)
        show_loading();
    else
        draw_list(*list_.value);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##script_main", ImVec2(0, 0));
    if (viewing_open_)
        draw_viewer();
    else
        draw_editor(*node);
    ImGui::EndChild();
    ImGui::End();
}

void ScriptsView::draw_list(const std::vector<UnitScriptInfo>& scripts) {
    ImGui::BeginDisabled(!session_.can(Capability::WriteScripts));
    if (button(ZH("新建脚本"), ImVec2(-FLT_MIN, 0))) new_script();
    auto_item("scripts.new");
    ImGui::EndDisabled();
    if (scripts.empty()) {
        load_first_ = false;
        text_wrapped(ZH("本单位还没有保存过脚本。"));
        return;
    }
    // Newest version first within each name (the service's order).
    std::map<std::string, std::vector<const UnitScriptInfo*>> by_name;
    for (const auto& s : scripts) by_name[s.name].push_back(&s);
    if (load_first_ && !viewing_.loading) {
        const UnitScriptInfo& first = *by_name.begin()->second.front();
        view_name_ = first.name;
        view_version_ = first.version;
        viewing_open_ = true;
    }
    for (const auto& [name, versions] : by_name) {
        std::string head = format(ZH("%s（%d 个版本）"), name.c_str(), static_cast<int>(versions.size())) + "##" + name;
        ImGui::SetNextItemOpen(true, ImGuiCond_Once);
        if (!ImGui::TreeNode(label(head.c_str()))) continue;
        for (const auto* v : versions) {
            std::string item = format(ZH("第 %d 版 · %s"), v->version, v->note.empty() ? ZH("（无说明）") : v->note.c_str()) +
                               "##" + std::to_string(v->id);
            bool sel = viewing_open_ && view_name_ == v->name && view_version_ == v->version;
            if (selectable(item.c_str(), sel)) {
                view_name_ = v->name;
                view_version_ = v->version;
                viewing_open_ = true;
            }
            auto_item("scripts.version." + v->name + "." + std::to_string(v->version));
            tooltip(format(ZH("%s 保存于 %s"), v->author.c_str(), v->created_at.c_str()));
            // A version stopped for time or memory is not run again until it changes.
            if (!v->fault.empty()) text_colored(colors::kError, format(ZH("已停用（运行超限）：%s"), v->fault.c_str()));
        }
        ImGui::TreePop();
    }
}

void ScriptsView::draw_viewer() {
    const float em = ImGui::GetFontSize();
    Actor who = session_.actor();
    std::string unit = editor_node_, name = view_name_;
    int version = view_version_;
    session_.load<UnitScriptInfo>(
        viewing_, session_.key("script|" + unit + "|" + name + "|" + std::to_string(version)), ZH("加载脚本"),
        [who, unit, name, version](Service& s) { return s.unit_script(who, unit, name, version); });
    if (button(ZH("‹ 返回编辑器"))) {
        viewing_open_ = false;
        load_first_ = false;
    }
    auto_item("scripts.back");
    ImGui::SameLine();
    if (viewing_.failure) {
        show_failure(*viewing_.failure);
        return;
    }
    if (!viewing_.value) {
        show_loading();
        return;
    }
    const UnitScriptInfo& s = *viewing_.value;
    ImGui::BeginDisabled(!session_.can(Capability::WriteScripts));
    if (button(ZH("以此版本为底稿编辑"))) {
        name_ = s.name;
        source_ = s.source;
        note_ = format(ZH("基于第 %d 版修改"), s.version);
        test_.reset();
        failure_.reset();
        viewing_open_ = false;
    }
    auto_item("scripts.edit_version");
    ImGui::EndDisabled();
    text(format(ZH("「%s」第 %d 版（只读）"), s.name.c_str(), s.version));
    text_muted(format(ZH("%s · %s · %s"), s.author.c_str(), s.created_at.c_str(),
                      s.note.empty() ? ZH("（无说明）") : s.note.c_str()));
    std::string copy = s.source;
    code_editor("viewer", copy, ImVec2(0, -em * 0.5f), 0, true, viewer_code_);
    if (load_first_) {
        // Screenshots: the newest version, then a test run of it in the editor.
        load_first_ = false;
        name_ = s.name;
        source_ = s.source;
        viewing_open_ = false;
        test_run();
    }
}

void ScriptsView::draw_editor(const OrgNode& node) {
    const float em = ImGui::GetFontSize();
    const bool write = session_.can(Capability::WriteScripts);
    ImGui::AlignTextToFramePadding();
    text(ZH("脚本名"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 12);
    input(ZH("##name"), name_, ZH("小写字母、数字、下划线"), 0, "scripts.name");
    ImGui::SameLine();
    text_muted(format(ZH("表单编号为 %s.<名称>，只在「%s」及下级使用"), unit_prefix(node.code).c_str(), node.name.c_str()));

    int error_line = test_ && !test_->ok ? test_->line : 0;
    float result_h = em * 8;
    if (code_editor("editor", source_, ImVec2(0, -result_h - ImGui::GetFrameHeightWithSpacing()), error_line, !write, code_,
                    "scripts.editor")) {
        if (test_ && !test_->ok) test_.reset();  // the marked line may have moved
        saved_message_.clear();
    }
    ImGui::BeginDisabled(testing_ || saving_ || !write);
    if (button(ZH("试运行"), ImVec2(em * 5, 0))) test_run();
    auto_item("scripts.test");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 16);
    input(ZH("##note"), note_, ZH("版本说明，如“增加第二季度指标”"), 0, "scripts.note");
    ImGui::SameLine();
    if (button(ZH("保存为新版本"))) save();
    auto_item("scripts.save");
    ImGui::EndDisabled();
    if (!write) {
        ImGui::SameLine();
        text_muted(ZH("只读：当前身份不能编写单位脚本。"));
    }
    ImGui::BeginChild("##script_result", ImVec2(0, 0), true);
    draw_result();
    ImGui::EndChild();
}

void ScriptsView::draw_result() {
    if (testing_ || saving_) show_loading(testing_ ? ZH("正在沙箱中试运行…") : ZH("正在保存…"));
    if (failure_) show_failure(*failure_);
    if (!saved_message_.empty()) text_colored(colors::kOk, saved_message_);
    if (!test_) {
        if (!testing_ && !failure_ && saved_message_.empty())
            text_muted(ZH("点击“试运行”检查脚本：列出它注册的表单和指标，以及 print 的输出。"));
        return;
    }
    const ScriptTestResult& r = *test_;
    if (r.ok) {
        text_colored(colors::kOk, format(ZH("试运行成功：注册了 %zu 项。"), r.registered.size()));
        for (const auto& item : r.registered) text(std::string(ZH("· ")) + item);
    } else {
        if (r.line > 0)
            text_colored(colors::kError, format(ZH("第 %d 行出错（已在编辑器中标红）："), r.line));
        else
            text_colored(colors::kError, ZH("试运行出错："));
        text_error(r.error);
    }
    if (!r.log.empty()) {
        separator_text(format(ZH("输出（%zu 行）"), r.log.size()));
        for (const auto& line : r.log) text(line);
    }
}

}  // namespace dj::ui
