#pragma once
// Every string the interface itself draws is written in place as ZH("…"). Each distinct
// literal registers itself in one list before main() runs (a static member of a class
// template instantiated per literal), so the font atlas built before the first frame already
// holds every glyph of every UI string, wherever in ui/ it is written. Data (org names,
// member names, messages from the service) is registered when it arrives; see glyphs.hpp.
//
//     ui::text(ZH("党员名册"));
//     ui::textf(ZH("共 %zu 名党员"), n);
#include <algorithm>
#include <cstddef>
#include <vector>

namespace dj::ui {

// The UI strings registered so far (all of them, once main() runs).
std::vector<const char*>& static_strings();

namespace detail {

template <std::size_t N>
struct Literal {
    char data[N];
    constexpr Literal(const char (&s)[N]) { std::copy_n(s, N, data); }
};

struct Registrar {
    const char* text;
    explicit Registrar(const char* t) : text(t) { static_strings().push_back(t); }
};

template <Literal L>
struct Registered {
    static inline const Registrar reg{L.data};
};

template <Literal L>
const char* zh() {
    return Registered<L>::reg.text;
}

}  // namespace detail
}  // namespace dj::ui

#define ZH(s) (::dj::ui::detail::zh<::dj::ui::detail::Literal{s}>())
