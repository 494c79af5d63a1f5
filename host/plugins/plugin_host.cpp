#include "plugins/plugin_host.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <set>

#include "core/errors.hpp"
#include "indicators/query_api.hpp"
#include "lua/lua_json.hpp"
#include "lua/plugin_check.hpp"
#include "lua/plugin_depends.hpp"

namespace dj::plugins {

using nlohmann::json;

namespace {

const json kFn = {{"$fn", true}};
constexpr const char* kFieldFunctions[] = {"visible_if", "compute", "default", "constraint", "options"};

const char* hook_key(forms::Hook h) {
    switch (h) {
        case forms::Hook::VisibleIf: return "visible_if";
        case forms::Hook::Compute: return "compute";
        case forms::Hook::Default: return "default";
        case forms::Hook::Constraint: return "constraint";
        case forms::Hook::Options: return "options";
    }
    return "";
}

std::string status_id(lua::PluginStatus s) {
    switch (s) {
        case lua::PluginStatus::loaded: return "loaded";
        case lua::PluginStatus::faulted: return "faulted";
        case lua::PluginStatus::refused: return "refused";
    }
    return "";
}

// The registered form as data, with each function field marked {"$fn": true} so the
// schema knows which callbacks exist.
json form_image(lua::Plugin& plugin, const lua::Registration& reg) {
    json img = plugin.describe(reg);
    if (!img.is_object()) return img;
    if (plugin.has_function(reg, "check")) img["check"] = kFn;
    if (plugin.has_function(reg, "rectifications")) img["rectifications"] = kFn;
    if (plugin.has_function(reg, "evaluation.rule")) img["evaluation"]["rule"] = kFn;
    auto mark = [&](json& field, const std::string& path) {
        for (const char* key : kFieldFunctions)
            if (plugin.has_function(reg, path + "." + key)) field[key] = kFn;
    };
    if (img.contains("fields") && img["fields"].is_array()) {
        for (std::size_t i = 0; i < img["fields"].size(); ++i) {
            json& f = img["fields"][i];
            if (!f.is_object()) continue;
            std::string path = "fields." + std::to_string(i + 1);
            mark(f, path);
            if (f.contains("columns") && f["columns"].is_array())
                for (std::size_t j = 0; j < f["columns"].size(); ++j)
                    if (f["columns"][j].is_object()) mark(f["columns"][j], path + ".columns." + std::to_string(j + 1));
        }
    }
    if (img.contains("sections") && img["sections"].is_array())
        for (std::size_t k = 0; k < img["sections"].size(); ++k)
            if (plugin.has_function(reg, "sections." + std::to_string(k + 1) + ".visible_if"))
                img["sections"][k]["visible_if"] = kFn;
    return img;
}

std::string lua_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

lua::SourceProvider unit_source(const std::string& id, const std::string& unit_code,
                                const std::vector<UnitScript>& scripts) {
    std::map<std::string, std::string, std::less<>> files;
    std::string list;
    for (const auto& s : scripts) {
        files[s.name] = s.source;
        list += (list.empty() ? "" : ", ") + lua_quote(s.name);
    }
    // Every script is listed once; the kind of what it registers is its own business.
    files["plugin.lua"] = "return { id = " + lua_quote(id) + ", name = " + lua_quote("单位脚本 " + unit_code) +
                          ", version = \"1.0.0\", api = 1, forms = { " + list + " } }\n";
    return lua::memory_source(std::move(files));
}

}  // namespace

std::string unit_plugin_id(const std::string& unit_code) {
    std::string id = "unit_";
    for (char c : unit_code) id += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    return id;
}

// --- LuaFormHooks --------------------------------------------------------------

LuaFormHooks::LuaFormHooks(std::shared_ptr<const FormBinding> form) : form_(std::move(form)) {}

json LuaFormHooks::call_field(const std::string& field_path, forms::Hook hook, const json& values, const json& row) {
    // "amount" or "items.qty" (a table's column)
    auto dot = field_path.find('.');
    std::string field = field_path.substr(0, dot);
    auto it = form_->field_index.find(field);
    if (it == form_->field_index.end()) throw UserError("表单没有字段「" + field + "」");
    std::string path = "fields." + std::to_string(it->second);
    if (dot != std::string::npos) {
        std::string column = field_path.substr(dot + 1);
        const auto* f = form_->def.field(field);
        int j = 0;
        for (std::size_t k = 0; f && k < f->columns.size(); ++k)
            if (f->columns[k].id == column) j = static_cast<int>(k) + 1;
        if (j == 0) throw UserError("明细表「" + field + "」没有列「" + column + "」");
        path += ".columns." + std::to_string(j);
    }
    path += std::string(".") + hook_key(hook);
    json args = json::array({values.is_null() ? json::object() : values});
    if (!row.is_null()) args.push_back(row);
    return form_->plugin->call(*form_->reg, path, args);
}

json LuaFormHooks::call_section_visible(const std::string& section, const json& values) {
    auto it = form_->section_index.find(section);
    if (it == form_->section_index.end()) return true;
    return form_->plugin->call(*form_->reg, "sections." + std::to_string(it->second) + ".visible_if",
                               json::array({values}));
}

json LuaFormHooks::call_check(const json& values) {
    return form_->plugin->call(*form_->reg, "check", json::array({values}));
}

bool LuaFormHooks::match_pattern(const std::string& text, const std::string& pattern) {
    // Matched by the plugin's own sandbox: Lua patterns, under its budget.
    auto& sb = form_->plugin->sandbox();
    sb.load_string("local s, p = ... return string.find(s, p) ~= nil", "(pattern)");
    int ref = sb.ref_top();
    try {
        json r = sb.call_ref(ref, json::array({text, pattern}));
        sb.unref(ref);
        return r.is_boolean() && r.get<bool>();
    } catch (...) {
        sb.unref(ref);
        throw;
    }
}

// A field's line: the line at or after its form's that holds `id = "<field>"` (0 when
// none does, e.g. an id built at run time).
int field_line(std::string_view text, int form_line, const std::string& field) {
    if (field.empty()) return 0;
    int line = 1;
    for (std::size_t start = 0; start <= text.size(); ++line) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view l = text.substr(start, end - start);
        start = end + 1;
        if (line < form_line) continue;
        for (const char q : {'"', '\''}) {
            const std::string quoted = q + field + q;
            for (std::size_t at = l.find(quoted); at != std::string_view::npos; at = l.find(quoted, at + 1)) {
                std::size_t k = at;  // back over `id =`
                while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t')) --k;
                if (k == 0 || l[k - 1] != '=') continue;
                --k;
                while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t')) --k;
                if (k >= 2 && l.substr(k - 2, 2) == "id" &&
                    (k == 2 || !(std::isalnum(static_cast<unsigned char>(l[k - 3])) || l[k - 3] == '_')))
                    return line;
            }
        }
    }
    return 0;
}

