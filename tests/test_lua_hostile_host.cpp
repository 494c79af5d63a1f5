// Attacks on the host's side of the sandbox: what the host does on a plugin's behalf
// (converting registered values, calling every field's callback, registering, matching
// source lines, linting) must be bounded by the same time and memory limits as the
// plugin's own code. Each script in tests/hostile/units/ is loaded as a unit's script;
// its first line names the Chinese words its stop must be reported with.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <algorithm>
#include <functional>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hostile_support.hpp"
#include "lua/lua_json.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_check.hpp"
#include "lua/sandbox.hpp"
#include "plugins/plugin_host.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using dj::lua::Limits;
using dj::lua::PluginError;
using dj::lua::Sandbox;
using dj::test::hostile_limits;
using dj::test::peak_rss_since_reset;
using dj::test::reset_peak_rss;

namespace {

const fs::path kUnitsDir = fs::path(DJ_TESTS_DIR) / "hostile" / "units";

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string expected_words(const std::string& text) {
    const std::string tag = "-- expect: ";
    const std::string first = text.substr(0, text.find('\n'));
    return first.rfind(tag, 0) == 0 ? first.substr(tag.size()) : "";
}

const char* kOrdinaryScript = R"(
form "ok" {
  title = "正常表单", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲", visible_if = function(f) return true end } },
})";

}  // namespace

TEST_CASE("hostile unit scripts are stopped within the limits, other units unaffected", "[lua][hostile]") {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kUnitsDir))
        if (e.path().extension() == ".lua") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 9);
    for (const fs::path& file : files) {
        DYNAMIC_SECTION(file.filename().string()) {
            const std::string source = read_text(file);
            const std::string words = expected_words(source);
            REQUIRE_FALSE(words.empty());
            reset_peak_rss();
            const long before_kb = dj::test::current_rss_kb();
            dj::plugins::PluginHost host({}, hostile_limits());
            host.set_unit_scripts({{"D9", file.filename().string(), 1, source}, {"D8", "ok.lua", 1, kOrdinaryScript}});
            const auto bad = host.summary("unit_d9");
            REQUIRE(bad);
            INFO(bad->reason);
            CHECK(bad->status == "faulted");
            CHECK(bad->reason.find(words) != std::string::npos);
            CHECK(bad->reason.find("插件 unit_d9：" + file.filename().string() + ":") == 0);
            CHECK(dj::lua::is_valid_utf8(bad->reason));
            CHECK(bad->reason.find('\x1b') == std::string::npos);
            CHECK(bad->reason.find('\a') == std::string::npos);
            CHECK_NOTHROW(nlohmann::json::parse(nlohmann::json(bad->reason).dump()));
            // The other unit's plugin loaded and works.
            const auto good = host.summary("unit_d8");
            REQUIRE(good);
            CHECK(good->status == "loaded");
            CHECK(host.form("unit_d8.ok") != nullptr);
            // Resident memory: at most the plugin's cap (twice: its Lua heap and what the host
            // built before the charge stopped it) plus 32 MB for the host.
            const long bound_kb = before_kb + static_cast<long>(2 * hostile_limits().memory_bytes / 1024) + 32 * 1024;
            CHECK(peak_rss_since_reset() < bound_kb);
        }
    }
}

TEST_CASE("values handed to the host are charged: shared sub-tables, long strings", "[lua][hostile]") {
    Sandbox sb("conv", dj::lua::memory_source({}), hostile_limits());
    reset_peak_rss();
    const long before_kb = dj::test::current_rss_kb();
    // A DAG: 2^40 values once expanded.
    try {
        sb.eval("local t = {1} for i = 1, 40 do t = {t, t} end return t", "dag.lua");
        FAIL("not stopped");
    } catch (const PluginError& e) {
        CHECK(e.kind() == dj::lua::ErrorKind::memory);
        CHECK(e.message().find("内存超限") != std::string::npos);
    }
    // The same string under many keys.
    CHECK_THROWS_AS(sb.eval("local s = ('x'):rep(1 << 20) local t = {} for i = 1, 40 do t[i] = s end return t"),
                    PluginError);
    // A plugin just below the conversion limit is fine.
    CHECK(sb.eval("local t = {1} for i = 1, 10 do t = {t, t} end return t").is_array());
    CHECK(peak_rss_since_reset() < before_kb + 64 * 1024);
}

