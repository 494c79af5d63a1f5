#include "lua/plugin_error.hpp"

#include <utility>

#include "lua/lua_json.hpp"

namespace dj::lua {

const char* kind_name(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::error: return "error";
    case ErrorKind::syntax: return "syntax";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::memory: return "memory";
    case ErrorKind::forbidden: return "forbidden";
    }
    return "error";
}

std::string format_plugin_error(std::string_view plugin_id, std::string_view file, int line,
                                std::string_view message) {
    std::string out = "插件 ";
    out += plugin_id;
    out += "：";
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
        }
        out += ": ";
    }
    out += message;
    return out;
}

PluginError::PluginError(std::string plugin_id, ErrorKind kind, std::string file, int line,
                         std::string message, std::string traceback)
    // The message and file may carry a plugin's own text: never let it reach a terminal
    // or a JSON document raw (escape sequences, invalid UTF-8).
    : dj::UserError(format_plugin_error(plugin_id, printable_text(file), line,
                                        printable_text(message))),
      plugin_id_(std::move(plugin_id)),
      kind_(kind),
      file_(printable_text(file)),
      line_(line),
      message_(printable_text(message)),
      traceback_(std::move(traceback)) {}

}  // namespace dj::lua