// Reads one form a plugin registered and dry-runs its functions on a fresh draft.
// Throws PluginError naming the declaring file and line; with `collect`, a definition's
// problems are added there instead, each at its field's line, and nullptr is returned.
std::shared_ptr<const FormBinding> bind_form(const std::shared_ptr<lua::Plugin>& plugin, const lua::Registration* reg,
                                             const std::optional<std::string>& owner,
                                             std::vector<lua::Problem>* collect = nullptr,
                                             std::string_view file_text = {}) {
    auto binding = std::make_shared<FormBinding>();
    binding->plugin = plugin;
    binding->reg = reg;
    binding->owner_unit = owner;
    try {
        binding->def = forms::parse_form(plugin->id(), plugin->manifest().version, reg->id, form_image(*plugin, *reg));
    } catch (const lua::PluginError&) {
        throw;
    } catch (const forms::FormDefinitionError& e) {
        if (!collect) throw lua::PluginError(plugin->id(), lua::ErrorKind::error, reg->file, reg->line, e.what());
        for (const auto& p : e.problems()) {
            const int line = field_line(file_text, reg->line, p.field);
            collect->push_back({reg->file, line > 0 ? line : reg->line, "表单 " + reg->id + "：" + p.message, false});
        }
        return nullptr;
    } catch (const UserError& e) {
        throw lua::PluginError(plugin->id(), lua::ErrorKind::error, reg->file, reg->line, e.what());
    }
    for (std::size_t i = 0; i < binding->def.fields.size(); ++i)
        binding->field_index[binding->def.fields[i].id] = static_cast<int>(i) + 1;
    for (std::size_t i = 0; i < binding->def.sections.size(); ++i)
        binding->section_index[binding->def.sections[i].id] = static_cast<int>(i) + 1;
    // A visible_if or compute that fails on empty fields would fail in front of the
    // first user who opens the form: find out now.
    LuaFormHooks hooks(binding);
    json values = forms::initial_values(binding->def, hooks);
    for (const auto& f : binding->def.fields) {
        if (f.has(forms::Hook::VisibleIf)) hooks.call_field(f.id, forms::Hook::VisibleIf, values, json());
        if (f.has(forms::Hook::Compute)) hooks.call_field(f.id, forms::Hook::Compute, values, json());
    }
    for (const auto& sec : binding->def.sections)
        if (sec.has_visible_if) hooks.call_section_visible(sec.id, values);
    return binding;
}

