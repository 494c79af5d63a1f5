#pragma once
// The stable JSON shapes of the service's values: CLI --json output, audit before/after, and
// (later) the HTTP API all use these, so they are documented in the README.
#include <nlohmann/json_fwd.hpp>

#include "service/service.hpp"

namespace dj {

nlohmann::json to_json(const OrgNode& n);
nlohmann::json to_json(const OrgAttributes& a);
nlohmann::json to_json(const Member& m);
nlohmann::json to_json(const MemberInput& m);
nlohmann::json to_json(const UserInfo& u);
nlohmann::json to_json(const Overview& o);
nlohmann::json to_json(const ImportReport& r);
nlohmann::json to_json(const AuditEntry& e);
nlohmann::json to_json(const AuditVerdict& v);
nlohmann::json to_json(const IndicatorInfo& i);
nlohmann::json to_json(const IndicatorValue& v);
nlohmann::json to_json(const Reminder& r);
nlohmann::json to_json(const RectificationItem& r);
nlohmann::json to_json(const EvaluationInfo& e);
nlohmann::json to_json(const AssessmentRow& r);
nlohmann::json to_json(const AssessmentResult& r);
nlohmann::json to_json(const PluginInfo& p);
nlohmann::json to_json(const EffectivePluginInfo& e);
nlohmann::json to_json(const PluginReloadInfo& r);
nlohmann::json to_json(const UnitScriptInfo& s);
nlohmann::json to_json(const SubmissionInfo& s);
nlohmann::json to_json(const DueForm& d);
nlohmann::json to_json(const TodoList& t);
nlohmann::json to_json(const FieldIssue& i);
nlohmann::json to_json(const CompletenessRow& r);
// The reference a record stores for an uploaded file (`form attach`, attachment fields).
nlohmann::json to_json(const AttachmentInfo& a);
nlohmann::json to_json(const IndicatorRefresh& r);

}  // namespace dj