TEST_CASE("a manifest of shared sub-tables or a flood of settings is bounded", "[lua][hostile]") {
    const fs::path dir = fs::temp_directory_path() / "dj_hostile_manifest";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        std::ofstream(dir / "plugin.lua") << "local t = {'x'} for i = 1, 40 do t = {t, t} end\n"
                                             "return { id = 'dag', name = '共享', version = '1.0.0', api = 1, author = t }\n";
    }
    auto out = dj::lua::load_plugin_dir(dir, hostile_limits());
    CHECK(out.status != dj::lua::PluginStatus::loaded);
    CHECK(out.reason.find("内存超限") != std::string::npos);

    // 20 000 bad settings: the report is bounded and source lines are not searched 20 000 times.
    {
        std::ofstream m(dir / "plugin.lua");
        m << "local s = {}\nfor i = 1, 20000 do s['s' .. i] = { type = 'nosuch', label = 'x' } end\n"
             "return { id = 'flood', name = '设置', version = '1.0.0', api = 1, settings = s }\n";
    }
    auto problems = dj::lua::check_plugin_dir(dir, hostile_limits());
    CHECK(problems.size() <= 202);
    CHECK_FALSE(problems.empty());

    // Lint: the same id registered 100 000 times gives a bounded problem list.
    {
        std::ofstream(dir / "plugin.lua") << "return { id = 'dup', name = '重复', version = '1.0.0', api = 1, forms = { 'f.lua' } }\n";
        std::ofstream(dir / "f.lua") << "for i = 1, 100000 do form 'same' { title = 't', fields = {} } end\n";
    }
    Limits roomy = hostile_limits();
    roomy.instructions = 50'000'000;
    problems = dj::lua::check_plugin_dir(dir, roomy);
    CHECK(problems.size() <= 102);
    CHECK(std::any_of(problems.begin(), problems.end(),
                      [](const dj::lua::Problem& p) { return p.message.find("不再列出") != std::string::npos; }));
    fs::remove_all(dir);
}

TEST_CASE("a plugin stopped for time is marked and not run again until reloaded", "[lua][hostile]") {
    dj::plugins::PluginHost host({}, hostile_limits());
    const std::string slow = R"(
form "slow" {
  title = "慢", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲", required = true },
             { id = "b", type = "text", label = "乙",
               constraint = function(v) if v.a == "loop" then while true do end end return true end } },
})";
    host.set_unit_scripts({{"D7", "slow.lua", 1, slow}});
    REQUIRE(host.summary("unit_d7")->status == "loaded");
    auto form = host.form("unit_d7.slow");
    REQUIRE(form);
    dj::plugins::LuaFormHooks hooks(form);
    CHECK_THROWS_WITH(hooks.call_field("b", dj::forms::Hook::Constraint, {{"a", "loop"}}, nullptr),
                      Catch::Contains("运行超时"));
    // Marked, visibly, and the next call fails at once with the same reason.
    const auto s = host.summary("unit_d7");
    CHECK(s->status == "stopped");
    CHECK(s->status_label.find("已停用") != std::string::npos);
    CHECK(s->reason.find("运行超时") != std::string::npos);
    CHECK_THROWS_WITH(hooks.call_field("b", dj::forms::Hook::Constraint, {{"a", "x"}}, nullptr),
                      Catch::Contains("运行超时"));
    // Loading the scripts again (a fix, or a reload) starts afresh.
    host.set_unit_scripts({{"D7", "slow.lua", 1, slow}});
    CHECK(host.summary("unit_d7")->status == "loaded");
}