std::vector<std::shared_ptr<const FormBinding>> bind_forms(const std::shared_ptr<lua::Plugin>& plugin,
                                                           const std::optional<std::string>& owner) {
    std::vector<std::shared_ptr<const FormBinding>> out;
    for (const auto* reg : plugin->of_kind("form")) out.push_back(bind_form(plugin, reg, owner));
    return out;
}

// What a plugin declared beyond forms: indicators and rules, checklists, reminders and
// assessment schemes, each read now so a broken one faults its plugin with file:line.
struct Logic {
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> indicators;
    std::vector<std::shared_ptr<const indicators::ChecklistDef>> checklists;
    std::vector<std::shared_ptr<const ReminderBinding>> reminders;
    std::vector<std::shared_ptr<const SchemeBinding>> schemes;
};

std::string plugin_signature(lua::Plugin& plugin) {
    json defaults = json::object();
    for (const auto& s : plugin.manifest().settings) defaults[s.id] = s.default_value;
    char digest[17];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(plugin.sandbox().source_digest()));
    return plugin.manifest().version + "/" + digest + "/" + defaults.dump();
}

// With `collect`, a registration that fails adds its problem there and the next one is
// read; without, the first failure is thrown.
Logic bind_logic(const std::shared_ptr<lua::Plugin>& plugin, std::vector<lua::Problem>* collect = nullptr) {
    Logic out;
    std::vector<std::string> settings;
    for (const auto& s : plugin->manifest().settings) settings.push_back(s.id);
    const std::string signature = plugin_signature(*plugin);
    auto image = [&](const lua::Registration& reg, std::initializer_list<const char*> functions) {
        json img = plugin->describe(reg);
        if (img.is_object())
            for (const char* f : functions)
                if (plugin->has_function(reg, f)) img[f] = kFn;
        return img;
    };
    auto located = [&](const lua::Registration& reg, auto&& fn) {
        try {
            fn();
        } catch (const lua::PluginError& e) {
            if (!collect || e.kind() != lua::ErrorKind::error) throw;
            collect->push_back({e.file(), e.line(), e.message(), false});
        } catch (const UserError& e) {
            if (!collect) throw lua::PluginError(plugin->id(), lua::ErrorKind::error, reg.file, reg.line, e.what());
            collect->push_back({reg.file, reg.line, e.what(), false});
        }
    };
    for (const auto* reg : plugin->of_kind("indicator"))
        located(*reg, [&] {
            auto b = std::make_shared<indicators::IndicatorBinding>();
            b->def = indicators::parse_indicator(plugin->id(), reg->id, image(*reg, {"compute", "check", "target"}), settings);
            b->plugin = plugin;
            b->reg = reg;
            b->signature = signature;
            out.indicators.push_back(b);
        });
    for (const auto* reg : plugin->of_kind("checklist"))
        located(*reg, [&] {
            out.checklists.push_back(std::make_shared<indicators::ChecklistDef>(
                indicators::parse_checklist(plugin->id(), reg->id, image(*reg, {}))));
        });
    for (const auto* reg : plugin->of_kind("reminder"))
        located(*reg, [&] {
            auto b = std::make_shared<ReminderBinding>();
            b->def = indicators::parse_reminder(plugin->id(), reg->id, image(*reg, {"check"}));
            b->plugin = plugin;
            b->reg = reg;
            out.reminders.push_back(b);
        });
    for (const auto* reg : plugin->of_kind("assessment"))
        located(*reg, [&] {
            auto b = std::make_shared<SchemeBinding>();
            b->scheme = assessment::parse_scheme(plugin->id(), reg->id, image(*reg, {}), settings);
            b->plugin = plugin;
            out.schemes.push_back(b);
        });
    indicators::install_query_api(*plugin);
    return out;
}

