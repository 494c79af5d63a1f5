#include "lua/plugin_manifest.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "lua/source_provider.hpp"

namespace dj::lua {

using nlohmann::json;

const RegistrationKind* find_kind(std::string_view name) {
    for (const RegistrationKind& k : kRegistrationKinds)
        if (name == k.name) return &k;
    return nullptr;
}

std::string Problem::text() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (!out.empty()) out += ": ";
    return out + message;
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

namespace {

constexpr const char* kFile = "plugin.lua";
const std::set<std::string> kSettingTypes = {"number", "integer", "string", "bool", "select"};

bool is_version(std::string_view v) {
    int parts = 0;
    std::size_t i = 0;
    while (i < v.size()) {
        std::size_t digits = 0;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i, ++digits;
        if (digits == 0 || digits > 6) return false;
        ++parts;
        if (i == v.size()) break;
        if (v[i] != '.') return false;
        ++i;
        if (i == v.size()) return false;
    }
    return parts == 3;
}

}  // namespace

int line_of(std::string_view source, std::string_view needle, bool quoted) {
    int line = 1;
    std::size_t start = 0;
    while (start <= source.size()) {
        std::size_t end = source.find('\n', start);
        if (end == std::string_view::npos) end = source.size();
        const std::string_view text = source.substr(start, end - start);
        std::size_t at = text.find(needle);
        while (at != std::string_view::npos) {
            if (quoted) {
                if (at > 0 && (text[at - 1] == '"' || text[at - 1] == '\'')) return line;
            } else {
                const bool left_ok = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
                std::size_t k = at + needle.size();
                while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
                if (left_ok && k < text.size() && text[k] == '=' &&
                    (k + 1 >= text.size() || text[k + 1] != '='))
                    return line;
            }
            at = text.find(needle, at + 1);
        }
        start = end + 1;
        ++line;
    }
    return 0;
}

namespace {

class Checker {
public:
    Checker(const json& v, std::string_view source) : v_(v), src_(source) {}

    ManifestCheck run() {
        if (!v_.is_object()) {
            error(0, "plugin.lua 必须 return 一个清单表，如 return { id = \"care\", … }");
            return std::move(out_);
        }
        out_.manifest.data = v_;
        check_api();
        if (out_.api_refused) return std::move(out_);
        check_strings();
        check_settings();
        check_member_flags();
        check_depends();
        check_files();
        check_unknown();
        return std::move(out_);
    }

private:
    // A manifest with a million bad settings gets a bounded report, and the search
    // for source lines (each one a scan of plugin.lua) stops after kMaxLookups: both
    // would otherwise grow with the square of what a plugin declares.
    static constexpr std::size_t kMaxProblems = 200;
    static constexpr int kMaxLookups = 200;

    void add(int line, std::string message, bool warning) {
        if (out_.problems.size() < kMaxProblems)
            out_.problems.push_back({kFile, line, std::move(message), warning});
        else if (out_.problems.size() == kMaxProblems)
            out_.problems.push_back({kFile, 0, "问题过多，其余的不再列出", warning});
    }
    void error(int line, std::string message) {
        if (out_.refusal.empty()) out_.refusal = message;
        add(line, std::move(message), false);
    }
    void warn(int line, std::string message) { add(line, std::move(message), true); }
    int find_line(std::string_view needle, bool quoted = false) {
        if (lookups_ >= kMaxLookups) return 0;
        ++lookups_;
        return line_of(src_, needle, quoted);
    }
    int at(std::string_view field) { return find_line(field); }

    void check_api() {
        const auto it = v_.find("api");
        std::string reason;
        if (it == v_.end())
            reason = "清单缺少 api（插件接口版本，本程序支持 " + std::to_string(kHostApi) + "）";
        else if (!it->is_number_integer())
            reason = "api 必须是整数（本程序支持接口版本 " + std::to_string(kHostApi) + "）";
        else if (it->get<long long>() != kHostApi)
            reason = "插件需要接口版本 " + std::to_string(it->get<long long>()) +
                     "，本程序只支持接口版本 " + std::to_string(kHostApi);
        if (reason.empty()) {
            out_.manifest.api = kHostApi;
            return;
        }
        out_.api_refused = true;
        error(at("api"), reason);
    }

    std::string text_field(const char* key, bool required, const char* missing) {
        const auto it = v_.find(key);
        if (it == v_.end()) {
            if (required) error(0, missing);
            return {};
        }
        if (!it->is_string()) {
            error(at(key), std::string(key) + " 必须是字符串");
            return {};
        }
        return it->get<std::string>();
    }

