#pragma once
// Text as offices save it: UTF-8 (with or without BOM) or GBK/GB18030, which Excel on a
// Chinese Windows writes for "CSV (逗号分隔)".
#include <string>
#include <string_view>

#include "core/utf8.hpp"  // utf8_length, for the callers that count 字

namespace dj {

bool is_valid_utf8(std::string_view bytes);

// Returns UTF-8 text without BOM. Tries UTF-8 first, then GB18030 (a superset of GBK)
// through iconv. `detected`, if given, receives "UTF-8", "UTF-8 BOM" or "GB18030".
// Throws UserError (文件编码无法识别…) when neither decodes.
std::string decode_office_text(std::string_view bytes, std::string* detected = nullptr);

}  // namespace dj