// A checklist's items must be yes/no fields of its plugin's own form.
void check_checklists(const Logic& logic, const std::vector<std::shared_ptr<const FormBinding>>& forms,
                      const std::shared_ptr<lua::Plugin>& plugin) {
    for (const auto& c : logic.checklists) {
        const FormBinding* form = nullptr;
        for (const auto& f : forms)
            if (f->def.id == c->form_id) form = f.get();
        const auto* reg = plugin->find("checklist", c->id.substr(c->plugin_id.size() + 1));
        auto fail = [&](const std::string& m) {
            throw lua::PluginError(plugin->id(), lua::ErrorKind::error, reg ? reg->file : "", reg ? reg->line : 0,
                                   "检查清单 " + c->title + "：" + m);
        };
        if (!form) fail("表单「" + c->form_id + "」不在本插件中");
        for (const auto& item : c->items) {
            const auto* f = form->def.field(item);
            if (!f) fail("表单「" + form->def.title + "」没有字段「" + item + "」");
            if (f->type != forms::FieldType::Bool) fail("检查项「" + f->label + "」应为是/否（bool）字段");
        }
    }
}

// Rating fields that name no labels of their own rate on the scale of their plugin's
// assessment scheme (the first one, when a plugin declares several).
void use_scheme_scale(std::vector<std::shared_ptr<const FormBinding>>& forms, const RatingScale& scale) {
    auto rescale = [&](std::vector<forms::Field>& fields, bool& changed, auto& self) -> void {
        for (auto& f : fields) {
            if (f.type == forms::FieldType::Rating && f.scale_from_scheme) {
                f.options.clear();
                for (const auto& label : scale.labels) f.options.push_back({label, label, std::nullopt});
                changed = true;
            }
            self(f.columns, changed, self);
        }
    };
    for (auto& form : forms) {
        auto copy = std::make_shared<FormBinding>(*form);
        bool changed = false;
        rescale(copy->def.fields, changed, rescale);
        if (changed) form = copy;
    }
}

// --- PluginHost ----------------------------------------------------------------------

PluginHost::PluginHost(std::vector<std::filesystem::path> folders, lua::Limits limits)
    : folders_(std::move(folders)), limits_(limits) {}

PluginHost::Loaded PluginHost::bind(std::shared_ptr<lua::Plugin> plugin, PluginSummary summary,
                                    std::optional<std::string> owner) const {
    Loaded out;
    out.plugin = plugin;
    summary.name = lua::printable_text(plugin->manifest().name);  // shown on terminals and in JSON
    summary.version = plugin->manifest().version;
    summary.owner_unit = owner;
    summary.depends = plugin->manifest().depends;
    for (const auto& s : plugin->manifest().settings) {
        json spec = {{"id", s.id}, {"type", s.type}, {"label", s.label}, {"default", s.default_value}};
        if (s.min) spec["min"] = *s.min;
        if (s.max) spec["max"] = *s.max;
        if (!s.options.empty()) spec["options"] = s.options;
        summary.settings.push_back(spec);
    }
    try {
        // Binding calls the plugin once per field with every field's value: one budget
        // for all of it, so the host's work on its behalf is bounded too.
        lua::Sandbox::Scope scope(plugin->sandbox());
        out.forms = bind_forms(plugin, owner);
        Logic logic = bind_logic(plugin);
        check_checklists(logic, out.forms, plugin);
        // A stop the binding code carried on past (a default that timed out leaves its
        // field empty) still faults the plugin: it would stop again for every user.
        if (plugin->stopped()) throw *plugin->stopped();
        out.indicators = std::move(logic.indicators);
        out.checklists = std::move(logic.checklists);
        out.reminders = std::move(logic.reminders);
        out.schemes = std::move(logic.schemes);
        if (!out.schemes.empty()) use_scheme_scale(out.forms, out.schemes.front()->scheme.scale());
        for (const auto& f : out.forms) summary.forms.push_back(f->def.id);
        summary.status = "loaded";
        summary.status_label = lua::status_label(lua::PluginStatus::loaded);
    } catch (const UserError& e) {
        summary.status = "faulted";
        summary.status_label = lua::status_label(lua::PluginStatus::faulted);
        summary.reason = e.what();
        summary.forms.clear();
        out = Loaded{};
        out.plugin.reset();
        const auto* stop = dynamic_cast<const lua::PluginError*>(&e);
        out.stopped = stop && (stop->kind() == lua::ErrorKind::timeout || stop->kind() == lua::ErrorKind::memory);
    }
    out.summary = std::move(summary);
    return out;
}

