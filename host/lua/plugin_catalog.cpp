#include "lua/plugin_catalog.hpp"

#include <algorithm>
#include <map>
#include <system_error>

#include "lua/plugin_depends.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

namespace fs = std::filesystem;

PluginCatalog::PluginCatalog(std::vector<fs::path> folders, Limits limits)
    : folders_(std::move(folders)), limits_(limits) {}

const CatalogEntry* PluginCatalog::entry(std::string_view id) const {
    for (const CatalogEntry& e : entries_)
        if (e.id == id) return &e;
    return nullptr;
}

std::shared_ptr<Plugin> PluginCatalog::plugin(std::string_view id) const {
    const CatalogEntry* e = entry(id);
    return e != nullptr && e->status == PluginStatus::loaded ? e->plugin : nullptr;
}

// Phase 1 for every subfolder holding a plugin.lua, folders in order, subfolders by name.
std::vector<PluginCatalog::Candidate> PluginCatalog::discover() {
    std::vector<Candidate> out;
    for (const fs::path& folder : folders_) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            warnings_.push_back("插件目录不存在：" + folder.string());
            continue;
        }
        std::vector<fs::path> dirs;
        for (const auto& item : fs::directory_iterator(folder, ec))
            if (item.is_directory(ec) && fs::is_regular_file(item.path() / "plugin.lua", ec))
                dirs.push_back(item.path());
        std::sort(dirs.begin(), dirs.end());
        for (const fs::path& dir : dirs) {
            LoadOutcome o = Plugin::open(folder_source(dir), dir.filename().string(), dir.string(), limits_);
            // Units' scripts run as "unit_<code>": a folder plugin with such an id would
            // shadow a unit's forms and indicators (or be shadowed by them).
            if (o.id.rfind("unit_", 0) == 0) {
                o.status = PluginStatus::refused;
                o.reason = "plugin.lua: 插件 id 不能以 unit_ 开头（这个前缀留给单位脚本）";
                o.plugin.reset();
            }
            out.push_back({dir, std::move(o)});
        }
    }
    return out;
}

// Phase 2 for one id: the last candidate that loads wins; earlier ones are overridden.
CatalogEntry PluginCatalog::finish(std::vector<Candidate*>& same_id) {
    CatalogEntry failed;
    bool have_failure = false;
    for (auto it = same_id.rbegin(); it != same_id.rend(); ++it) {
        Candidate& c = **it;
        LoadOutcome& o = c.outcome;
        if (o.plugin) {
            try {
                o.plugin->load_files();
            } catch (const PluginError& e) {
                o.status = PluginStatus::faulted;
                o.reason = e.what();
                o.plugin.reset();
            }
        }
        if (o.status == PluginStatus::loaded) {
            if (have_failure)
                warnings_.push_back("插件 " + o.id + "：" + failed.dir.string() +
                                    " 中的版本未能加载（" + failed.reason + "），继续使用 " +
                                    c.dir.string() + " 中的版本");
            for (auto earlier = it + 1; earlier != same_id.rend(); ++earlier)
                warnings_.push_back("插件 " + o.id + "：" + c.dir.string() + " 覆盖了 " +
                                    (*earlier)->dir.string() + " 中的同名插件");
            return {o.id, c.dir, o.status, "", std::move(o.problems), std::move(o.plugin), ""};
        }
        if (!have_failure) {
            failed = {o.id, c.dir, o.status, o.reason, std::move(o.problems), nullptr, ""};
            have_failure = true;
        }
    }
    return failed;
}

std::vector<CatalogEntry> PluginCatalog::resolve(std::vector<Candidate> candidates) {
    // Group by id, keeping first-appearance order for a stable listing.
    std::vector<std::string> order;
    std::map<std::string, std::vector<Candidate*>> groups;
    for (Candidate& c : candidates) {
        auto& group = groups[c.outcome.id];
        if (group.empty()) order.push_back(c.outcome.id);
        group.push_back(&c);
    }
    std::vector<CatalogEntry> out;
    for (const std::string& id : order) out.push_back(finish(groups[id]));
    return out;
}

