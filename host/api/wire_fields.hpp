#pragma once
// The pieces DJ_WIRE (api/wire.cpp) is built from: counting a record's members, so a list
// that forgot one does not compile, and reading one member with its default when it is
// absent and an error that names it when it is required or malformed.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace dj::wire {

// A malformed or missing field of a value on the wire. field() is its path inside the
// value ("attrs.kind"); the HTTP layer prefixes the argument's name and answers 400.
class WireFieldError : public std::runtime_error {
public:
    WireFieldError(std::string field, std::string problem)
        : std::runtime_error("字段「" + field + "」" + problem), field_(std::move(field)), problem_(std::move(problem)) {}
    const std::string& field() const { return field_; }
    const std::string& problem() const { return problem_; }

private:
    std::string field_;
    std::string problem_;
};

// Converts to any member type in an unevaluated brace initialisation: T{AnyField{}, …} is
// well-formed for as many of them as T has members (aggregates only).
struct AnyField {
    template <class T>
    operator T&() const&& noexcept;  // never called: only named in requires-expressions
};

template <class T, std::size_t... I>
constexpr bool brace_initialisable(std::index_sequence<I...>) {
    return requires { T{((void)I, AnyField{})...}; };
}

// The number of members of the aggregate T.
template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
    static_assert(N < 64, "field_count: not an aggregate of fewer than 64 members");
    if constexpr (brace_initialisable<T>(std::make_index_sequence<N + 1>{})) return field_count<T, N + 1>();
    else return N;
}

// The members of T a decoded value must carry; specialised by DJ_WIRE_REQUIRED.
template <class T>
struct Required {
    static bool has(std::string_view) { return false; }
};

// One member: absent (or null for a member that is not optional) leaves it at its default
// unless it is required; present, it must decode.
template <class T>
void read_field(const nlohmann::json& j, const char* name, T& field, bool (*required)(std::string_view)) {
    auto it = j.find(name);
    if (it == j.end() || (it->is_null() && !requires { field.reset(); })) {
        if (required(name)) throw WireFieldError(name, "缺失");
        return;
    }
    try {
        field = it->template get<T>();
    } catch (const WireFieldError& e) {
        throw WireFieldError(std::string(name) + (e.field().empty() ? "" : "." + e.field()), e.problem());
    } catch (const nlohmann::json::exception&) {
        throw WireFieldError(name, "格式不正确");
    }
}

}  // namespace dj::wire