PluginHost::Loaded PluginHost::from_catalog(const lua::CatalogEntry& e) const {
    PluginSummary s;
    s.id = e.id;
    s.source = e.dir.string();
    s.status = status_id(e.status);
    s.status_label = lua::status_label(e.status);
    s.reason = e.reason;
    if (e.plugin) return bind(e.plugin, s, std::nullopt);
    return Loaded{s, nullptr, {}, {}, {}, {}, {}, false};
}

void PluginHost::load(const std::vector<UnitScript>& unit_scripts) {
    catalog_ = std::make_unique<lua::PluginCatalog>(folders_, limits_);
    catalog_->load();
    loaded_.clear();
    for (const auto& e : catalog_->entries()) loaded_.push_back(from_catalog(e));
    set_unit_scripts(unit_scripts);
}

std::string unit_script_versions(const std::vector<UnitScript>& scripts) {
    std::vector<std::string> parts;
    for (const auto& s : scripts) parts.push_back(s.name + "@" + std::to_string(s.version));
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ";") + p;
    return out;
}

void PluginHost::set_unit_scripts(const std::vector<UnitScript>& scripts, const std::vector<UnitScriptFault>& remembered) {
    std::erase_if(loaded_, [](const Loaded& l) { return l.summary.owner_unit.has_value(); });
    new_faults_.clear();
    std::map<std::string, std::vector<UnitScript>> by_unit;
    for (const auto& s : scripts) by_unit[s.unit_code].push_back(s);
    std::map<std::string, std::string> unit_of_id;  // two codes can map to one id (D-1, D_1)
    for (const auto& [unit, list] : by_unit) {
        std::string id = unit_plugin_id(unit);
        auto [taken, fresh] = unit_of_id.emplace(id, unit);
        if (!fresh) {
            PluginSummary s;
            s.id = id + "@" + unit;
            s.source = "单位脚本 " + unit;
            s.owner_unit = unit;
            s.status = status_id(lua::PluginStatus::refused);
            s.status_label = lua::status_label(lua::PluginStatus::refused);
            s.reason = "单位 " + unit + " 的脚本标识 " + id + " 与单位 " + taken->second +
                       " 的相同，未加载（否则会覆盖对方的表单和指标）";
            loaded_.push_back(Loaded{s, nullptr, {}, {}, {}, {}, {}, false});
            continue;
        }
        PluginSummary s;
        s.id = id;
        s.source = "单位脚本 " + unit;
        s.owner_unit = unit;
        const std::string versions = unit_script_versions(list);
        // Not [&] over `unit`: clang 14 (the fuzz build's) cannot capture a structured binding.
        auto known = std::find_if(remembered.begin(), remembered.end(), [&, &code = unit](const UnitScriptFault& f) {
            return f.unit_code == code && f.versions == versions;
        });
        if (known != remembered.end()) {
            // Not run again: it would spend the whole budget again on every command.
            s.status = status_id(lua::PluginStatus::faulted);
            s.status_label = lua::status_label(lua::PluginStatus::faulted);
            s.reason = known->reason + "（此前已超限停止，未再运行；修改脚本或重新试运行通过后才会再次加载）";
            loaded_.push_back(Loaded{s, nullptr, {}, {}, {}, {}, {}, true});
            continue;
        }
        auto outcome = lua::load_plugin(unit_source(id, unit, list), id, "单位脚本 " + unit, limits_);
        s.status = status_id(outcome.status);
        s.status_label = lua::status_label(outcome.status);
        s.reason = outcome.reason;
        Loaded l = outcome.plugin ? bind(std::shared_ptr<lua::Plugin>(std::move(outcome.plugin)), s, unit)
                                  : Loaded{s, nullptr, {}, {}, {}, {}, {}, outcome.stopped};
        if (l.stopped) new_faults_.push_back({unit, versions, l.summary.reason});
        loaded_.push_back(std::move(l));
    }
    rebuild_index();
}

