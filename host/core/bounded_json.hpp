#pragma once
// Parsing JSON that comes from outside (CLI files, --settings, the HTTP API, stored values)
// within bounds on size and nesting depth. nlohmann's dump() and SQLite's json_valid() recurse
// (or give up) on deep nesting: a 70,000-level array crashed `form submit`, a 2,000-level one
// reached the user as raw SQL. The text is scanned first, without recursion or allocation,
// so nothing deeper or larger than the bounds is ever built.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dj {

struct JsonBounds {
    std::size_t max_bytes = 1u << 20;  // 1 MB: a form's values, settings
    std::size_t max_depth = 64;        // as for values converted from Lua (lua/lua_json.hpp)
};

// Why `text` lies outside the bounds ("「填报内容」嵌套超过 64 层"), naming `what`; nullopt
// when it is within them (it may still not be valid JSON).
std::optional<std::string> json_bounds_problem(std::string_view text, std::string_view what, JsonBounds bounds = {});

// Parses `text`; throws dj::UserError naming `what` when it is too large, too deep or not
// JSON at all. Never an internal error for any input.
nlohmann::json parse_json_bounded(std::string_view text, std::string_view what, JsonBounds bounds = {});

// The nesting depth of a value already built (0 for a scalar), without recursion.
std::size_t json_depth(const nlohmann::json& value);

}  // namespace dj