    void check_strings() {
        Manifest& m = out_.manifest;
        m.id = text_field("id", true, "清单缺少 id（插件标识，如 \"care\"）");
        if (!m.id.empty() && !is_valid_id(m.id))
            error(at("id"), "id \"" + m.id + "\" 不合法：只能用小写字母、数字和下划线，并以字母开头");
        m.name = text_field("name", true, "清单缺少 name（插件的中文名称）");
        if (v_.contains("name") && v_["name"].is_string() && m.name.empty())
            error(at("name"), "name 不能为空");
        m.version = text_field("version", true, "清单缺少 version（如 \"1.0.0\"）");
        if (!m.version.empty() && !is_version(m.version))
            error(at("version"), "version \"" + m.version + "\" 不合法：应形如 \"1.2.3\"");
        m.description = text_field("description", false, "");
    }

    void check_settings() {
        const auto it = v_.find("settings");
        if (it == v_.end()) return;
        if (!it->is_object()) {
            if (!(it->is_array() && it->empty()))
                error(at("settings"), "settings 必须是表：{ 设置id = { type = …, label = … } }");
            return;
        }
        for (const auto& [id, spec] : it->items()) check_setting(id, spec);
    }

    void check_setting(const std::string& id, const json& spec) {
        const int found = find_line(id);
        const int line = found ? found : at("settings");
        const std::string where = "设置 " + id + "：";
        if (!is_valid_id(id)) {
            error(line, "设置 id \"" + id + "\" 不合法：只能用小写字母、数字和下划线，并以字母开头");
            return;
        }
        if (!spec.is_object()) {
            error(line, where + "应是表 { type = …, label = … }");
            return;
        }
        SettingSpec s;
        s.id = id;
        if (!spec.contains("type") || !spec["type"].is_string() ||
            !kSettingTypes.count(spec["type"].get<std::string>())) {
            error(line, where + "type 必须是 number、integer、string、bool 或 select 之一");
            return;
        }
        s.type = spec["type"].get<std::string>();
        if (!spec.contains("label") || !spec["label"].is_string() ||
            spec["label"].get<std::string>().empty())
            error(line, where + "缺少 label（显示给用户的中文名称）");
        else
            s.label = spec["label"].get<std::string>();
        for (const char* bound : {"min", "max"}) {
            if (!spec.contains(bound)) continue;
            if (s.type != "number" && s.type != "integer")
                error(line, where + bound + " 只适用于 number 和 integer 类型");
            else if (!spec[bound].is_number())
                error(line, where + bound + " 必须是数字");
            else
                (std::string(bound) == "min" ? s.min : s.max) = spec[bound].get<double>();
        }
        if (s.min && s.max && *s.min > *s.max) error(line, where + "min 大于 max");
        if (spec.contains("options")) {
            if (s.type != "select") {
                error(line, where + "options 只适用于 select 类型");
            } else if (!spec["options"].is_array() || spec["options"].empty()) {
                error(line, where + "options 必须是非空的字符串列表");
            } else {
                for (const json& o : spec["options"]) {
                    if (!o.is_string()) {
                        error(line, where + "options 只能包含字符串");
                        break;
                    }
                    if (std::count(s.options.begin(), s.options.end(), o.get<std::string>()))
                        error(line, where + "选项 " + o.get<std::string>() + " 重复");
                    s.options.push_back(o.get<std::string>());
                }
            }
        } else if (s.type == "select") {
            error(line, where + "select 类型需要 options 列表");
        }
        if (spec.contains("default")) {
            s.default_value = spec["default"];
            check_default(s, line, where);
        }
        for (const auto& [key, _] : spec.items())
            if (key != "type" && key != "label" && key != "default" && key != "min" &&
                key != "max" && key != "options" && key != "help")
                warn(line, where + "未知字段 " + key + "（将被忽略）");
        out_.manifest.settings.push_back(std::move(s));
    }

    void check_default(const SettingSpec& s, int line, const std::string& where) {
        const json& d = s.default_value;
        bool ok = true;
        if (s.type == "number") ok = d.is_number();
        else if (s.type == "integer") ok = d.is_number_integer();
        else if (s.type == "bool") ok = d.is_boolean();
        else if (s.type == "string") ok = d.is_string();
        else if (s.type == "select")
            ok = d.is_string() && std::count(s.options.begin(), s.options.end(), d.get<std::string>());
        if (!ok) {
            error(line, where + "default 与类型 " + s.type + " 不符" +
                            (s.type == "select" ? "（必须是 options 之一）" : ""));
            return;
        }
        if (d.is_number()) {
            const double x = d.get<double>();
            if ((s.min && x < *s.min) || (s.max && x > *s.max))
                error(line, where + "default 超出 min/max 范围");
        }
    }

