#pragma once
// Checks every free-text value a user gives goes through (form fields, member names and
// posts), and the short excerpt a message may quote. Control characters and terminal escape
// sequences would rewrite what the next person's terminal or spreadsheet shows; a message
// that echoes a 300 KB value buries the problem it names.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dj {

// At most `max_chars` characters of `text` (whole UTF-8 characters), then "…" when cut;
// control characters shown as "?", so the excerpt itself is safe to print.
std::string excerpt(std::string_view text, std::size_t max_chars = 20);

// What is wrong with the characters of `text` ("含有控制字符（第 3 个字）"), or nullopt.
// Refused: invalid UTF-8, C0 controls (NUL, ESC …) except tab and line breaks in
// multi-line text, DEL, C1 controls (U+0080–U+009F, CSI among them) and the bidirectional
// overrides that make text read differently from how it is stored.
std::optional<std::string> text_characters_problem(std::string_view text, bool multiline);

// Throws dj::UserError naming `what` ("退回意见过长（最多 2000 个字）", "整改事项含有控制字符…")
// when `text` is longer than `max_chars` characters or has characters refused above.
void require_plain_text(std::string_view text, std::string_view what, std::size_t max_chars, bool multiline);

}  // namespace dj
