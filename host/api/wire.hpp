#pragma once
// The HTTP API's JSON form of every value the Service takes or returns: lossless, so a value
// sent by one side comes out equal on the other. Field names are the C++ member names.
// (service/json_codec.hpp is the CLI's --json shape, made for reading, and stays as it is.)
#include <nlohmann/json.hpp>
#include <optional>

#include "service/service.hpp"

namespace nlohmann {
// nlohmann 3.11 has no std::optional support: null is "unset".
template <class T>
struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& v) {
        if (v) j = *v;
        else j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& v) {
        if (j.is_null()) v.reset();
        else v = j.get<T>();
    }
};
}  // namespace nlohmann

namespace dj {

#define DJ_WIRE_DECLARE(Type)                          \
    void to_json(nlohmann::json& j, const Type& v);    \
    void from_json(const nlohmann::json& j, Type& v);

DJ_WIRE_DECLARE(Date)
DJ_WIRE_DECLARE(Role)
DJ_WIRE_DECLARE(OrgType)
DJ_WIRE_DECLARE(Actor)
DJ_WIRE_DECLARE(OrgAttributes)
DJ_WIRE_DECLARE(OrgNode)
DJ_WIRE_DECLARE(MemberInput)
DJ_WIRE_DECLARE(Member)
DJ_WIRE_DECLARE(UserInfo)
DJ_WIRE_DECLARE(AuditCheck)
DJ_WIRE_DECLARE(AuditHead)
DJ_WIRE_DECLARE(DueForm)
DJ_WIRE_DECLARE(TodoList)
DJ_WIRE_DECLARE(Overview)
DJ_WIRE_DECLARE(AuditEntry)
DJ_WIRE_DECLARE(AuditFilter)
DJ_WIRE_DECLARE(AuditVerdict)
DJ_WIRE_DECLARE(UnitScriptInfo)
DJ_WIRE_DECLARE(SubmissionStep)
DJ_WIRE_DECLARE(SubmissionInfo)
DJ_WIRE_DECLARE(AttachmentInfo)
DJ_WIRE_DECLARE(RectificationItem)
DJ_WIRE_DECLARE(NewRectification)
DJ_WIRE_DECLARE(EvaluationVote)
DJ_WIRE_DECLARE(AssessmentLine)
DJ_WIRE_DECLARE(AssessmentArea)
DJ_WIRE_DECLARE(AssessmentRow)
DJ_WIRE_DECLARE(AssessmentResult)
DJ_WIRE_DECLARE(NewUser)
DJ_WIRE_DECLARE(UserChange)
DJ_WIRE_DECLARE(LoginRequest)
DJ_WIRE_DECLARE(SessionInfo)
DJ_WIRE_DECLARE(NewOrg)
DJ_WIRE_DECLARE(OrgChange)
DJ_WIRE_DECLARE(MemberFilter)
DJ_WIRE_DECLARE(ImportProblem)
DJ_WIRE_DECLARE(ImportReport)
DJ_WIRE_DECLARE(MemberFlagInfo)
DJ_WIRE_DECLARE(PluginInfo)
DJ_WIRE_DECLARE(EffectivePluginInfo)
DJ_WIRE_DECLARE(PluginSetting)
DJ_WIRE_DECLARE(PluginReloadInfo)
DJ_WIRE_DECLARE(ScriptTestResult)
DJ_WIRE_DECLARE(FormInfo)
DJ_WIRE_DECLARE(NewAttachment)
DJ_WIRE_DECLARE(SubmitRequest)
DJ_WIRE_DECLARE(FieldIssue)
DJ_WIRE_DECLARE(FormPreview)
DJ_WIRE_DECLARE(SubmissionFilter)
DJ_WIRE_DECLARE(ReopenRequest)
DJ_WIRE_DECLARE(NewNotice)
DJ_WIRE_DECLARE(NoticeReceipt)
DJ_WIRE_DECLARE(NoticeInfo)
DJ_WIRE_DECLARE(NoticeFilter)
DJ_WIRE_DECLARE(NoticeReceipts)
DJ_WIRE_DECLARE(RemindDraft)
DJ_WIRE_DECLARE(CompletenessRow)
DJ_WIRE_DECLARE(IndicatorInfo)
DJ_WIRE_DECLARE(IndicatorQuery)
DJ_WIRE_DECLARE(IndicatorValue)
DJ_WIRE_DECLARE(IndicatorRefresh)
DJ_WIRE_DECLARE(Reminder)
DJ_WIRE_DECLARE(RectificationUpdate)
DJ_WIRE_DECLARE(RectificationFilter)
DJ_WIRE_DECLARE(EvaluationInfo)
DJ_WIRE_DECLARE(MemberExport)
DJ_WIRE_DECLARE(IndicatorExport)
DJ_WIRE_DECLARE(DashboardCompletion)
DJ_WIRE_DECLARE(DashboardTrend)
DJ_WIRE_DECLARE(DashboardRatings)
DJ_WIRE_DECLARE(DashboardArea)
DJ_WIRE_DECLARE(DashboardDepartmentScore)
DJ_WIRE_DECLARE(Dashboard)

#undef DJ_WIRE_DECLARE

}  // namespace dj