void PluginCatalog::apply_dependencies() {
    std::vector<DependencyNode> nodes;
    for (const CatalogEntry& e : entries_) {
        DependencyNode node{e.id, {}, e.status == PluginStatus::loaded && e.plugin, e.reason};
        if (e.plugin) node.depends = e.plugin->manifest().depends;
        nodes.push_back(std::move(node));
    }
    const DependencyResult r = resolve_dependencies(nodes);
    std::vector<CatalogEntry> ordered;
    for (std::size_t i : r.order) {
        CatalogEntry& e = entries_[i];
        if (!r.refusals[i].empty()) {
            e.status = PluginStatus::refused;
            e.reason = r.refusals[i];
            e.plugin.reset();
        }
        ordered.push_back(std::move(e));
    }
    entries_ = std::move(ordered);
}

void PluginCatalog::load() {
    warnings_.clear();
    entries_ = resolve(discover());
    apply_dependencies();
}

ReloadReport PluginCatalog::reload(std::string_view id) {
    ReloadReport report{std::string(id), false, ""};
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const CatalogEntry& e) { return e.id == id; });
    if (it == entries_.end()) {
        report.reason = "没有插件 " + std::string(id);
        return report;
    }
    LoadOutcome fresh = load_plugin_dir(it->dir, limits_);
    if (fresh.status == PluginStatus::loaded && fresh.id != it->id)
        fresh = {PluginStatus::refused, fresh.id, fresh.origin,
                 "目录中的插件 id 已变为 " + fresh.id + "，请用 reload_all", {}, {}, nullptr};
    if (fresh.status == PluginStatus::loaded) {
        it->status = PluginStatus::loaded;
        it->reason.clear();
        it->last_reload_error.clear();
        it->problems = std::move(fresh.problems);
        it->plugin = std::move(fresh.plugin);
        report.ok = true;
        apply_dependencies();
        if (const CatalogEntry* now = entry(id); now && now->status != PluginStatus::loaded) {
            report.ok = false;
            report.reason = now->reason;
        }
        return report;
    }
    report.reason = fresh.reason;
    if (it->status == PluginStatus::loaded) {
        it->last_reload_error = fresh.reason;  // the old version keeps running
    } else {
        it->status = fresh.status;
        it->reason = fresh.reason;
        it->problems = std::move(fresh.problems);
    }
    return report;
}

std::vector<ReloadReport> PluginCatalog::reload_all() {
    warnings_.clear();
    std::vector<CatalogEntry> fresh = resolve(discover());
    for (const CatalogEntry& old : entries_) {
        const bool still = std::any_of(fresh.begin(), fresh.end(),
                                       [&](const CatalogEntry& e) { return e.id == old.id; });
        if (!still) warnings_.push_back("插件 " + old.id + " 已不在插件目录中，已移除");
    }
    std::vector<ReloadReport> reports;
    std::vector<CatalogEntry> next;
    for (CatalogEntry& n : fresh) {
        auto old = std::find_if(entries_.begin(), entries_.end(),
                                [&](const CatalogEntry& e) { return e.id == n.id; });
        ReloadReport r{n.id, n.status == PluginStatus::loaded, n.reason};
        if (!r.ok && old != entries_.end() && old->status == PluginStatus::loaded) {
            old->last_reload_error = n.reason;  // keep the running version
            next.push_back(std::move(*old));
        } else {
            next.push_back(std::move(n));
        }
        reports.push_back(std::move(r));
    }
    entries_ = std::move(next);
    apply_dependencies();
    for (ReloadReport& r : reports)
        if (const CatalogEntry* now = entry(r.id); r.ok && now && now->status != PluginStatus::loaded) {
            r.ok = false;
            r.reason = now->reason;
        }
    return reports;
}

}  // namespace dj::lua