TEST_CASE("the documented limits are the limits enforced", "[lua][hostile][limits]") {
    Limits l = hostile_limits();
    l.instructions = 1'000'000;
    l.memory_bytes = 8u << 20;
    l.source_bytes = 64 * 1024;
    l.gotos = 100;
    Sandbox sb("limits", dj::lua::memory_source({}), l);
    // Instructions: an empty numeric for loop is one instruction per turn.
    CHECK_NOTHROW(sb.run_string("for i = 1, 900000 do end"));
    CHECK_THROWS_WITH(sb.run_string("for i = 1, 1100000 do end"), Catch::Contains("运行超时"));
    // Memory: a table of 16-byte slots just under and just over the cap.
    // Memory: string.rep holds its buffer and the result at once (2 × n bytes).
    CHECK_NOTHROW(sb.run_string("local s = ('x'):rep(3500 * 1024)"));
    CHECK_THROWS_WITH(sb.run_string("local s = ('x'):rep(4500 * 1024)"), Catch::Contains("内存超限（上限 8 MB）"));
    // Source size.
    const std::string below = "return 1 --" + std::string(64 * 1024 - 20, 'x');
    const std::string above = "return 1 --" + std::string(64 * 1024 + 20, 'x');
    CHECK(sb.eval(below) == 1);
    CHECK_THROWS_WITH(sb.eval(above), Catch::Contains("源代码过大"));
    // gotos.
    auto gotos = [](int n) {
        std::string code;
        for (int i = 0; i < n; ++i) code += "goto l" + std::to_string(i) + "\n::l" + std::to_string(i) + "::\n";
        return code + "return 1";
    };
    CHECK(sb.eval(gotos(99)) == 1);
    CHECK_THROWS_WITH(sb.eval(gotos(101)), Catch::Contains("goto"));
    // The processor-time net stops what the count cannot see (no timing asserted: only which
    // limit reports the stop).
    Limits w = hostile_limits();
    w.instructions = 1'000'000'000'000;
    w.cpu_ms = 200;
    Sandbox slow("wall", dj::lua::memory_source({}), w);
    CHECK_THROWS_WITH(slow.run_string("local s = ('x'):rep(1 << 20) local a, b = s .. 'a', s .. 'b' "
                                      "while true do local _ = a < b end"),
                      Catch::Contains("超过 200 毫秒"));
}

TEST_CASE("parser limits are reported in Chinese", "[lua][hostile]") {
    Sandbox sb("parser", dj::lua::memory_source({}), hostile_limits());
    const std::string deep = "return " + std::string(300, '(') + "1" + std::string(300, ')');
    CHECK_THROWS_WITH(sb.eval(deep), Catch::Contains("语法嵌套"));
    std::string locals;
    for (int i = 0; i < 210; ++i) locals += "local v" + std::to_string(i) + " = 1\n";
    CHECK_THROWS_WITH(sb.eval(locals), Catch::Contains("局部变量过多"));
}

