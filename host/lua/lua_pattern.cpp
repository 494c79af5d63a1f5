#include "lua/lua_pattern.hpp"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "lua/lua_runtime.hpp"

// The matcher below follows the structure of Lua 5.4's lstrlib.c (MIT licence) so that
// results and error messages are identical; what it adds is the step accounting.
// Plain C style on purpose: Lua errors longjmp out of these frames.

namespace dj::lua {

namespace {

constexpr int kMaxCaptures = 32;
constexpr int kMaxMatchDepth = 200;  // as MAXCCALLS in lstrlib: "pattern too complex"
constexpr std::ptrdiff_t kCapUnfinished = -1;
constexpr std::ptrdiff_t kCapPosition = -2;
constexpr char kEsc = '%';
constexpr const char* kSpecials = "^$*+?.([%-";
constexpr std::int64_t kFlushEvery = 4096;  // steps between two budget checks

struct Capture {
    const char* init;
    std::ptrdiff_t len;
};

struct MatchState {
    const char* src_init;
    const char* src_end;
    const char* p_end;
    lua_State* L;
    int matchdepth;
    int level;
    std::int64_t steps;  // not yet charged
    Capture capture[kMaxCaptures];
};

void flush(MatchState* ms) {
    const std::int64_t steps = ms->steps;
    ms->steps = 0;
    charge(ms->L, steps);
}

inline void step(MatchState* ms, std::int64_t n = 1) {
    ms->steps += n;
    if (ms->steps >= kFlushEvery) flush(ms);
}

inline int uchar(char c) { return static_cast<unsigned char>(c); }

const char* match(MatchState* ms, const char* s, const char* p);

int check_capture(MatchState* ms, int l) {
    l -= '1';
    if (l < 0 || l >= ms->level || ms->capture[l].len == kCapUnfinished)
        return luaL_error(ms->L, "invalid capture index %%%d", l + 1);
    return l;
}

int capture_to_close(MatchState* ms) {
    int level = ms->level;
    for (level--; level >= 0; level--)
        if (ms->capture[level].len == kCapUnfinished) return level;
    return luaL_error(ms->L, "invalid pattern capture");
}

const char* class_end(MatchState* ms, const char* p) {
    switch (*p++) {
    case kEsc:
        if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return p + 1;
    case '[': {
        const char* open = p;
        if (*p == '^') p++;
        do {  // look for a ']'; the first character is literal
            if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
            if (*(p++) == kEsc && p < ms->p_end) p++;
        } while (*p != ']');
        // A bracket class is scanned again at every position it is tried: a long one
        // costs in proportion to its length, not one step.
        step(ms, (p - open) >> 5);
        return p + 1;
    }
    default:
        return p;
    }
}

int match_class(int c, int cl) {
    int res;
    switch (std::tolower(cl)) {
    case 'a': res = std::isalpha(c); break;
    case 'c': res = std::iscntrl(c); break;
    case 'd': res = std::isdigit(c); break;
    case 'g': res = std::isgraph(c); break;
    case 'l': res = std::islower(c); break;
    case 'p': res = std::ispunct(c); break;
    case 's': res = std::isspace(c); break;
    case 'u': res = std::isupper(c); break;
    case 'w': res = std::isalnum(c); break;
    case 'x': res = std::isxdigit(c); break;
    case 'z': res = (c == 0); break;  // deprecated in 5.4, still accepted
    default: return cl == c;
    }
    if (std::isupper(cl)) res = !res;
    return res;
}

int match_bracket_class(int c, const char* p, const char* ec) {
    int sig = 1;
    if (*(p + 1) == '^') {
        sig = 0;
        p++;
    }
    while (++p < ec) {
        if (*p == kEsc) {
            p++;
            if (match_class(c, uchar(*p))) return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if (uchar(*(p - 2)) <= c && c <= uchar(*p)) return sig;
        } else if (uchar(*p) == c) {
            return sig;
        }
    }
    return !sig;
}

int single_match(MatchState* ms, const char* s, const char* p, const char* ep) {
    if (s >= ms->src_end) return 0;
    const int c = uchar(*s);
    switch (*p) {
    case '.': return 1;
    case kEsc: return match_class(c, uchar(*(p + 1)));
    case '[':
        step(ms, (ep - p) >> 5);  // the class is scanned once more for this character
        return match_bracket_class(c, p, ep - 1);
    default: return uchar(*p) == c;
    }
}

const char* match_balance(MatchState* ms, const char* s, const char* p) {
    if (p >= ms->p_end - 1) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return nullptr;
    const int b = *p;
    const int e = *(p + 1);
    int cont = 1;
    const char* start = s;
    while (++s < ms->src_end) {
        if (*s == e) {
            if (--cont == 0) {
                step(ms, (s - start) / 16 + 1);
                return s + 1;
            }
        } else if (*s == b) {
            cont++;
        }
    }
    step(ms, (s - start) / 16 + 1);
    return nullptr;
}

const char* max_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
    std::ptrdiff_t i = 0;
    while (single_match(ms, s + i, p, ep)) {
        i++;
        step(ms);
    }
    while (i >= 0) {  // try the longest repetition first
        const char* res = match(ms, s + i, ep + 1);
        if (res != nullptr) return res;
        i--;
    }
    return nullptr;
}

const char* min_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
    for (;;) {
        const char* res = match(ms, s, ep + 1);
        if (res != nullptr) return res;
        if (!single_match(ms, s, p, ep)) return nullptr;
        s++;
        step(ms);
    }
}

