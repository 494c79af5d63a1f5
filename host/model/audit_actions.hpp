#pragma once
// What the audit log's action ids (member.update, submission.withdraw …) mean, in the words a
// reader of the log uses. One table for every front-end and export.
#include <string>
#include <string_view>

#include "model/roles.hpp"

namespace dj {

// 修改党员信息 for member.update; an id the table does not know comes back as it is.
std::string audit_action_label(std::string_view action);

// A field name of an entry's before/after JSON as a reader would call it (name → 名称);
// names the table does not know (a form's own field ids) come back as they are.
std::string audit_field_label(std::string_view key);

// A value of that field as a reader would call it (state submitted → 已报送); other values
// come back as they are.
std::string audit_value_label(std::string_view key, std::string_view value);

// An entry's object as a reader would call it (rectification:573 → 整改事项 573); a kind the
// table does not know comes back as it is.
std::string audit_target_label(std::string_view target);

}  // namespace dj
