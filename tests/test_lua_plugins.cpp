// The plugin loader: manifest, registration globals, discovery with overrides, hot
// reload and the lint, on the folders in tests/plugins_fixture/.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "lua/plugin.hpp"
#include "lua/plugin_catalog.hpp"
#include "lua/plugin_check.hpp"

namespace fs = std::filesystem;
using dj::lua::ErrorKind;
using dj::lua::Plugin;
using dj::lua::PluginCatalog;
using dj::lua::PluginError;
using dj::lua::PluginStatus;
using nlohmann::json;

namespace {

const fs::path kFixtures = fs::path(DJ_TESTS_DIR) / "plugins_fixture";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// A scratch copy of a fixture plugin that a test may edit.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / ("dj_lua_" + name + "_" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("a good plugin loads with its manifest and registrations", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "good");
    INFO(out.reason);
    REQUIRE(out.status == PluginStatus::loaded);
    Plugin& p = *out.plugin;
    const dj::lua::Manifest& m = p.manifest();
    CHECK(p.id() == "good");
    CHECK(m.name == "测试插件");
    CHECK(m.version == "1.2.3");
    CHECK(m.api == 1);
    CHECK(m.description == "加载器测试用的插件");
    REQUIRE(m.settings.size() == 5);
    CHECK(m.settings[0].id == "note");  // sorted by id
    const auto season = std::find_if(m.settings.begin(), m.settings.end(),
                                     [](const auto& s) { return s.id == "season"; });
    REQUIRE(season != m.settings.end());
    CHECK(season->type == "select");
    CHECK(season->options == std::vector<std::string>{"元旦", "春节", "七一"});
    CHECK(season->default_value == "春节");
    const auto target = std::find_if(m.settings.begin(), m.settings.end(),
                                     [](const auto& s) { return s.id == "target"; });
    CHECK(target->max == 100.0);

    REQUIRE(p.registrations().size() == 3);
    const dj::lua::Registration* visit = p.find("form", "visit");
    REQUIRE(visit != nullptr);
    CHECK(visit->file == "forms/visit.lua");
    CHECK(visit->line == 2);
    const dj::lua::Registration* coverage = p.find("indicator", "visit_coverage");
    REQUIRE(coverage != nullptr);
    CHECK(coverage->file == "indicators.lua");
    CHECK(coverage->line == 3);
    CHECK(p.of_kind("reminder").size() == 1);
    CHECK(p.find("form", "absent") == nullptr);
    CHECK(out.problems.empty());
}

TEST_CASE("registered tables are readable as data and callable under the budget", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "good");
    REQUIRE(out.plugin);
    Plugin& p = *out.plugin;
    const dj::lua::Registration& visit = *p.find("form", "visit");
    const json data = p.describe(visit);
    CHECK(data["title"] == "走访慰问记录");
    CHECK(data["fields"].size() == 3);
    CHECK(data["fields"][2]["label"] == "慰问品");
    CHECK_FALSE(data.contains("check"));               // functions left out
    CHECK_FALSE(data["fields"][2].contains("visible_if"));

    CHECK(p.has_function(visit, "check"));
    CHECK(p.has_function(visit, "fields.3.visible_if"));
    CHECK_FALSE(p.has_function(visit, "title"));
    CHECK(p.call(visit, "check", json::array({json::object()})) == "慰问金和慰问品至少填写一项");
    CHECK(p.call(visit, "check", json::array({{{"amount", 200}}})).is_null());
    CHECK(p.call(visit, "fields.3.visible_if", json::array({{{"occasion", "日常"}}})) == false);
    CHECK(p.call(visit, "fields.3.visible_if", json::array({{{"occasion", "春节"}}})) == true);

    const dj::lua::Registration& coverage = *p.find("indicator", "visit_coverage");
    CHECK(p.call(coverage, "compute", json::array({{{"visited", 3}, {"need", 4}}})) == 75.0);
    CHECK(p.call(coverage, "compute", json::array({{{"visited", 0}, {"need", 0}}})) == 100);
    try {
        p.call(visit, "title");
        FAIL("title is not a function");
    } catch (const PluginError& e) {
        CHECK(e.message() == "表单 visit 的 title 不是函数");
        CHECK(e.file() == "forms/visit.lua");
    }
}