const char* start_capture(MatchState* ms, const char* s, const char* p, std::ptrdiff_t what) {
    const int level = ms->level;
    if (level >= kMaxCaptures) luaL_error(ms->L, "too many captures");
    ms->capture[level].init = s;
    ms->capture[level].len = what;
    ms->level = level + 1;
    const char* res = match(ms, s, p);
    if (res == nullptr) ms->level--;
    return res;
}

const char* end_capture(MatchState* ms, const char* s, const char* p) {
    const int l = capture_to_close(ms);
    ms->capture[l].len = s - ms->capture[l].init;
    const char* res = match(ms, s, p);
    if (res == nullptr) ms->capture[l].len = kCapUnfinished;
    return res;
}

const char* match_capture(MatchState* ms, const char* s, int l) {
    l = check_capture(ms, l);
    const std::size_t len = static_cast<std::size_t>(ms->capture[l].len);
    step(ms, static_cast<std::int64_t>(len / 16));
    if (static_cast<std::size_t>(ms->src_end - s) >= len &&
        std::memcmp(ms->capture[l].init, s, len) == 0)
        return s + len;
    return nullptr;
}

const char* match(MatchState* ms, const char* s, const char* p) {
    if (ms->matchdepth-- == 0) luaL_error(ms->L, "pattern too complex");
    step(ms);
init:
    if (p != ms->p_end) {
        switch (*p) {
        case '(':
            if (*(p + 1) == ')')
                s = start_capture(ms, s, p + 2, kCapPosition);
            else
                s = start_capture(ms, s, p + 1, kCapUnfinished);
            break;
        case ')':
            s = end_capture(ms, s, p + 1);
            break;
        case '$':
            if (p + 1 != ms->p_end) goto dflt;
            s = (s == ms->src_end) ? s : nullptr;
            break;
        case kEsc:
            switch (*(p + 1)) {
            case 'b':
                s = match_balance(ms, s, p + 2);
                if (s != nullptr) {
                    p += 4;
                    goto init;
                }
                break;
            case 'f': {
                p += 2;
                if (*p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
                const char* ep = class_end(ms, p);
                const char previous = (s == ms->src_init) ? '\0' : *(s - 1);
                step(ms, (ep - p) >> 4);  // two scans of the class below
                if (!match_bracket_class(uchar(previous), p, ep - 1) &&
                    match_bracket_class(uchar(*s), p, ep - 1)) {
                    p = ep;
                    goto init;
                }
                s = nullptr;
                break;
            }
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
                s = match_capture(ms, s, uchar(*(p + 1)));
                if (s != nullptr) {
                    p += 2;
                    goto init;
                }
                break;
            default:
                goto dflt;
            }
            break;
        default:
        dflt: {
            const char* ep = class_end(ms, p);  // points to the optional suffix
            if (!single_match(ms, s, p, ep)) {
                if (*ep == '*' || *ep == '?' || *ep == '-') {  // accepts empty
                    p = ep + 1;
                    goto init;
                }
                s = nullptr;
            } else {
                switch (*ep) {
                case '?': {
                    const char* res = match(ms, s + 1, ep + 1);
                    if (res != nullptr) {
                        s = res;
                    } else {
                        p = ep + 1;
                        goto init;
                    }
                    break;
                }
                case '+':
                    s++;
                    [[fallthrough]];
                case '*':
                    s = max_expand(ms, s, p, ep);
                    break;
                case '-':
                    s = min_expand(ms, s, p, ep);
                    break;
                default:
                    s++;
                    p = ep;
                    step(ms);
                    goto init;
                }
            }
            break;
        }
        }
    }
    ms->matchdepth++;
    return s;
}

std::size_t get_onecapture(MatchState* ms, int i, const char* s, const char* e,
                           const char** cap) {
    if (i >= ms->level) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        *cap = s;
        return static_cast<std::size_t>(e - s);
    }
    const std::ptrdiff_t capl = ms->capture[i].len;
    *cap = ms->capture[i].init;
    if (capl == kCapUnfinished) luaL_error(ms->L, "unfinished capture");
    if (capl == kCapPosition) lua_pushinteger(ms->L, (ms->capture[i].init - ms->src_init) + 1);
    return static_cast<std::size_t>(capl);
}

