#pragma once
// The manifest plugin.lua returns, checked field by field. Every problem is collected
// (the lint wants them all) with the line of plugin.lua it most likely refers to.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dj::lua {

inline constexpr int kHostApi = 1;  // the plugin contract version this host honours

// The registration functions and the manifest lists of files that use them, in the
// order files are loaded.
struct RegistrationKind {
    const char* name;   // global function and Registration::kind: "form"
    const char* list;   // manifest key: "forms"
    const char* label;  // for messages: "表单"
};
inline constexpr RegistrationKind kRegistrationKinds[] = {
    {"form", "forms", "表单"},
    {"indicator", "indicators", "指标"},
    {"checklist", "checklists", "检查清单"},
    {"reminder", "reminders", "提醒"},
    {"assessment", "assessment", "考核"},
};
const RegistrationKind* find_kind(std::string_view name);

struct Problem {
    std::string file;  // plugin-relative
    int line = 0;      // 0 if unknown
    std::string message;
    bool warning = false;  // reported by the lint, but does not stop loading
    std::string text() const;  // "plugin.lua:3: message"
};

struct SettingSpec {
    std::string id;
    std::string type;  // number | integer | string | bool | select
    std::string label;
    nlohmann::json default_value;  // null when not given
    std::optional<double> min, max;
    std::vector<std::string> options;  // select only
};

// A member flag (党员标记) the plugin's rules read, e.g. 生活困难: offered to offices as a
// checkbox and a filter on the member register (manifest `member_flags`).
struct MemberFlagSpec {
    std::string name;
    std::string help;
};

struct Manifest {
    std::string id;
    std::string name;
    std::string version;
    std::string description;
    int api = 0;
    std::vector<SettingSpec> settings;  // sorted by id
    std::vector<MemberFlagSpec> member_flags;  // in the order declared
    // Plugins whose forms or indicators this one reads: they load first, and this one is
    // refused without them and may be enabled only where they are.
    std::vector<std::string> depends;
    // One list per kind, in kRegistrationKinds order: (list key, relative paths).
    std::vector<std::pair<std::string, std::vector<std::string>>> files;
    nlohmann::json data;  // the manifest as plain data, for the GUI and the database
};

struct ManifestCheck {
    Manifest manifest;
    std::vector<Problem> problems;  // errors and warnings
    bool api_refused = false;       // api missing, not an integer or not kHostApi
    std::string refusal;            // the first error, or the api reason
    bool ok() const { return refusal.empty(); }
};

// `value`: what plugin.lua returned, as JSON. `source`: plugin.lua's text (for lines).
ManifestCheck check_manifest(const nlohmann::json& value, std::string_view source);

// The first line of `source` mentioning `needle` as a field (`needle =`) or, with
// quoted, as a quoted string; 0 if none. Points people at the right manifest line.
int line_of(std::string_view source, std::string_view needle, bool quoted = false);

// [a-z][a-z0-9_]*, at most 64 bytes: plugin ids, registration ids, setting ids.
bool is_valid_id(std::string_view id);

}  // namespace dj::lua