TEST_CASE("registering after loading is refused", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "late");
    REQUIRE(out.status == PluginStatus::loaded);
    Plugin& p = *out.plugin;
    try {
        p.call(*p.find("indicator", "sneaky"), "compute");
        FAIL("late registration accepted");
    } catch (const PluginError& e) {
        CHECK(e.kind() == ErrorKind::forbidden);
        CHECK(e.message() == "只能在插件加载时注册");
        CHECK(e.file() == "indicators.lua");
        CHECK(e.line() == 4);
    }
    CHECK(p.find("form", "added_later") == nullptr);
}

TEST_CASE("api versions the host does not honour are refused", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "api2");
    CHECK(out.status == PluginStatus::refused);
    CHECK(out.id == "api2");  // the manifest was not accepted: named by its folder
    CHECK(out.reason == "plugin.lua: 插件需要接口版本 2，本程序只支持接口版本 1");
    CHECK_FALSE(out.plugin);
}

TEST_CASE("a syntax error faults the plugin with file and line", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "syntax");
    CHECK(out.status == PluginStatus::faulted);
    CHECK(out.id == "syntax");
    CHECK(contains(out.reason, "插件 syntax：forms/broken.lua:3: 语法错误："));
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].file == "forms/broken.lua");
    CHECK(out.problems[0].line == 3);
}

TEST_CASE("duplicate ids of one kind fault the plugin", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin_dir(kFixtures / "bundled" / "dupforms");
    CHECK(out.status == PluginStatus::faulted);
    CHECK(out.reason ==
          "插件 dupforms：forms/b.lua:3: 重复的表单 id \"visit\"（已在 forms/a.lua:1 注册）");
}

TEST_CASE("registration misuse is explained", "[lua][plugins]") {
    const auto load = [](const std::string& body) {
        return dj::lua::load_plugin(
            dj::lua::memory_source({{"plugin.lua", "return { id = 'm', name = '测', version = '1.0.0',"
                                                   " api = 1, forms = { 'f.lua' } }"},
                                    {"f.lua", body}}),
            "m", "内存");
    };
    CHECK(contains(load("form { title = 'x' }").reason, "form 需要先写 id"));
    CHECK(contains(load("form 'Bad-Id' { }").reason, "表单 id \"Bad-Id\" 不合法"));
    CHECK(contains(load("form 'x' 'y'").reason, "form \"x\" 后面应是一个表"));
    // Same id, different kinds: allowed.
    CHECK(load("form 'x' {} indicator 'x' {}").status == PluginStatus::loaded);
    // Registration works from required modules too, with the module's file and line.
    dj::lua::LoadOutcome mod = dj::lua::load_plugin(
        dj::lua::memory_source({{"plugin.lua", "return { id = 'm', name = '测', version = '1.0.0',"
                                               " api = 1, forms = { 'f.lua' } }"},
                                {"f.lua", "require('lib.forms')"},
                                {"lib/forms.lua", "\nform 'from_module' {}"}}),
        "m", "内存");
    REQUIRE(mod.plugin);
    CHECK(mod.plugin->find("form", "from_module")->file == "lib/forms.lua");
    CHECK(mod.plugin->find("form", "from_module")->line == 2);
}

TEST_CASE("manifest problems refuse the plugin with reasons", "[lua][plugins]") {
    const auto check = [](const std::string& manifest) {
        return dj::lua::check_manifest(json::parse(manifest), "");
    };
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1})").ok());
    CHECK(check(R"({"id":"Care","name":"好","version":"1.0.0","api":1})").refusal ==
          "id \"Care\" 不合法：只能用小写字母、数字和下划线，并以字母开头");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0","api":1})").refusal ==
          "version \"1.0\" 不合法：应形如 \"1.2.3\"");
    CHECK(check(R"({"id":"ok","version":"1.0.0","api":1})").refusal ==
          "清单缺少 name（插件的中文名称）");
    const auto no_api = check(R"({"id":"ok","name":"好","version":"1.0.0"})");
    CHECK(no_api.api_refused);
    CHECK(no_api.refusal == "清单缺少 api（插件接口版本，本程序支持 1）");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1.5})").api_refused);
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"forms":["../x.lua"]})").refusal ==
          "文件 \"../x.lua\" 不合法：应是插件目录内的相对路径并以 .lua 结尾");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"forms":["a.lua"],"indicators":["a.lua"]})")
              .refusal == "文件 a.lua 被列出了两次");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"settings":{"w":{"type":"number","label":"权","default":"x"}}})")
              .refusal == "设置 w：default 与类型 number 不符");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"settings":{"w":{"type":"select","label":"权","options":["a"],"default":"b"}}})")
              .refusal == "设置 w：default 与类型 select 不符（必须是 options 之一）");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"settings":{"w":{"type":"integer","label":"权","min":5,"max":1}}})")
              .refusal == "设置 w：min 大于 max");
    CHECK(check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"settings":{"w":{"type":"color","label":"权"}}})")
              .refusal == "设置 w：type 必须是 number、integer、string、bool 或 select 之一");
    const auto unknown = check(R"({"id":"ok","name":"好","version":"1.0.0","api":1,"colour":"red"})");
    CHECK(unknown.ok());  // a warning only
    REQUIRE(unknown.problems.size() == 1);
    CHECK(unknown.problems[0].warning);
    // A manifest holding a function is not data.
    dj::lua::LoadOutcome fn = dj::lua::load_plugin(
        dj::lua::memory_source({{"plugin.lua", "return { id = 'f', name = '函', version = '1.0.0',"
                                               " api = 1, hook = function() end }"}}),
        "f", "内存");
    CHECK(fn.status == PluginStatus::refused);
    CHECK(contains(fn.reason, "hook 是函数"));
}