void push_onecapture(MatchState* ms, int i, const char* s, const char* e) {
    const char* cap;
    const std::size_t l = get_onecapture(ms, i, s, e, &cap);
    if (l != static_cast<std::size_t>(kCapPosition)) lua_pushlstring(ms->L, cap, l);
}

int push_captures(MatchState* ms, const char* s, const char* e) {
    const int nlevels = (ms->level == 0 && s != nullptr) ? 1 : ms->level;
    luaL_checkstack(ms->L, nlevels, "too many captures");
    for (int i = 0; i < nlevels; i++) push_onecapture(ms, i, s, e);
    return nlevels;
}

bool no_specials(const char* p, std::size_t l) {
    std::size_t upto = 0;
    do {  // strpbrk stops at embedded zeros: go on after each
        if (std::strpbrk(p + upto, kSpecials)) return false;
        upto += std::strlen(p + upto) + 1;
    } while (upto <= l);
    return true;
}

void prep_state(MatchState* ms, lua_State* L, const char* s, std::size_t ls, const char* p,
                std::size_t lp) {
    ms->L = L;
    ms->matchdepth = kMaxMatchDepth;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->steps = 0;
    ms->level = 0;
}

void reprep_state(MatchState* ms) {
    ms->level = 0;
    ms->matchdepth = kMaxMatchDepth;
}

std::size_t posrelat_start(lua_Integer pos, std::size_t len) {
    if (pos > 0) return static_cast<std::size_t>(pos);
    if (pos == 0) return 1;
    if (pos < -static_cast<lua_Integer>(len)) return 1;
    return len + static_cast<std::size_t>(pos) + 1;
}

int str_find_aux(lua_State* L, bool find) {
    std::size_t ls, lp;
    const char* s = luaL_checklstring(L, 1, &ls);
    const char* p = luaL_checklstring(L, 2, &lp);
    const std::size_t init = posrelat_start(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
        // glibc memmem is linear (two-way), so charging the span bounds the work.
        charge(L, static_cast<std::int64_t>((ls - init + lp) / 16 + 1));
        const void* hit = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
        if (hit != nullptr) {
            const char* s2 = static_cast<const char*>(hit);
            lua_pushinteger(L, (s2 - s) + 1);
            lua_pushinteger(L, (s2 - s) + static_cast<lua_Integer>(lp));
            return 2;
        }
    } else {
        MatchState ms;
        const char* s1 = s + init;
        const bool anchor = (*p == '^');
        if (anchor) {
            p++;
            lp--;
        }
        prep_state(&ms, L, s, ls, p, lp);
        do {
            reprep_state(&ms);
            const char* res = match(&ms, s1, p);
            if (res != nullptr) {
                flush(&ms);
                if (find) {
                    lua_pushinteger(L, (s1 - s) + 1);
                    lua_pushinteger(L, res - s);
                    return push_captures(&ms, nullptr, nullptr) + 2;
                }
                return push_captures(&ms, s1, res);
            }
        } while (s1++ < ms.src_end && !anchor);
        flush(&ms);
    }
    luaL_pushfail(L);
    return 1;
}

int str_find(lua_State* L) { return str_find_aux(L, true); }
int str_match(lua_State* L) { return str_find_aux(L, false); }

struct GMatchState {
    const char* src;
    const char* p;
    const char* lastmatch;
    MatchState ms;
};

