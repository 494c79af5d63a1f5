// dangjian plugins … and dangjian script …: plugins, their enablement, units' own scripts.
#include <iostream>

#include "cli/cli_context.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_host.hpp"
#include "service/json_codec.hpp"

namespace dj::cli {

using nlohmann::json;

void register_plugins(CLI::App& app, Context& ctx) {
    auto* plugins = app.add_subcommand("plugins", "插件：列表、检查、按单位启用/停用、设置、重新加载");
    plugins->require_subcommand(1);
    static std::string id, unit, settings;
    static bool clear = false;

    auto* list = plugins->add_subcommand("list", "列出插件及其状态（已加载 / 加载出错 / 已拒绝）");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->callback([&ctx] {
        ctx.open();
        auto all = ctx.service->list_plugins(ctx.actor);
        if (ctx.json) {
            print_json_list(all, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& p : all) {
            std::cout << p.id << "\t" << p.name << "\t" << p.version << "\t" << p.status_label << "\t" << p.source << "\n";
            if (!p.reason.empty()) std::cout << "    原因：" << p.reason << "\n";
        }
        if (ctx.local)  // a server keeps its load warnings in its own log
            for (const auto& w : ctx.local->plugin_host().warnings()) std::cout << "注意：" << w << "\n";
    });

    static std::vector<std::string> check_dirs;
    auto* check = plugins->add_subcommand("check", "在沙箱中检查插件目录（可多个），一次报告每个插件的全部问题（文件:行）");
    check->add_option("DIR", check_dirs, "插件目录（可列出多个）")->required();
    add_json_flag(*check, ctx);
    check->callback([&ctx] {
        // Every plugin is checked, whatever the earlier ones showed.
        std::vector<std::string> failed;
        json arr = json::array();
        for (const auto& d : check_dirs) {
            auto problems = plugins::check_plugin(d);
            bool errors = false;
            for (const auto& p : problems) {
                errors = errors || !p.warning;
                json item = {{"file", p.file}, {"line", p.line}, {"message", p.message}, {"warning", p.warning}};
                if (check_dirs.size() > 1) item["dir"] = d;
                arr.push_back(item);
                if (!ctx.json)
                    std::cout << (check_dirs.size() > 1 ? d + "：" : std::string()) << (p.warning ? "警告 " : "错误 ") << p.text() << "\n";
            }
            if (errors) failed.push_back(d);
            else if (!ctx.json) std::cout << "插件「" << d << "」检查通过" << (problems.empty() ? "" : "（有警告）") << "\n";
        }
        if (ctx.json) print_json(arr);
        if (!failed.empty()) {
            std::string list;
            for (const auto& d : failed) list += (list.empty() ? "" : "、") + ("「" + d + "」");
            throw UserError("插件" + list + "检查未通过");
        }
    });

    auto setter = [&ctx](CLI::App* cmd, std::optional<bool> enable) {
        add_db_options(*cmd, ctx);
        cmd->add_option("PLUGIN", id, "插件 id")->required();
        cmd->add_option("--unit", unit, "组织编码（对其下级同样生效，下级可另行设置）")->required();
        cmd->add_option("--settings", settings, "设置项，JSON，如 {\"target\": 10}");
        cmd->callback([&ctx, enable] {
            ctx.open();
            PluginSetting s{id, unit, enable, settings.empty() ? "{}" : settings, clear};
            ctx.service->set_plugin(ctx.actor, s);
            std::cout << (clear ? "已清除" : enable ? (*enable ? "已启用" : "已停用") : "已设置") << "插件 " << id << "（" << unit
                      << " 及其下级）\n";
        });
    };
    setter(plugins->add_subcommand("enable", "在某组织及其下级启用插件"), true);
    setter(plugins->add_subcommand("disable", "在某组织及其下级停用插件"), false);
    auto* set = plugins->add_subcommand("set", "修改插件在某组织的设置项（或 --clear 恢复继承）");
    set->add_flag("--clear", clear, "删除该组织自己的设置，恢复继承上级");
    setter(set, std::nullopt);

    auto* effective = plugins->add_subcommand("effective", "某组织实际生效的插件及设置（含继承来源）");
    add_db_options(*effective, ctx);
    add_json_flag(*effective, ctx);
    effective->add_option("--unit", unit, "组织编码")->required();
    effective->callback([&ctx] {
        ctx.open();
        auto rows = ctx.service->effective_plugins(ctx.actor, unit);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& r : rows)
            std::cout << r.id << "\t" << r.name << "\t" << (r.enabled ? "启用" : "未启用") << "\t"
                      << (r.decided_at.empty() ? "（从未设置）" : (r.inherited ? "继承自 " : "本级设置 ") + r.decided_at) << "\t"
                      << r.settings_json << "\n";
    });

    static std::vector<std::string> folders;
    static bool clear_folders = false;
    auto* dirs = plugins->add_subcommand("folders", "查看或设置本数据库的额外插件目录（对所有使用者生效）");
    add_db_options(*dirs, ctx);
    add_json_flag(*dirs, ctx);
    dirs->add_option("--set", folders, "设置为这些目录（绝对路径，可多个；后者覆盖前者的同名插件）");
    dirs->add_flag("--clear", clear_folders, "清除额外插件目录");
    dirs->callback([&ctx] {
        ctx.open();
        if (!folders.empty() || clear_folders) ctx.service->set_plugin_folders(ctx.actor, clear_folders ? std::vector<std::string>{} : folders);
        auto now = ctx.service->plugin_folders(ctx.actor);
        if (ctx.json) print_json(now);
        else if (now.empty()) std::cout << "没有额外插件目录（只使用内置插件）\n";
        else
            for (const auto& d : now) std::cout << d << "\n";
    });

    auto* reload = plugins->add_subcommand("reload", "重新加载插件（新版本有误时保留旧版本继续运行）");
    add_db_options(*reload, ctx);
    add_json_flag(*reload, ctx);
    reload->add_option("PLUGIN", id, "插件 id；省略则全部重新加载");
    reload->callback([&ctx] {
        ctx.open();
        auto reports = ctx.service->reload_plugins(ctx.actor, id);
        json arr = json::array();
        bool failed = false;
        for (const auto& r : reports) {
            failed = failed || !r.ok;
            arr.push_back(to_json(r));
            if (!ctx.json) std::cout << r.id << "\t" << (r.ok ? "已重新加载" : "未更新（保留旧版本）：" + r.reason) << "\n";
        }
        if (ctx.json) print_json(arr);
        if (failed) throw UserError("部分插件的新版本未能加载");
    });
}

void register_scripts(CLI::App& app, Context& ctx) {
    auto* script = app.add_subcommand("script", "单位自定义脚本：保存（保留每个版本）、列表、查看、试运行");
    script->require_subcommand(1);
    static std::string unit, name, file, note;
    static int version = 0;
    static bool all = false;

    auto* add = script->add_subcommand("add", "保存一个新版本（先在沙箱中试运行，有误则不保存）");
    add_db_options(*add, ctx);
    add->add_option("--unit", unit, "单位编码（脚本只对该单位及其下级生效）")->required();
    add->add_option("--name", name, "脚本名（小写英文、数字、下划线）")->required();
    add->add_option("--file", file, "Lua 脚本文件")->required();
    add->add_option("--note", note, "版本说明");
    add->callback([&ctx] {
        ctx.open();
        auto saved = ctx.service->save_unit_script(ctx.actor, unit, name, read_file(file), note);
        std::cout << "已保存脚本 " << saved.name << " 第 " << saved.version << " 版（" << saved.unit_code << "）\n";
    });

    auto* test = script->add_subcommand("test", "试运行脚本（不保存），显示注册结果或出错行");
    add_db_options(*test, ctx);
    add_json_flag(*test, ctx);
    test->add_option("--unit", unit, "单位编码")->required();
    test->add_option("--name", name, "脚本名")->required();
    test->add_option("--file", file, "Lua 脚本文件")->required();
    test->callback([&ctx] {
        ctx.open();
        auto r = ctx.service->test_unit_script(ctx.actor, unit, name, read_file(file));
        if (ctx.json)
            print_json({{"ok", r.ok}, {"error", r.error}, {"line", r.line}, {"registered", r.registered}, {"log", r.log}});
        else if (r.ok) {
            std::cout << "试运行通过，注册了：\n";
            for (const auto& x : r.registered) std::cout << "  " << x << "\n";
        }
        for (const auto& l : r.log)
            if (!ctx.json) std::cout << "print: " << l << "\n";
        if (!r.ok) {
            if (!ctx.json) std::cerr << "试运行出错" << (r.line ? "（第 " + std::to_string(r.line) + " 行）" : "") << "：" << r.error << "\n";
            throw UserError("脚本试运行未通过");
        }
    });

    auto* list = script->add_subcommand("list", "列出单位的脚本（默认每个脚本的最新版本）");
    add_db_options(*list, ctx);
    add_json_flag(*list, ctx);
    list->add_option("--unit", unit, "单位编码")->required();
    list->add_flag("--all", all, "列出全部历史版本");
    list->callback([&ctx] {
        ctx.open();
        auto rows = ctx.service->unit_scripts(ctx.actor, unit, all);
        if (ctx.json) {
            print_json_list(rows, [](const auto& x) { return to_json(x); });
            return;
        }
        for (const auto& r : rows) {
            std::cout << r.name << "\t第 " << r.version << " 版\t" << r.author << "\t" << r.created_at << "\t" << r.note;
            if (!r.fault.empty()) std::cout << "\t已停用（运行超限，未再运行）：" << r.fault;
            std::cout << "\n";
        }
    });

    auto* show = script->add_subcommand("show", "显示脚本源码（默认最新版本）");
    add_db_options(*show, ctx);
    add_json_flag(*show, ctx);
    show->add_option("--unit", unit, "单位编码")->required();
    show->add_option("--name", name, "脚本名")->required();
    show->add_option("--version", version, "版本号");
    show->callback([&ctx] {
        ctx.open();
        auto s = ctx.service->unit_script(ctx.actor, unit, name, version > 0 ? std::optional<int>(version) : std::nullopt);
        if (ctx.json) print_json(to_json(s));
        else std::cout << s.source;
    });
}

}  // namespace dj::cli