TEST_CASE("stops name the real line, not one the message forged", "[lua][hostile]") {
    Sandbox sb("where", dj::lua::memory_source({}), hostile_limits());
    try {
        sb.run_string("local x = 1\n\nerror('plugin.lua:1: \\27[2K试运行通过\\n')\n", "main.lua");
        FAIL("not stopped");
    } catch (const PluginError& e) {
        CHECK(e.file() == "main.lua");
        CHECK(e.line() == 3);
        const std::string what = e.what();
        CHECK(what.find('\x1b') == std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
        CHECK(what.find("\\x1b") != std::string::npos);
    }
    try {  // error(msg, 2): the caller's line, which is on the stack, is believed
        sb.run_string("local function check(v)\n  if not v then error('缺少参数', 2) end\nend\n\ncheck(nil)\n",
                      "main.lua");
        FAIL("not stopped");
    } catch (const PluginError& e) {
        CHECK(e.line() == 5);
        CHECK(e.message() == "缺少参数");
    }
    sb.clear_log();
    sb.run_string("print('\\27[2K\\r试运行通过\\255')");
    REQUIRE(sb.log().size() == 1);
    CHECK(sb.log()[0].find('\x1b') == std::string::npos);
    CHECK(dj::lua::is_valid_utf8(sb.log()[0]));
}

TEST_CASE("require opens beneath the plugin folder and follows no symlink", "[lua][hostile]") {
    const fs::path root = fs::temp_directory_path() / "dj_hostile_links";
    fs::remove_all(root);
    fs::create_directories(root / "plugin" / "lib");
    fs::create_directories(root / "outside");
    { std::ofstream(root / "outside" / "secret.lua") << "return '机密'"; }
    { std::ofstream(root / "plugin" / "lib" / "ok.lua") << "return '正常'"; }
    // A file swapped for a symlink, and a directory swapped for one: both lead outside.
    fs::create_symlink(root / "outside" / "secret.lua", root / "plugin" / "evil.lua");
    fs::create_symlink(root / "outside", root / "plugin" / "sub");
    // Even a symlink that stays inside is refused: no component may be a link.
    fs::create_symlink(root / "plugin" / "lib" / "ok.lua", root / "plugin" / "inner.lua");
    Sandbox sb("links", dj::lua::folder_source(root / "plugin"), hostile_limits());
    CHECK(sb.eval("return require('lib.ok')") == "正常");
    for (const char* name : {"evil", "sub.secret", "inner"}) {
        INFO(name);
        try {
            sb.eval(std::string("return require('") + name + "')");
            FAIL("read through a symlink");
        } catch (const PluginError& e) {
            CHECK(std::string(e.what()).find("机密") == std::string::npos);
            CHECK(std::string(e.what()).find("符号链接") != std::string::npos);
        }
    }
    fs::remove_all(root);
}

TEST_CASE("a unit's script cannot take another unit's or a folder plugin's ids", "[lua][hostile]") {
    const char* script = R"(form "same" { title = "同名", scope = "branch", period = "month",
                                           fields = { { id = "a", type = "text", label = "甲" } } })";
    dj::plugins::PluginHost host({}, hostile_limits());
    // "D-1" and "D_1" both become unit_d_1: the second is refused, the first keeps its forms.
    host.set_unit_scripts({{"D-1", "a.lua", 1, script}, {"D_1", "b.lua", 1, script}});
    const auto all = host.summaries();
    REQUIRE(all.size() == 2);
    INFO(all[0].status << " " << all[0].reason << " / " << all[1].status << " " << all[1].reason);
    CHECK(std::count_if(all.begin(), all.end(), [](const auto& s) { return s.status == "loaded"; }) == 1);
    CHECK(std::count_if(all.begin(), all.end(), [](const auto& s) {
              return s.status == "refused" && s.reason.find("相同") != std::string::npos;
          }) == 1);
    // A folder plugin may not call itself unit_…
    const fs::path root = fs::temp_directory_path() / "dj_hostile_ids";
    fs::remove_all(root);
    fs::create_directories(root / "fake");
    std::ofstream(root / "fake" / "plugin.lua") << "return { id = 'unit_d_1', name = '冒充', version = '1.0.0', api = 1 }\n";
    dj::plugins::PluginHost folder_host({root}, hostile_limits());
    folder_host.load();
    const auto fake = folder_host.summary("unit_d_1");
    REQUIRE(fake);
    CHECK(fake->status == "refused");
    CHECK(fake->reason.find("unit_") != std::string::npos);
    fs::remove_all(root);
}

namespace {

// Runs fn on a thread with a 512 KB stack (what a server's worker threads may have): the
// C-stack bug of Lua 5.4.4's coroutine.close must be stopped long before that is used up.
void on_small_stack(const std::function<void()>& fn) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 512 * 1024);
    pthread_t thread;
    auto trampoline = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    REQUIRE(pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&fn)) == 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

}  // namespace

TEST_CASE("nested coroutine.close and coroutine.wrap resets cannot overflow the C stack", "[lua][hostile]") {
    for (const char* name : {"coroutine_close_nesting.lua", "coroutine_wrap_reset_nesting.lua",
                             "coroutine_close_in_pcall_nesting.lua"}) {
        std::string kind, message;
        on_small_stack([&] {
            Sandbox sb("co", dj::lua::folder_source(fs::path(DJ_TESTS_DIR) / "hostile"), hostile_limits());
            try {
                sb.run_file(name);
            } catch (const PluginError& e) {
                kind = dj::lua::kind_name(e.kind());
                message = e.message();
            }
        });
        INFO(name << ": " << message);
        CHECK(kind == "error");
        CHECK(message.find("协程嵌套过深") != std::string::npos);
    }
}

