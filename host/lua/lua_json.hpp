#pragma once
// Lua values <-> nlohmann::json, the currency between plugins and the rest of the host.
//   Lua → JSON: a table whose keys are exactly 1..n is an array, any other table an
//   object (integer keys become decimal strings); integers stay integers, floats stay
//   floats; NaN/inf, functions, userdata, threads, cycles and too-deep nesting are
//   refused with a Chinese message naming the path ("fields[3].visible_if").
//   JSON → Lua: arrays are 1-based sequences, objects tables, null is nil.
#include <lua.hpp>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "lua/plugin_error.hpp"

namespace dj::lua {

class JsonError : public dj::UserError {
public:
    explicit JsonError(const std::string& message, ErrorKind kind = ErrorKind::error)
        : dj::UserError(message), kind_(kind) {}
    // memory or timeout when the conversion itself hit the plugin's limits.
    ErrorKind kind() const { return kind_; }

private:
    ErrorKind kind_;
};

enum class EmptyTable { object, array };

struct ToJsonOptions {
    int max_depth = 64;
    // Drop function-valued fields (null in arrays) instead of refusing them: how a
    // registered form becomes data for the GUI.
    bool skip_functions = false;
    EmptyTable empty_table = EmptyTable::object;
};

// Reads the value at `idx`. Raw access only (no metamethod runs) and no Lua API call
// that can raise, so it is safe outside the budget and outside protected mode.
// What it builds is charged as it is built: its estimated size counts against the
// sandbox's memory cap (with what the sandbox already holds), each value against the
// running call's budget and deadline. A table reached twice (shared, not a cycle) is
// expanded, and counted, twice. Throws JsonError (kind memory/timeout at a limit; the
// call is then doomed).
nlohmann::json to_json(lua_State* L, int idx, const ToJsonOptions& options = {});

// Pushes `value`. Allocates: call in protected mode (Sandbox::host). Raises a Lua error
// when nested deeper than max_depth.
void push_json(lua_State* L, const nlohmann::json& value, int max_depth = 64);

// True if `text` is well-formed UTF-8 (what JSON text must be).
bool is_valid_utf8(std::string_view text);

// Text a plugin wrote (print, error) made safe to show anywhere: control characters
// (C0, DEL, C1: what terminals act on) become visible escapes such as \x1b or \n,
// invalid UTF-8 becomes U+FFFD. The result is valid UTF-8 and paints nothing.
std::string printable_text(std::string_view text);

}  // namespace dj::lua
