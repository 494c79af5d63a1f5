#pragma once
// The one exception every failure inside a plugin becomes, so front-ends can show
// "插件 care：forms/visit.lua:12: 运行超时（…）" and carry on with the other plugins.
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace dj::lua {

enum class ErrorKind {
    error,      // the plugin's own error() or a Lua runtime error
    syntax,     // a file that does not compile
    timeout,    // instruction budget or processor-time safety net exhausted
    memory,     // the sandbox's memory cap was hit
    forbidden,  // the plugin tried something the sandbox refuses (io, __gc, "..", …)
};

// "error", "syntax", … (stable, for logs and tests).
const char* kind_name(ErrorKind kind);

class PluginError : public dj::UserError {
public:
    // `message` is the bare Chinese text; what() prefixes plugin id, file and line.
    PluginError(std::string plugin_id, ErrorKind kind, std::string file, int line,
                std::string message, std::string traceback = {});

    const std::string& plugin_id() const { return plugin_id_; }
    ErrorKind kind() const { return kind_; }
    const std::string& file() const { return file_; }  // plugin-relative, may be empty
    int line() const { return line_; }                 // 0 if unknown
    const std::string& message() const { return message_; }
    // For logs only: never shown to the plugin, never to end users by default.
    const std::string& traceback() const { return traceback_; }

private:
    std::string plugin_id_;
    ErrorKind kind_;
    std::string file_;
    int line_;
    std::string message_;
    std::string traceback_;
};

// "插件 care：forms/visit.lua:12: 消息" (parts left out when unknown).
std::string format_plugin_error(std::string_view plugin_id, std::string_view file, int line,
                                std::string_view message);

}  // namespace dj::lua
