// The host's shared Lua library (host/lualib/dj/*.lua) and plugin dependencies
// (`depends` in the manifest): what plugins require instead of carrying copies, that no
// plugin can change or shadow it, and that a plugin without what it reads is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "lua/plugin_catalog.hpp"
#include "lua/plugin_check.hpp"
#include "lua/plugin_depends.hpp"
#include "lua/sandbox.hpp"
#include "plugin_support.hpp"

namespace fs = std::filesystem;
using dj::lua::PluginCatalog;
using dj::lua::PluginError;
using dj::lua::PluginStatus;
using dj::lua::Sandbox;
using nlohmann::json;

namespace {

dj::lua::SourceProvider files(std::map<std::string, std::string, std::less<>> f = {}) {
    return dj::lua::memory_source(std::move(f));
}

std::string failure(Sandbox& sb, const std::string& code) {
    try {
        sb.run_string(code, "main.lua");
    } catch (const PluginError& e) {
        return e.what();
    }
    FAIL("expected a PluginError from: " << code);
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A minimal plugin folder: a manifest with the given extra line and one indicator file.
void plugin_dir(const fs::path& root, const std::string& id, const std::string& extra = "") {
    fs::create_directories(root / id);
    std::ofstream(root / id / "plugin.lua") << "return { id = \"" << id << "\", name = \"插件" << id
                                            << "\", version = \"1.0.0\", api = 1, " << extra << " }\n";
}

std::vector<std::string> ids(const PluginCatalog& c) {
    std::vector<std::string> out;
    for (const auto& e : c.entries()) out.push_back(e.id);
    return out;
}

}  // namespace

TEST_CASE("dj.period and dj.util: the shared helpers give the known answers", "[lua][hostlib]") {
    Sandbox sb("any", files());
    CHECK(sb.eval("return require('dj.period').month_end('2020-02-10')") == "2020-02-29");
    CHECK(sb.eval("return require('dj.period').month_end('2021-02-10')") == "2021-02-28");
    CHECK(sb.eval("return require('dj.period').month_end('1900-02-01')") == "1900-02-28");  // not a leap year
    CHECK(sb.eval("return require('dj.period').month_end('2000-02-01')") == "2000-02-29");
    CHECK(sb.eval("return require('dj.period').month_end('2020-11-30')") == "2020-11-30");
    CHECK(sb.eval("return require('dj.period').months({ from = '2020-01-01', to = '2020-12-31' })") == 12);
    CHECK(sb.eval("return require('dj.period').quarters({ from = '2020-04-01', to = '2020-06-30' })") == 1);
    // A branch founded on 2020-05-10 existed in 8 months and 3 quarters of 2020.
    CHECK(sb.eval("return require('dj.period').months_within({ from = '2020-01-01', to = '2020-12-31' }, "
                  "'2020-05-10')") == 8);
    CHECK(sb.eval("return require('dj.period').quarters_within({ from = '2020-01-01', to = '2020-12-31' }, "
                  "'2020-05-10')") == 3);
    CHECK(sb.eval("return require('dj.util').percent(1, 4)") == 25);
    CHECK(sb.eval("return require('dj.util').percent(5, 4)") == 100);
    CHECK(sb.eval("return require('dj.util').percent(1, 0)") == nullptr);
    CHECK(sb.eval("local n = 0 for k in pairs(require('dj.util')) do n = n + 1 end return n") == 1);
}

TEST_CASE("a plugin cannot modify dj.util, for itself or for another plugin", "[lua][hostlib]") {
    Sandbox first("first", files());
    CHECK(contains(failure(first, "require('dj.util').percent = function() return 42 end"), "只读"));
    CHECK(contains(failure(first, "require('dj.util').extra = 1"), "只读"));
    CHECK(contains(failure(first, "rawset(require('dj.util'), 'percent', print)"), "table expected"));
    CHECK(contains(failure(first, "setmetatable(require('dj.util'), {})"), "table expected"));
    CHECK(first.eval("return getmetatable(require('dj.util'))") == "只读");
    // pairs() walks the library without handing out the table behind it.
    CHECK(first.eval("local f, s = pairs(require('dj.util')) return type(s)") == "userdata");
    CHECK(first.eval("return require('dj.util').percent(1, 2)") == 50);

    Sandbox second("second", files());
    CHECK(second.eval("return require('dj.util').percent(1, 2)") == 50);
}

TEST_CASE("a plugin's own dj/ file does not shadow the host library", "[lua][hostlib]") {
    Sandbox sb("shadow", files({{"dj/util.lua", "return { percent = function() return 42 end }"},
                                {"lib/mine.lua", "return { x = 1 }"}}));
    CHECK(sb.eval("return require('dj.util').percent(1, 2)") == 50);
    CHECK(sb.eval("return require('lib.mine').x") == 1);  // its own modules still load
    CHECK(contains(failure(sb, "require('dj.nosuch')"), "找不到模块 dj.nosuch"));
}

TEST_CASE("resolve_dependencies: refusals spread along chains, cycles are refused, order follows depends",
          "[lua][plugins][depends]") {
    using dj::lua::DependencyNode;
    std::vector<DependencyNode> nodes = {
        {"alpha", {"zeta"}, true, ""},   // loads after zeta
        {"beta", {"gamma"}, true, ""},   // gamma is missing
        {"delta", {"beta"}, true, ""},   // beta is refused, so delta is too
        {"eps", {"phi"}, true, ""},      // eps <-> phi
        {"phi", {"eps"}, true, ""},
        {"zeta", {}, true, ""},
        {"broken", {}, false, "语法错误"},
        {"user", {"broken"}, true, ""},
    };
    auto r = dj::lua::resolve_dependencies(nodes);
    CHECK(r.refusals[0].empty());
    CHECK(r.refusals[1] == "依赖的插件 gamma 不存在（请先安装它）");
    CHECK(contains(r.refusals[2], "依赖的插件 beta 未能加载：依赖的插件 gamma 不存在"));
    CHECK(contains(r.refusals[3] + r.refusals[4], "循环依赖"));
    CHECK(r.refusals[5].empty());
    CHECK(r.refusals[7] == "依赖的插件 broken 未能加载：语法错误");
    auto pos = [&](std::size_t i) { return std::find(r.order.begin(), r.order.end(), i) - r.order.begin(); };
    CHECK(r.order.size() == nodes.size());
    CHECK(pos(5) < pos(0));  // zeta before alpha
}

TEST_CASE("the catalog refuses a plugin whose dependency is missing and loads dependencies first",
          "[lua][plugins][depends]") {
    dj::test::TempDir root;
    plugin_dir(root.path(), "aaa_reader", "depends = { \"zzz_base\" }");
    plugin_dir(root.path(), "bbb_orphan", "depends = { \"nosuch\" }");
    plugin_dir(root.path(), "zzz_base");
    PluginCatalog catalog({root.path()});
    catalog.load();
    CHECK(ids(catalog) == std::vector<std::string>{"bbb_orphan", "zzz_base", "aaa_reader"});
    CHECK(catalog.entry("aaa_reader")->status == PluginStatus::loaded);
    CHECK(catalog.entry("bbb_orphan")->status == PluginStatus::refused);
    CHECK(catalog.entry("bbb_orphan")->reason == "依赖的插件 nosuch 不存在（请先安装它）");
    CHECK(catalog.plugin("bbb_orphan") == nullptr);

    // The dependency goes away on reload_all: its dependent is refused with the reason.
    fs::remove_all(root.path() / "zzz_base");
    catalog.reload_all();
    CHECK(catalog.entry("zzz_base") == nullptr);
    REQUIRE(catalog.entry("aaa_reader") != nullptr);
    CHECK(catalog.entry("aaa_reader")->status == PluginStatus::refused);
    CHECK(catalog.entry("aaa_reader")->reason == "依赖的插件 zzz_base 不存在（请先安装它）");
    CHECK(catalog.plugin("aaa_reader") == nullptr);
}

TEST_CASE("manifest depends is checked: a list of plugin ids, not itself", "[lua][plugins][depends]") {
    dj::test::TempDir root;
    plugin_dir(root.path(), "selfish", "depends = { \"selfish\" }");
    plugin_dir(root.path(), "odd", "depends = \"orglife\"");
    PluginCatalog catalog({root.path()});
    catalog.load();
    CHECK(catalog.entry("selfish")->reason == "plugin.lua: 插件不能依赖它自己");
    CHECK(contains(catalog.entry("odd")->reason, "depends 必须是插件 id 的列表"));
}

TEST_CASE("the bundled plugins declare what they read and load after it", "[plugins][depends]") {
    PluginCatalog catalog({dj::plugins::bundled_plugins_dir()});
    catalog.load();
    auto order = ids(catalog);
    auto pos = [&](const char* id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
    for (const auto& e : catalog.entries()) CHECK(e.status == PluginStatus::loaded);
    CHECK(pos("orglife") < pos("discipline"));
    for (const char* dep : {"orglife", "discipline", "venues", "care", "civility"}) CHECK(pos(dep) < pos("review"));
    CHECK(catalog.plugin("review")->manifest().depends.size() == 5);
}

TEST_CASE("plugins list and plugins check give the reason a dependency is missing", "[plugins][depends][cli]") {
    dj::test::TempDir root;
    plugin_dir(root.path(), "reader", "depends = { \"nosuch\" }");
    auto check = dj::test::run_cli("plugins check " + (root.path() / "reader").string());
    CHECK(check.exit_code != 0);
    CHECK(contains(check.out + check.err, "依赖的插件 nosuch 不存在"));

    dj::test::SmallCounty c;
    c.svc->set_extra_plugin_dirs({root.path()});
    bool seen = false;
    for (const auto& p : c.svc->list_plugins(c.as("admin")))
        if (p.id == "reader") {
            seen = true;
            CHECK(p.status == "refused");
            CHECK(p.reason == "依赖的插件 nosuch 不存在（请先安装它）");
        }
    CHECK(seen);
    CHECK_THROWS_WITH(c.svc->set_plugin(c.as("admin"), dj::PluginSetting{"reader", "GW", true, "{}", false}),
                      Catch::Contains("不能启用") && Catch::Contains("nosuch"));
}

TEST_CASE("a plugin is enabled only where its dependencies are", "[plugins][depends]") {
    dj::test::PluginCounty c({});
    const dj::PluginSetting discipline_on{"discipline", "GW", true, "{}", false};
    CHECK_THROWS_WITH(c.svc->set_plugin(c.as("admin"), discipline_on),
                      "插件「纪律建设」（discipline）依赖插件「组织生活」（orglife），但在「测试县直机关工委」启用了前者"
                      "而没有启用后者：请先在该单位启用 orglife，或停用 discipline");
    c.enable("orglife", "GW");
    c.enable("discipline", "GW");
    // Switching orglife off for one department where discipline stays on is refused, and
    // nothing is written.
    CHECK_THROWS_WITH(c.svc->set_plugin(c.as("admin"), dj::PluginSetting{"orglife", "D1", false, "{}", false}),
                      Catch::Contains("在「甲局」启用了前者而没有启用后者"));
    for (const auto& e : c.svc->effective_plugins(c.as("admin"), "D1"))
        if (e.id == "orglife") CHECK(e.enabled);
    // Both off there is fine.
    c.svc->set_plugin(c.as("admin"), dj::PluginSetting{"discipline", "D1", false, "{}", false});
    c.svc->set_plugin(c.as("admin"), dj::PluginSetting{"orglife", "D1", false, "{}", false});
}

TEST_CASE("plugins check warns that a plugin's own dj/ files are never used", "[lua][hostlib][lint]") {
    dj::test::TempDir root;
    plugin_dir(root.path(), "shadow");
    fs::create_directories(root.path() / "shadow" / "dj");
    std::ofstream(root.path() / "shadow" / "dj" / "util.lua") << "return {}\n";
    auto problems = dj::lua::check_plugin_dir(root.path() / "shadow");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].warning);
    CHECK(problems[0].file == "dj/util.lua");
    CHECK(contains(problems[0].message, "宿主共享库的保留目录"));
}