std::vector<lua::ReloadReport> PluginHost::reload(const std::string& id) {
    std::vector<lua::ReloadReport> reports =
        id.empty() ? catalog_->reload_all() : std::vector<lua::ReloadReport>{catalog_->reload(id)};
    // Rebind what the catalog now serves; a plugin whose new forms are broken keeps the
    // previous binding, like a plugin whose new code does not load.
    std::vector<Loaded> next;
    for (const auto& e : catalog_->entries()) {
        auto old = std::find_if(loaded_.begin(), loaded_.end(), [&](const Loaded& l) {
            return !l.summary.owner_unit && l.summary.id == e.id;
        });
        if (old != loaded_.end() && old->plugin == e.plugin) {
            next.push_back(*old);
            continue;
        }
        Loaded fresh = from_catalog(e);
        if (fresh.summary.status == "faulted" && old != loaded_.end() && old->plugin) {
            for (auto& r : reports)
                if (r.id == e.id) {
                    r.ok = false;
                    r.reason = fresh.summary.reason;
                }
            next.push_back(*old);
            continue;
        }
        next.push_back(std::move(fresh));
    }
    for (auto& l : loaded_)
        if (l.summary.owner_unit) next.push_back(std::move(l));
    loaded_ = std::move(next);
    rebuild_index();
    return reports;
}

void PluginHost::refuse_broken_dependencies() {
    // The catalog refused what it could see; a dependency whose forms fail to bind is
    // only found here.
    std::vector<lua::DependencyNode> nodes;
    for (const auto& l : loaded_)
        nodes.push_back({l.summary.id, l.summary.depends, l.summary.status == "loaded", l.summary.reason});
    const auto result = lua::resolve_dependencies(nodes);
    for (std::size_t i = 0; i < loaded_.size(); ++i) {
        if (result.refusals[i].empty()) continue;
        PluginSummary s = loaded_[i].summary;
        s.status = "refused";
        s.status_label = lua::status_label(lua::PluginStatus::refused);
        s.reason = result.refusals[i];
        s.forms.clear();
        loaded_[i] = Loaded{s, nullptr, {}, {}, {}, {}, {}, false};
    }
}

void PluginHost::rebuild_index() {
    refuse_broken_dependencies();
    forms_.clear();
    indicators_.clear();
    checklists_.clear();
    for (const auto& l : loaded_) {
        for (const auto& f : l.forms) forms_[f->def.id] = f;
        for (const auto& i : l.indicators) indicators_[i->def.id] = i;
        for (const auto& c : l.checklists) checklists_[c->id] = c;
    }
}

std::vector<std::shared_ptr<const indicators::IndicatorBinding>> PluginHost::indicators() const {
    std::vector<std::shared_ptr<const indicators::IndicatorBinding>> out;
    for (const auto& [id, i] : indicators_) out.push_back(i);
    return out;
}

std::vector<std::shared_ptr<const indicators::ChecklistDef>> PluginHost::checklists() const {
    std::vector<std::shared_ptr<const indicators::ChecklistDef>> out;
    for (const auto& [id, c] : checklists_) out.push_back(c);
    return out;
}

std::vector<std::shared_ptr<const ReminderBinding>> PluginHost::reminders() const {
    std::vector<std::shared_ptr<const ReminderBinding>> out;
    for (const auto& l : loaded_) out.insert(out.end(), l.reminders.begin(), l.reminders.end());
    return out;
}

std::vector<PluginHost::DeclaredFlag> PluginHost::member_flags() const {
    std::vector<DeclaredFlag> out;
    for (const auto& l : loaded_) {
        if (!l.plugin) continue;
        for (const auto& f : l.plugin->manifest().member_flags) {
            auto it = std::find_if(out.begin(), out.end(), [&](const DeclaredFlag& d) { return d.name == f.name; });
            if (it == out.end()) it = out.insert(out.end(), DeclaredFlag{f.name, f.help, {}});
            if (it->help.empty()) it->help = f.help;
            it->plugins.push_back(l.plugin->id());
        }
    }
    return out;
}

