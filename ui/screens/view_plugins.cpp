// 插件管理: which plugins are on where. Rows are the selected node and its children
// (departments under the 机关工委), columns the plugins; a cell shows whether the plugin is on
// there and whether that was decided at this node (bold) or inherited from above (muted).
// The checkbox toggles it; the side panel edits the plugin's declared settings at the node.
// A second tab lists every plugin's status and reloads them.
#include <algorithm>

#include "automation.hpp"
#include "plugins_view.hpp"
#include "strings.hpp"
#include "widgets.hpp"

namespace dj::ui {

using nlohmann::json;

namespace {

json parse_or(const std::string& text, json fallback) {
    auto j = json::parse(text.empty() ? std::string("null") : text, nullptr, false);
    return j.is_discarded() || j.is_null() ? fallback : j;
}

const EffectivePluginInfo* find_cell(const std::vector<EffectivePluginInfo>& row, const std::string& id) {
    for (const auto& c : row)
        if (c.id == id) return &c;
    return nullptr;
}

}  // namespace

void collect_glyphs(CodepointSet& set, const PluginMatrix& m) {
    for (const auto& p : m.plugins) collect_glyphs(set, p);
    for (const auto& row : m.cells)
        for (const auto& c : row) collect_glyphs(set, c);
}

const char* PluginsView::title() const { return ZH("插件管理"); }

bool PluginsView::busy() const { return matrix_.loading || saving_ || reloading_; }

void PluginsView::prepare_screenshot(std::string_view variant) {
    if (variant == "plugin_status") {
        tab_ = 1;
        select_tab_ = true;
    }
}

std::string PluginsView::node_name(const std::string& code) const {
    const OrgTree* tree = session_.tree_if_ready();
    const OrgNode* n = tree ? tree->find(code) : nullptr;
    return n ? n->name : code;
}

void PluginsView::set(const std::string& code, const std::string& plugin, std::optional<bool> enabled, const json& settings,
                      bool clear) {
    saving_ = true;
    setting_errors_.clear();
    Actor who = session_.actor();
    PluginSetting ps;
    ps.plugin_id = plugin;
    ps.unit_code = code;
    ps.enabled = enabled;
    ps.settings_json = settings.dump();
    ps.clear = clear;
    session_.call<bool>(
        ZH("保存插件设置"),
        [who, ps](Service& s) {
            s.set_plugin(who, ps);
            return true;
        },
        [this, code, plugin, enabled, clear](bool&) {
            saving_ = false;
            dirty_.clear();
            edits_for_.clear();  // re-read from the reloaded matrix
            session_.changed();
            std::string what = clear     ? std::string(ZH("已恢复继承"))
                               : enabled ? std::string(*enabled ? ZH("已启用") : ZH("已停用"))
                                         : std::string(ZH("设置已保存"));
            session_.notify(format(ZH("%s：%s @ %s"), what.c_str(), plugin.c_str(), node_name(code).c_str()));
            auto_log("plugin_set", code + " " + plugin);
        },
        [this](const Failure& f) {
            saving_ = false;
            // The service joins its problems with "；", each naming 设置项「label」.
            const std::string sep = ZH("；");
            std::size_t start = 0;
            const PluginMatrix* m = matrix_.value ? &*matrix_.value : nullptr;
            json specs = json::array();
            if (m)
                for (const auto& p : m->plugins)
                    if (p.id == sel_plugin_) specs = parse_or(p.settings_json, json::array());
            while (start <= f.message.size()) {
                std::size_t end = f.message.find(sep, start);
                if (end == std::string::npos) end = f.message.size();
                std::string part = f.message.substr(start, end - start);
                start = end + sep.size();
                if (part.empty()) continue;
                std::string key;
                for (const auto& s : specs) {
                    std::string lbl = s.value("label", s.value("id", std::string()));
                    if (part.find(ZH("「") + lbl + ZH("」")) != std::string::npos) key = s.value("id", std::string());
                }
                auto& slot = setting_errors_[key];
                slot += (slot.empty() ? "" : sep) + part;
            }
            if (setting_errors_.count("") && !sel_code_.empty()) {
                // A toggle refused from the matrix: say so where it was clicked too.
                session_.notify(setting_errors_[""], true);
            }
            auto_log("plugin_set_failed", f.message);
        });
}

void PluginsView::draw() {
    const OrgNode* node = session_.selected();
    std::string heading_text = node ? std::string(title()) + ZH(" · ") + node->name : std::string(title());
    if (!begin_screen(heading_text)) {
        ImGui::End();
        return;
    }
    const OrgTree* tree = session_.tree_if_ready();
    if (!node || !tree) {
        show_loading();
        ImGui::End();
        return;
    }
    std::vector<std::string> codes{node->code};
    if (auto i = tree->index(node->code))
        for (std::size_t c : tree->children[*i]) codes.push_back(tree->nodes[c].code);
    Actor who = session_.actor();
    session_.load<PluginMatrix>(
        matrix_, session_.key("plugins|" + node->code), ZH("加载插件启用情况"),
        [who, codes](Service& s) {
            PluginMatrix m;
            m.plugins = s.list_plugins(who);
            m.codes = codes;
            for (const auto& c : codes) m.cells.push_back(s.effective_plugins(who, c));
            return m;
        },
        Lane::Query, matrix_.key.rfind("plugins|" + node->code + "|", 0) == 0);
    if (matrix_.failure) {
        show_failure(*matrix_.failure);
        ImGui::End();
        return;
    }
    if (!matrix_.value) {
        show_loading(ZH("正在加载插件…"));
        ImGui::End();
        return;
    }
    const PluginMatrix& m = *matrix_.value;
    std::vector<const PluginInfo*> columns;
    for (const auto& p : m.plugins)
        if (!p.owner_unit) columns.push_back(&p);

    if (ImGui::BeginTabBar("##plugin_tabs")) {
        const char* names[] = {ZH("启用与设置"), ZH("插件状态")};
        for (int t = 0; t < 2; ++t) {
            ImGuiTabItemFlags flags = select_tab_ && tab_ == t ? ImGuiTabItemFlags_SetSelected : 0;
            std::string id = std::string(names[t]) + "###tab" + std::to_string(t);
            if (ImGui::BeginTabItem(label(id.c_str()), nullptr, flags)) {
                if (!select_tab_) tab_ = t;
                ImGui::EndTabItem();
            }
            auto_item("plugins.tab." + std::to_string(t));
        }
        select_tab_ = false;
        ImGui::EndTabBar();
    }
    if (tab_ == 1) {
        draw_status(m);
    } else {
        const float panel_w = ImGui::GetFontSize() * 19.0f;
        ImGui::BeginChild("##matrix_area", ImVec2(-panel_w - ImGui::GetStyle().ItemSpacing.x, 0));
        draw_matrix(m, columns);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("##plugin_panel", ImVec2(0, 0), true);
        draw_panel(m, columns);
        ImGui::EndChild();
    }
    ImGui::End();
}

void PluginsView::draw_matrix(const PluginMatrix& m, const std::vector<const PluginInfo*>& columns) {
    const float em = ImGui::GetFontSize();
    const bool manage = session_.can(Capability::ManagePlugins);
    ImGui::PushTextWrapPos(0.0f);
    text_muted(manage ? ZH("勾选即在该组织及其下级启用（下级可另行设置）。粗体为本级设置，灰色为继承。点击格子查看设置。")
                      : ZH("只读：当前身份不能启用或停用插件。粗体为本级设置，灰色为继承。"));
    ImGui::PopTextWrapPos();
    if (columns.empty()) {
        text_wrapped(ZH("没有可启用的插件（插件目录为空，或插件都未能加载，见“插件状态”）。"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##matrix", static_cast<int>(columns.size()) + 1, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ZH("组织"), 0, em * 12);
    for (const auto* p : columns) ImGui::TableSetupColumn(p->name.c_str(), 0, em * 15.5f);
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m.codes.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const std::string& code = m.codes[static_cast<std::size_t>(r)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (r == 0)
                text_bold(node_name(code) + ZH("（本级）"));
            else
                text(node_name(code));
            for (std::size_t c = 0; c < columns.size(); ++c) {
                ImGui::TableNextColumn();
                const PluginInfo& p = *columns[c];
                const EffectivePluginInfo* cell = find_cell(m.cells[static_cast<std::size_t>(r)], p.id);
                if (!cell) continue;
                ImGui::PushID(r * 1000 + static_cast<int>(c));
                ImVec2 start = ImGui::GetCursorPos();
                bool sel = sel_code_ == code && sel_plugin_ == p.id;
                if (ImGui::Selectable("##cell", sel, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, ImGui::GetFrameHeight()))) {
                    sel_code_ = code;
                    sel_plugin_ = p.id;
                }
                auto_item("plugins.cell." + code + "." + p.id);
                std::string detail = cell->inherited || cell->decided_at != code
                                         ? (cell->decided_at.empty() ? std::string(ZH("从未设置，默认停用"))
                                                                     : format(ZH("继承自 %s"), node_name(cell->decided_at).c_str()))
                                         : std::string(ZH("本级设置"));
                tooltip(format(ZH("%s @ %s：%s（%s）"), p.name.c_str(), node_name(code).c_str(),
                               cell->enabled ? ZH("启用") : ZH("停用"), detail.c_str()));
                ImGui::SetCursorPos(start);
                bool on = cell->enabled;
                ImGui::BeginDisabled(!manage || saving_ || p.status != "loaded");
                if (ImGui::Checkbox("##on", &on)) set(code, p.id, on, json::object(), false);
                ImGui::EndDisabled();
                auto_item("plugins.toggle." + code + "." + p.id);
                ImGui::SameLine();
                bool own = !cell->inherited && cell->decided_at == code;
                std::string state = cell->enabled ? ZH("启用") : ZH("停用");
                if (own) {
                    text_bold(state);
                    ImGui::SameLine();
                    text_bold(ZH("本级"));
                } else {
                    text_muted(state);
                    ImGui::SameLine();
                    text_muted(detail);
                }
                ImGui::PopID();
            }
        }
    ImGui::EndTable();
}

void PluginsView::draw_panel(const PluginMatrix& m, const std::vector<const PluginInfo*>& columns) {
    const float em = ImGui::GetFontSize();
    const PluginInfo* plugin = nullptr;
    for (const auto* p : columns)
        if (p->id == sel_plugin_) plugin = p;
    auto row = std::find(m.codes.begin(), m.codes.end(), sel_code_);
    if (!plugin || row == m.codes.end()) {
        text_wrapped(ZH("点击左侧矩阵中的格子，在这里查看和修改该插件在该组织的设置。"));
        return;
    }
    const auto& cells = m.cells[static_cast<std::size_t>(row - m.codes.begin())];
    const EffectivePluginInfo* cell = find_cell(cells, plugin->id);
    if (!cell) return;
    const bool manage = session_.can(Capability::ManagePlugins);
    heading(plugin->name);
    text_muted(format(ZH("%s · 版本 %s"), plugin->id.c_str(), plugin->version.c_str()));
    text(format(ZH("组织：%s"), node_name(sel_code_).c_str()));
    bool own = !cell->inherited && cell->decided_at == sel_code_;
    text(format(ZH("状态：%s"), cell->enabled ? ZH("启用") : ZH("停用")));
    ImGui::SameLine();
    if (own)
        text_bold(ZH("（本级设置）"));
    else
        text_muted(cell->decided_at.empty() ? std::string(ZH("（从未设置，默认停用）"))
                                            : format(ZH("（继承自 %s）"), node_name(cell->decided_at).c_str()));

    json own_entry = parse_or(cell->own_entry_json, json::object());
    json own_settings = own_entry.value("settings", json::object());
    ImGui::BeginDisabled(!manage || saving_);
    if (button(ZH("启用"))) set(sel_code_, plugin->id, true, json::object(), false);
    auto_item("plugins.panel.enable");
    ImGui::SameLine();
    if (button(ZH("停用"))) set(sel_code_, plugin->id, false, json::object(), false);
    auto_item("plugins.panel.disable");
    ImGui::SameLine();
    ImGui::BeginDisabled(cell->own_entry_json.empty());
    if (button(ZH("恢复继承"))) set(sel_code_, plugin->id, std::nullopt, json::object(), true);
    auto_item("plugins.panel.clear");
    ImGui::EndDisabled();
    tooltip(ZH("删除本级的启用状态和设置，改为沿用上级"));
    ImGui::EndDisabled();

    separator_text(ZH("设置"));
    json specs = parse_or(plugin->settings_json, json::array());
    json merged = parse_or(cell->settings_json, json::object());
    std::string key = sel_code_ + "|" + plugin->id + "|" + matrix_.stamp();
    if (edits_for_ != key) {
        edits_for_ = key;
        edits_ = merged;
        dirty_.clear();
        setting_errors_.clear();
    }
    if (!specs.is_array() || specs.empty()) text_muted(ZH("该插件没有可设置的项目。"));
    ImGui::BeginDisabled(!manage || saving_);
    for (const auto& spec : specs) {
        std::string id = spec.value("id", std::string());
        std::string type = spec.value("type", std::string("string"));
        std::string lbl = spec.value("label", id);
        ImGui::PushID(id.c_str());
        ImGui::AlignTextToFramePadding();
        text(lbl);
        ImGui::SameLine();
        if (own_settings.contains(id))
            text_bold(ZH("（本级）"));
        else
            text_muted(ZH("（继承）"));
        json& v = edits_[id];
        bool changed = false;
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (type == "integer") {
            int x = v.is_number() ? static_cast<int>(v.get<double>()) : 0;
            if (ImGui::InputInt("##v", &x)) v = x, changed = true;
        } else if (type == "number") {
            double x = v.is_number() ? v.get<double>() : 0.0;
            if (ImGui::InputDouble("##v", &x, 0, 0, "%.2f")) v = x, changed = true;
        } else if (type == "bool") {
            bool x = v.is_boolean() && v.get<bool>();
            if (checkbox(ZH("是##v"), &x)) v = x, changed = true;
        } else if (type == "select") {
            std::string cur = v.is_string() ? v.get<std::string>() : std::string();
            glyph_atlas().check(cur);
            if (ImGui::BeginCombo("##v", cur.c_str())) {
                for (const auto& o : spec.value("options", json::array())) {
                    std::string opt = o.is_string() ? o.get<std::string>() : o.dump();
                    if (selectable(opt.c_str(), opt == cur)) v = opt, changed = true;
                }
                ImGui::EndCombo();
            }
        } else {
            std::string x = v.is_string() ? v.get<std::string>() : std::string();
            if (input("##v", x)) v = x, changed = true;
        }
        auto_item("plugins.setting." + id);
        if (changed) {
            dirty_.insert(id);
            setting_errors_.erase(id);
        }
        if (spec.contains("min") || spec.contains("max")) {
            std::string range = spec.contains("min") && spec.contains("max")
                                    ? format(ZH("范围 %g 至 %g"), spec["min"].get<double>(), spec["max"].get<double>())
                                : spec.contains("min") ? format(ZH("不小于 %g"), spec["min"].get<double>())
                                                       : format(ZH("不大于 %g"), spec["max"].get<double>());
            text_muted(range);
        }
        if (auto e = setting_errors_.find(id); e != setting_errors_.end()) text_error(e->second);
        ImGui::PopID();
    }
    if (auto e = setting_errors_.find(""); e != setting_errors_.end()) text_error(e->second);
    ImGui::Spacing();
    ImGui::BeginDisabled(dirty_.empty());
    if (button(ZH("保存设置"), ImVec2(em * 7, 0))) {
        json changed = json::object();
        for (const auto& k : dirty_) changed[k] = edits_[k];
        set(sel_code_, plugin->id, std::nullopt, changed, false);
    }
    auto_item("plugins.panel.save");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (!dirty_.empty()) {
        ImGui::SameLine();
        text_muted(format(ZH("已修改 %zu 项"), dirty_.size()));
    }
}

void PluginsView::draw_status(const PluginMatrix& m) {
    const float em = ImGui::GetFontSize();
    if (session_.can(Capability::ManagePlugins)) {
        ImGui::BeginDisabled(reloading_);
        if (button(ZH("重新加载全部插件"))) {
            reloading_ = true;
            reload_.reset();
            reload_failure_.reset();
            Actor who = session_.actor();
            session_.call<std::vector<PluginReloadInfo>>(
                ZH("重新加载插件"), [who](Service& s) { return s.reload_plugins(who, ""); },
                [this](std::vector<PluginReloadInfo>& r) {
                    reloading_ = false;
                    reload_ = r;
                    session_.changed();
                    auto_log("plugins_reloaded", std::to_string(r.size()));
                },
                [this](const Failure& f) {
                    reloading_ = false;
                    reload_failure_ = f;
                },
                Lane::Long);
        }
        auto_item("plugins.reload");
        ImGui::EndDisabled();
        ImGui::SameLine();
        text_muted(ZH("新版本有误时保留旧版本继续运行，并报告原因。"));
    }
    if (reloading_) show_loading(ZH("正在重新加载…"));
    if (reload_failure_) show_failure(*reload_failure_);
    if (reload_) {
        separator_text(format(ZH("重新加载结果（%zu 项）"), reload_->size()));
        for (const auto& r : *reload_) {
            text_colored(r.ok ? colors::kOk : colors::kError,
                         format(ZH("%s：%s"), r.id.c_str(), r.ok ? ZH("成功") : ZH("失败，保留原版本")));
            if (!r.reason.empty()) {
                ImGui::Indent();
                text_wrapped(r.reason);
                ImGui::Unindent();
            }
        }
        ImGui::Spacing();
    }
    separator_text(format(ZH("全部插件（%zu 个）"), m.plugins.size()));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##status", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ZH("插件"), 0, em * 9);
    ImGui::TableSetupColumn(ZH("版本"), 0, em * 4);
    ImGui::TableSetupColumn(ZH("状态"), 0, em * 5);
    ImGui::TableSetupColumn(ZH("表单"), 0, em * 11);
    ImGui::TableSetupColumn(ZH("来源与原因"), ImGuiTableColumnFlags_WidthStretch);
    table_headers();
    for (const auto& p : m.plugins) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text(p.name);
        text_muted(p.id);
        cell(p.version);
        ImGui::TableNextColumn();
        text_colored(p.status == "loaded" ? colors::kOk : p.status == "refused" ? colors::kWarn : colors::kError, p.status_label);
        ImGui::TableNextColumn();
        std::string forms;
        for (const auto& f : p.forms) forms += (forms.empty() ? "" : "\n") + f;
        text(forms.empty() ? std::string(ZH("—")) : forms);
        ImGui::TableNextColumn();
        text_wrapped(p.owner_unit ? format(ZH("单位脚本（%s）"), p.owner_unit->c_str()) : p.source);
        if (!p.reason.empty()) text_error(p.reason);
    }
    ImGui::EndTable();
}

}  // namespace dj::ui
