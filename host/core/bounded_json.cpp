#include "core/bounded_json.hpp"

#include <vector>

#include "core/errors.hpp"

namespace dj {

namespace {

std::string named(std::string_view what) { return "「" + std::string(what) + "」"; }

std::string size_text(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KB";
    return std::to_string(bytes) + " 字节";
}

}  // namespace

std::optional<std::string> json_bounds_problem(std::string_view text, std::string_view what, JsonBounds bounds) {
    if (text.size() > bounds.max_bytes)
        return named(what) + "过大（" + size_text(text.size()) + "），最多 " + size_text(bounds.max_bytes);
    // Brackets inside strings do not count; an escaped quote does not end a string.
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > bounds.max_depth)
                return named(what) + "嵌套超过 " + std::to_string(bounds.max_depth) + " 层，不能处理";
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

nlohmann::json parse_json_bounded(std::string_view text, std::string_view what, JsonBounds bounds) {
    if (auto why = json_bounds_problem(text, what, bounds)) throw UserError(*why);
    auto value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) throw UserError(named(what) + "不是有效的 JSON");
    return value;
}

std::size_t json_depth(const nlohmann::json& value) {
    std::size_t deepest = 0;
    std::vector<std::pair<const nlohmann::json*, std::size_t>> todo{{&value, 0}};
    while (!todo.empty()) {
        auto [v, d] = todo.back();
        todo.pop_back();
        if (!v->is_structured()) continue;
        deepest = std::max(deepest, d + 1);
        for (const auto& child : *v) todo.emplace_back(&child, d + 1);
    }
    return deepest;
}

}  // namespace dj