TEST_CASE("a plugin held in memory (the database case) loads the same way", "[lua][plugins]") {
    dj::lua::LoadOutcome out = dj::lua::load_plugin(
        dj::lua::memory_source({
            {"plugin.lua", "return { id = 'unit_x', name = '单位自定', version = '0.1.0', api = 1,"
                           " indicators = { 'mine.lua' } }"},
            {"mine.lua", "indicator 'count' { compute = function(q) return q.n * 2 end }"},
        }),
        "unit_x", "数据库");
    REQUIRE(out.status == PluginStatus::loaded);
    CHECK(out.plugin->call(*out.plugin->find("indicator", "count"), "compute",
                           json::array({{{"n", 21}}})) == 42);
}

TEST_CASE("the catalog loads every folder, one bad plugin never stops the others", "[lua][plugins]") {
    PluginCatalog catalog({kFixtures / "bundled", kFixtures / "extra", kFixtures / "absent"});
    catalog.load();
    const auto status = [&](const std::string& id) {
        const dj::lua::CatalogEntry* e = catalog.entry(id);
        REQUIRE(e != nullptr);
        return e->status;
    };
    CHECK(status("good") == PluginStatus::loaded);
    CHECK(status("late") == PluginStatus::loaded);
    CHECK(status("api2") == PluginStatus::refused);
    CHECK(status("syntax") == PluginStatus::faulted);
    CHECK(status("dupforms") == PluginStatus::faulted);
    CHECK(status("shared") == PluginStatus::loaded);
    CHECK(catalog.entries().size() == 6);
    CHECK(contains(catalog.entry("syntax")->reason, "forms/broken.lua:3"));
    CHECK(catalog.plugin("syntax") == nullptr);
    REQUIRE(catalog.plugin("good") != nullptr);

    // The later folder's `shared` overrides the bundled one, with a warning.
    CHECK(catalog.plugin("shared")->manifest().version == "2.0.0");
    CHECK(catalog.entry("shared")->dir == kFixtures / "extra" / "override");
    const auto& w = catalog.warnings();
    CHECK(std::any_of(w.begin(), w.end(), [](const std::string& s) {
        return contains(s, "插件 shared") && contains(s, "覆盖了");
    }));
    CHECK(std::any_of(w.begin(), w.end(), [](const std::string& s) {
        return contains(s, "插件目录不存在");
    }));
}

TEST_CASE("an override that fails leaves the earlier version in service", "[lua][plugins]") {
    PluginCatalog catalog({kFixtures / "bundled", kFixtures / "fallback"});
    catalog.load();
    REQUIRE(catalog.plugin("good") != nullptr);
    CHECK(catalog.plugin("good")->manifest().version == "1.2.3");
    const auto& w = catalog.warnings();
    CHECK(std::any_of(w.begin(), w.end(), [](const std::string& s) {
        return contains(s, "未能加载") && contains(s, "forms/missing.lua");
    }));
}