    void check_depends() {
        const auto it = v_.find("depends");
        if (it == v_.end()) return;
        const bool empty_table = it->is_object() && it->empty();  // Lua {} reads as {}
        if (!it->is_array() && !empty_table) {
            error(at("depends"), "depends 必须是插件 id 的列表，如 { \"orglife\" }");
            return;
        }
        for (const json& d : *it) {
            if (!d.is_string() || !is_valid_id(d.get<std::string>())) {
                error(at("depends"), "depends 只能包含插件 id（小写字母、数字和下划线）");
                continue;
            }
            const std::string id = d.get<std::string>();
            if (id == out_.manifest.id)
                error(at("depends"), "插件不能依赖它自己");
            else if (std::count(out_.manifest.depends.begin(), out_.manifest.depends.end(), id))
                error(at("depends"), "depends 中插件 " + id + " 出现了两次");
            else
                out_.manifest.depends.push_back(id);
        }
    }

    void check_files() {
        std::set<std::string> seen;
        for (const RegistrationKind& kind : kRegistrationKinds) {
            std::vector<std::string> list;
            const auto it = v_.find(kind.list);
            if (it != v_.end()) {
                const bool empty_table = it->is_object() && it->empty();  // Lua {} reads as {}
                if (!it->is_array() && !empty_table) {
                    error(at(kind.list), std::string(kind.list) + " 必须是文件列表，如 { \"" +
                                             kind.list + ".lua\" }");
                    continue;
                }
                for (const json& f : *it) {
                    if (!f.is_string()) {
                        error(at(kind.list), std::string(kind.list) + " 只能包含文件路径字符串");
                        continue;
                    }
                    const std::string path = f.get<std::string>();
                    const int line = find_line(path, true);
                    if (!is_safe_relpath(path) || path.size() < 5 ||
                        path.compare(path.size() - 4, 4, ".lua") != 0)
                        error(line, "文件 \"" + path +
                                        "\" 不合法：应是插件目录内的相对路径并以 .lua 结尾");
                    else if (!seen.insert(path).second)
                        error(line, "文件 " + path + " 被列出了两次");
                    else
                        list.push_back(path);
                }
            }
            out_.manifest.files.emplace_back(kind.list, std::move(list));
        }
    }

    // member_flags = { "生活困难", { name = "老党员", help = "…" }, … }
    void check_member_flags() {
        const auto it = v_.find("member_flags");
        if (it == v_.end()) return;
        const int line = at("member_flags");
        if (!it->is_array()) {
            error(line, "member_flags 必须是标记列表，如 { \"生活困难\", { name = \"老党员\", help = \"…\" } }");
            return;
        }
        std::set<std::string> seen;
        for (const auto& f : *it) {
            MemberFlagSpec spec;
            if (f.is_string()) {
                spec.name = f.get<std::string>();
            } else if (f.is_object() && f.contains("name") && f["name"].is_string()) {
                spec.name = f["name"].get<std::string>();
                if (f.contains("help") && f["help"].is_string()) spec.help = f["help"].get<std::string>();
                for (const auto& [key, _] : f.items())
                    if (key != "name" && key != "help") warn(line, "member_flags 中未知的字段 " + key + "（将被忽略）");
            } else {
                error(line, "member_flags 的每一项应为标记文字，或 { name = …, help = … }");
                continue;
            }
            // The member register keeps flags of at most 20 characters.
            std::size_t chars = 0;
            for (unsigned char c : spec.name) chars += (c & 0xC0) != 0x80;
            if (spec.name.empty() || chars > 20) {
                error(line, "member_flags 的标记「" + spec.name + "」为空或过长（最多 20 个字）");
                continue;
            }
            if (!seen.insert(spec.name).second) {
                error(line, "member_flags 中的标记「" + spec.name + "」重复");
                continue;
            }
            out_.manifest.member_flags.push_back(std::move(spec));
        }
    }

    void check_unknown() {
        static const std::set<std::string> known = {
            "id", "name", "version", "api", "description", "settings", "forms",
            "indicators", "checklists", "reminders", "assessment", "author", "member_flags",
            "depends"};
        for (const auto& [key, _] : v_.items())
            if (!known.count(key)) warn(at(key), "未知的清单字段 " + key + "（将被忽略）");
    }

    const json& v_;
    std::string_view src_;
    ManifestCheck out_;
    int lookups_ = 0;
};

}  // namespace

ManifestCheck check_manifest(const json& value, std::string_view source) {
    ManifestCheck out = Checker(value, source).run();
    std::sort(out.manifest.settings.begin(), out.manifest.settings.end(),
              [](const SettingSpec& a, const SettingSpec& b) { return a.id < b.id; });
    return out;
}

}  // namespace dj::lua