int gmatch_aux(lua_State* L) {
    auto* gm = static_cast<GMatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
    gm->ms.L = L;
    gm->ms.steps = 0;
    for (const char* src = gm->src; src <= gm->ms.src_end; src++) {
        reprep_state(&gm->ms);
        const char* e = match(&gm->ms, src, gm->p);
        if (e != nullptr && e != gm->lastmatch) {
            gm->src = gm->lastmatch = e;
            flush(&gm->ms);
            return push_captures(&gm->ms, src, e);
        }
    }
    flush(&gm->ms);
    return 0;
}

int str_gmatch(lua_State* L) {
    std::size_t ls, lp;
    const char* s = luaL_checklstring(L, 1, &ls);
    const char* p = luaL_checklstring(L, 2, &lp);
    std::size_t init = posrelat_start(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);  // the closure keeps both strings alive
    auto* gm = static_cast<GMatchState*>(lua_newuserdatauv(L, sizeof(GMatchState), 0));
    if (init > ls) init = ls + 1;
    prep_state(&gm->ms, L, s, ls, p, lp);
    gm->src = s + init;
    gm->p = p;
    gm->lastmatch = nullptr;
    lua_pushcclosure(L, gmatch_aux, 3);
    return 1;
}

void add_s(MatchState* ms, luaL_Buffer* b, const char* s, const char* e) {
    std::size_t l;
    lua_State* L = ms->L;
    const char* news = lua_tolstring(L, 3, &l);
    step(ms, static_cast<std::int64_t>(l / 16));
    const char* p;
    while ((p = static_cast<const char*>(std::memchr(news, kEsc, l))) != nullptr) {
        luaL_addlstring(b, news, static_cast<std::size_t>(p - news));
        p++;  // skip the escape
        if (*p == kEsc) {
            luaL_addchar(b, *p);
        } else if (*p == '0') {
            luaL_addlstring(b, s, static_cast<std::size_t>(e - s));
        } else if (std::isdigit(uchar(*p))) {
            const char* cap;
            const std::size_t resl = get_onecapture(ms, *p - '1', s, e, &cap);
            if (resl == static_cast<std::size_t>(kCapPosition))
                luaL_addvalue(b);
            else
                luaL_addlstring(b, cap, resl);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", kEsc);
        }
        l -= static_cast<std::size_t>(p + 1 - news);
        news = p + 1;
    }
    luaL_addlstring(b, news, l);
}

int add_value(MatchState* ms, luaL_Buffer* b, const char* s, const char* e, int tr) {
    lua_State* L = ms->L;
    switch (tr) {
    case LUA_TFUNCTION: {
        lua_pushvalue(L, 3);
        const int n = push_captures(ms, s, e);
        lua_call(L, n, 1);  // plugin code: counted by the hook
        break;
    }
    case LUA_TTABLE:
        push_onecapture(ms, 0, s, e);
        lua_gettable(L, 3);
        break;
    default:
        add_s(ms, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {  // nil or false keeps the original text
        lua_pop(L, 1);
        luaL_addlstring(b, s, static_cast<std::size_t>(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

int str_gsub(lua_State* L) {
    std::size_t srcl, lp;
    const char* src = luaL_checklstring(L, 1, &srcl);
    const char* p = luaL_checklstring(L, 2, &lp);
    const char* lastmatch = nullptr;
    const int tr = lua_type(L, 3);
    const lua_Integer max_s = luaL_optinteger(L, 4, static_cast<lua_Integer>(srcl) + 1);
    const bool anchor = (*p == '^');
    lua_Integer n = 0;
    int changed = 0;
    MatchState ms;
    luaL_Buffer b;
    luaL_argexpected(L,
                     tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
                         tr == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    prep_state(&ms, L, src, srcl, p, lp);
    while (n < max_s) {
        reprep_state(&ms);
        const char* e = match(&ms, src, p);
        if (e != nullptr && e != lastmatch) {
            n++;
            changed = add_value(&ms, &b, src, e, tr) | changed;
            src = lastmatch = e;
        } else if (src < ms.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    flush(&ms);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, static_cast<std::size_t>(ms.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

}  // namespace

void install_pattern_functions(lua_State* L, int string_table) {
    string_table = lua_absindex(L, string_table);
    lua_pushcfunction(L, str_find);
    lua_setfield(L, string_table, "find");
    lua_pushcfunction(L, str_match);
    lua_setfield(L, string_table, "match");
    lua_pushcfunction(L, str_gmatch);
    lua_setfield(L, string_table, "gmatch");
    lua_pushcfunction(L, str_gsub);
    lua_setfield(L, string_table, "gsub");
}

}  // namespace dj::lua