RatingScale PluginHost::rating_scale_for(std::string_view form_id) const {
    const auto all = schemes();
    for (const auto& s : all)
        for (const auto& a : s->scheme.areas)
            for (const auto& i : a.items)
                if (i.evaluation == form_id) return s->scheme.scale();
    if (auto f = form(form_id))
        for (const auto& s : all)
            if (s->scheme.plugin_id == f->def.plugin_id) return s->scheme.scale();
    return default_rating_scale();
}

std::vector<std::shared_ptr<const SchemeBinding>> PluginHost::schemes() const {
    std::vector<std::shared_ptr<const SchemeBinding>> out;
    for (const auto& l : loaded_) out.insert(out.end(), l.schemes.begin(), l.schemes.end());
    return out;
}

std::shared_ptr<const indicators::IndicatorBinding> PluginHost::indicator(const std::string& id) const {
    auto it = indicators_.find(id);
    return it == indicators_.end() ? nullptr : it->second;
}

std::shared_ptr<const indicators::ChecklistDef> PluginHost::checklist(const std::string& id) const {
    auto it = checklists_.find(id);
    return it == checklists_.end() ? nullptr : it->second;
}

std::vector<indicators::PluginDefaults> PluginHost::plugin_defaults() const {
    std::vector<indicators::PluginDefaults> out;
    for (const auto& l : loaded_) {
        if (!l.plugin) continue;
        indicators::PluginDefaults d;
        d.id = l.summary.id;
        for (const auto& s : l.plugin->manifest().settings) d.defaults[s.id] = s.default_value;
        d.owner_unit = l.summary.owner_unit;
        out.push_back(std::move(d));
    }
    return out;
}

indicators::QuerySources PluginHost::query_sources() const {
    indicators::QuerySources q;
    q.form = [this](const std::string& id) -> const forms::FormDef* {
        auto f = form(id);
        return f ? &f->def : nullptr;
    };
    q.checklist = [this](const std::string& id) -> const indicators::ChecklistDef* {
        auto c = checklist(id);
        return c.get();
    };
    return q;
}

namespace {

// A plugin stopped for time or memory since it was bound says so (and why) until reload.
PluginSummary current_summary(const PluginSummary& summary, const lua::Plugin* plugin) {
    PluginSummary s = summary;
    if (plugin && plugin->stopped()) {
        s.status = "stopped";
        s.status_label = "已停用（运行超限）";
        s.reason = plugin->stopped()->what();
    }
    return s;
}

}  // namespace

std::vector<PluginSummary> PluginHost::summaries() const {
    std::vector<PluginSummary> out;
    for (const auto& l : loaded_) out.push_back(current_summary(l.summary, l.plugin.get()));
    return out;
}

std::optional<PluginSummary> PluginHost::summary(const std::string& id) const {
    for (const auto& l : loaded_)
        if (l.summary.id == id) return current_summary(l.summary, l.plugin.get());
    return std::nullopt;
}

std::optional<std::string> PluginHost::source_of(const std::string& id) const {
    for (const auto& l : loaded_)
        if (l.summary.id == id) return l.summary.source;
    return std::nullopt;
}

const std::vector<std::string>& PluginHost::warnings() const {
    static const std::vector<std::string> none;
    return catalog_ ? catalog_->warnings() : none;
}