TEST_CASE("a unit script whose defaults time out is not saved", "[lua][hostile][scripts]") {
    dj::test::SmallCounty c;
    const std::string script = R"(
form "slow_default" {
  title = "慢默认值", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲",
               default = function() pcall(function() while true do end end) return "x" end } },
})";
    CHECK_THROWS_WITH(c.svc->save_unit_script(c.as("admin"), "D1", "slow_default", script, ""),
                      Catch::Contains("运行超时"));
    CHECK(c.svc->unit_scripts(c.as("admin"), "D1", false).empty());
    // An oversized script is refused before it is even tried.
    const std::string huge = "-- " + std::string(dj::lua::Limits{}.source_bytes, 'x') + "\n";
    CHECK_THROWS_WITH(c.svc->save_unit_script(c.as("admin"), "D1", "huge", huge, ""), Catch::Contains("源代码过大"));
}

namespace {

// A form whose default burns about 60% of the default budget: one such script is fine,
// two of them in one unit load under one budget and are stopped.
std::string slow_default_script(const std::string& form_id) {
    return "form \"" + form_id + "\" {\n  title = \"慢默认值\", scope = \"branch\", period = \"month\",\n"
           "  fields = { { id = \"a\", type = \"text\", label = \"甲\",\n"
           "    default = function() for i = 1, 12000000 do end return \"x\" end } },\n}\n";
}

}  // namespace

TEST_CASE("a unit's scripts stopped while loading are remembered across processes", "[lua][hostile][scripts]") {
    dj::test::SmallCounty c;
    const auto admin = c.as("admin");
    c.svc->save_unit_script(admin, "D1", "slow_a", slow_default_script("slow_a"), "");
    // Each passes its own test run; together the unit's defaults exceed the budget, so
    // saving the second stops the unit's scripts while this process loads them.
    c.svc->save_unit_script(admin, "D1", "slow_b", slow_default_script("slow_b"), "");
    auto first = c.svc->plugin_host().summary("unit_d1");
    REQUIRE(first);
    CHECK(first->status == "faulted");
    CHECK(first->reason.find("运行超时") != std::string::npos);

    // Another process on the same file does not run them again, and says why.
    auto second = dj::LocalService::open(c.db_path);
    auto remembered = second->plugin_host().summary("unit_d1");
    REQUIRE(remembered);
    CHECK(remembered->status == "faulted");
    CHECK(remembered->reason.find("运行超时") != std::string::npos);
    CHECK(remembered->reason.find("未再运行") != std::string::npos);
    // Other units are unaffected; the unit admin sees the stop on both versions.
    const auto unit1 = second->actor("unit1");
    const auto listed = second->unit_scripts(unit1, "D1", false);
    REQUIRE(listed.size() == 2);
    for (const auto& s : listed) CHECK(s.fault.find("运行超时") != std::string::npos);

    // A passing test run is "try again": the scripts run anew (and stop anew).
    CHECK(second->test_unit_script(unit1, "D1", "slow_a", slow_default_script("slow_a")).ok);
    auto retried = second->plugin_host().summary("unit_d1");
    REQUIRE(retried);
    CHECK(retried->status == "faulted");
    CHECK(retried->reason.find("未再运行") == std::string::npos);

    // A new version of either script is run again: fixed, the unit loads everywhere.
    const std::string fixed = R"(
form "slow_b" {
  title = "快默认值", scope = "branch", period = "month",
  fields = { { id = "a", type = "text", label = "甲", default = function() return "x" end } },
})";
    second->save_unit_script(unit1, "D1", "slow_b", fixed, "改快");
    CHECK(second->plugin_host().summary("unit_d1")->status == "loaded");
    auto third = dj::LocalService::open(c.db_path);
    CHECK(third->plugin_host().summary("unit_d1")->status == "loaded");
    CHECK(third->unit_scripts(third->actor("unit1"), "D1", false).front().fault.empty());
}