TEST_CASE("hot reload keeps the old version when the new one fails", "[lua][plugins]") {
    TempDir root("reload");
    const fs::path dir = root.path / "care";
    fs::copy(kFixtures / "bundled" / "good", dir, fs::copy_options::recursive);
    PluginCatalog catalog({root.path});
    catalog.load();
    REQUIRE(catalog.plugin("good") != nullptr);
    const std::shared_ptr<Plugin> v1 = catalog.plugin("good");

    // Break it: the reload fails, the running version stays and says why.
    write(dir / "forms" / "visit.lua", "form 'visit' {\n  title = \n}\n");
    dj::lua::ReloadReport r = catalog.reload("good");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.reason, "forms/visit.lua:3"));
    CHECK(catalog.plugin("good") == v1);
    CHECK(catalog.entry("good")->status == PluginStatus::loaded);
    CHECK(contains(catalog.entry("good")->last_reload_error, "语法错误"));

    // Fix it with a new version: the reload takes it.
    write(dir / "forms" / "visit.lua", "form 'visit' { title = '新版走访' }\n");
    r = catalog.reload("good");
    INFO(r.reason);
    CHECK(r.ok);
    REQUIRE(catalog.plugin("good") != v1);
    CHECK(catalog.plugin("good")->describe(*catalog.plugin("good")->find("form", "visit"))["title"] ==
          "新版走访");
    CHECK(catalog.entry("good")->last_reload_error.empty());
    // The old version is still usable by whoever holds it.
    CHECK(v1->describe(*v1->find("form", "visit"))["title"] == "走访慰问记录");
    CHECK_FALSE(catalog.reload("nobody").ok);
}

TEST_CASE("reload_all picks up new plugins and drops vanished ones", "[lua][plugins]") {
    TempDir root("reload_all");
    fs::copy(kFixtures / "bundled" / "good", root.path / "good", fs::copy_options::recursive);
    fs::copy(kFixtures / "bundled" / "override", root.path / "shared", fs::copy_options::recursive);
    PluginCatalog catalog({root.path});
    catalog.load();
    CHECK(catalog.entries().size() == 2);

    fs::remove_all(root.path / "shared");
    fs::copy(kFixtures / "bundled" / "late", root.path / "late", fs::copy_options::recursive);
    write(root.path / "good" / "indicators.lua", "error('坏了')");
    const std::vector<dj::lua::ReloadReport> reports = catalog.reload_all();
    CHECK(reports.size() == 2);
    CHECK(catalog.plugin("late") != nullptr);
    CHECK(catalog.entry("shared") == nullptr);
    REQUIRE(catalog.plugin("good") != nullptr);  // the old good keeps running
    CHECK(contains(catalog.entry("good")->last_reload_error, "坏了"));
    const auto& w = catalog.warnings();
    CHECK(std::any_of(w.begin(), w.end(), [](const std::string& s) { return contains(s, "shared"); }));
}

TEST_CASE("check_plugin_dir reports every problem with file and line", "[lua][plugins][lint]") {
    const std::vector<dj::lua::Problem> problems = dj::lua::check_plugin_dir(kFixtures / "lint" / "bad");
    std::vector<std::string> texts;
    for (const auto& p : problems) texts.push_back(p.text());
    INFO(Catch::Detail::stringify(texts));
    const auto has = [&](const std::string& part) {
        return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return contains(t, part); });
    };
    CHECK(has("forms/broken.lua:2: 语法错误："));
    CHECK(has("plugin.lua:4: version \"1.0\" 不合法"));
    CHECK(has("plugin.lua:7: 设置 weight：default 与类型 number 不符"));
    CHECK(has("plugin.lua:8: 设置 mode：select 类型需要 options 列表"));
    CHECK(has("plugin.lua:11: 未知的清单字段 colour"));
    CHECK(has("plugin.lua:10: forms 列出的文件 forms/absent.lua 不存在"));
    CHECK(problems.size() == 6);

    CHECK(dj::lua::check_plugin_dir(kFixtures / "bundled" / "good").empty());
    const auto dup = dj::lua::check_plugin_dir(kFixtures / "bundled" / "dupforms");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].text() == "forms/b.lua:3: 重复的表单 id \"visit\"（已在 forms/a.lua:1 注册）");
    const auto missing = dj::lua::check_plugin_dir(kFixtures / "fallback" / "good");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].text() == "plugin.lua:2: forms 列出的文件 forms/missing.lua 不存在");
    CHECK(dj::lua::check_plugin_dir(kFixtures / "nowhere").size() == 1);
}