std::shared_ptr<const FormBinding> PluginHost::form(std::string_view form_id) const {
    auto it = forms_.find(form_id);
    return it == forms_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const FormBinding>> PluginHost::forms() const {
    std::vector<std::shared_ptr<const FormBinding>> out;
    for (const auto& [id, f] : forms_) out.push_back(f);
    return out;
}

std::vector<lua::SettingSpec> PluginHost::settings_of(const std::string& plugin_id) const {
    for (const auto& l : loaded_)
        if (l.summary.id == plugin_id && l.plugin) return l.plugin->manifest().settings;
    return {};
}

PluginHost::TestRun PluginHost::test_unit_script(const UnitScript& script) const {
    TestRun run;
    std::vector<UnitScript> scripts{script};
    std::string id = unit_plugin_id(script.unit_code);
    auto opened = lua::Plugin::open(unit_source(id, script.unit_code, scripts), id, "单位脚本 " + script.unit_code, limits_);
    if (!opened.plugin) {
        run.error = opened.reason;
        return run;
    }
    std::shared_ptr<lua::Plugin> plugin(std::move(opened.plugin));
    try {
        plugin->load_files();
    } catch (const lua::PluginError& e) {
        run.error = e.what();
        run.line = e.line();
        run.log = plugin->sandbox().log();
        return run;
    }
    PluginSummary s;
    s.id = id;
    auto bound = bind(plugin, s, script.unit_code);
    run.log = plugin->sandbox().log();
    if (bound.summary.status != "loaded") {
        run.error = bound.summary.reason;
        return run;
    }
    for (const auto& r : plugin->registrations()) run.registered.push_back(r.kind + " " + r.id);
    run.ok = true;
    return run;
}

namespace {

// Each dependency must load beside the plugin: looked up among the bundled plugins and
// the plugin's own sibling folders, the way a catalog holding both would find it.
void check_dependencies(const std::filesystem::path& dir, const std::vector<std::string>& depends,
                        std::vector<lua::Problem>& problems) {
    std::vector<std::filesystem::path> folders{bundled_plugins_dir()};
    std::error_code ec;
    const auto parent = std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec).parent_path(), ec);
    if (parent != std::filesystem::weakly_canonical(folders.front(), ec)) folders.push_back(parent);
    lua::PluginCatalog catalog(folders);
    catalog.load();
    const std::string manifest = [&] {
        std::ifstream in(dir / "plugin.lua", std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    const int line = lua::line_of(manifest, "depends");
    for (const auto& dep : depends) {
        const lua::CatalogEntry* e = catalog.entry(dep);
        if (!e)
            problems.push_back({"plugin.lua", line, "依赖的插件 " + dep + " 不存在（在内置插件和同级目录中都没有找到）", false});
        else if (e->status != lua::PluginStatus::loaded)
            problems.push_back({"plugin.lua", line, "依赖的插件 " + dep + " 未能加载：" + e->reason, false});
    }
}

}  // namespace

std::vector<lua::Problem> check_plugin(const std::filesystem::path& dir) {
    auto problems = lua::check_plugin_dir(dir);
    // Then the host's reading of every registration that could be made, also when some
    // file failed (its problems are listed above): all of a plugin's problems in one run.
    auto outcome = lua::Plugin::open(lua::folder_source(dir), dir.filename().string(), dir.string());
    if (!outcome.plugin) return problems;
    std::shared_ptr<lua::Plugin> plugin(std::move(outcome.plugin));
    try {
        plugin->load_files(/*lint=*/true);
    } catch (const lua::PluginError&) {
        return problems;  // a stop (time, memory): check_plugin_dir reported it
    }
    if (!plugin->manifest().depends.empty()) check_dependencies(dir, plugin->manifest().depends, problems);
    try {
        // Every registration on its own: one broken form does not hide the next one's
        // problems, and a bad field property is reported at the field's line.
        lua::Sandbox::Scope scope(plugin->sandbox());
        std::vector<std::shared_ptr<const FormBinding>> forms;
        std::map<std::string, std::string> texts;  // file -> its text
        const std::size_t before = problems.size();
        for (const auto* reg : plugin->of_kind("form")) {
            auto text = texts.find(reg->file);
            if (text == texts.end()) {
                std::ifstream in(dir / reg->file, std::ios::binary);
                text = texts.emplace(reg->file, std::string(std::istreambuf_iterator<char>(in), {})).first;
            }
            try {
                if (auto f = bind_form(plugin, reg, std::nullopt, &problems, text->second)) forms.push_back(f);
            } catch (const lua::PluginError& e) {
                if (e.kind() != lua::ErrorKind::error) throw;
                problems.push_back({e.file(), e.line(), e.message(), false});
            }
        }
        Logic logic = bind_logic(plugin, &problems);
        if (problems.size() == before) check_checklists(logic, forms, plugin);
    } catch (const lua::PluginError& e) {
        problems.push_back({e.file(), e.line(), e.message(), false});
    } catch (const UserError& e) {
        problems.push_back({"", 0, e.what(), false});
    }
    std::stable_sort(problems.begin(), problems.end(), [](const lua::Problem& a, const lua::Problem& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    return problems;
}

std::filesystem::path bundled_plugins_dir() {
    if (const char* env = std::getenv("DANGJIAN_PLUGINS"); env && *env) return env;
    return std::filesystem::path(DJ_SOURCE_DIR) / "plugins";
}

}  // namespace dj::plugins
