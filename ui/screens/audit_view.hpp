#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export_control.hpp"
#include "model/audit_actions.hpp"
#include "view.hpp"

namespace dj::ui {

// What an entry changed, one readable line per field that differs (「名称：旧 → 新」).
// `labels`: the record's own field labels by id (AuditEntry::field_labels), before the
// generic ones.
// `org_name`: a unit's name by its code (the org fields show names, not codes), or empty.
std::vector<std::string> audit_changes(const std::string& before, const std::string& after,
                                       const std::map<std::string, std::string>& labels = {},
                                       const std::function<std::string(const std::string&)>& org_name = {});

// A --deep mismatch ("党员 3（张三）的「姓名」：日志为「…」，现为「…」…") as the row it names
// and what differs, for the two columns of the verdict's table.
std::pair<std::string, std::string> audit_mismatch_parts(const std::string& mismatch);

// 审计日志: the hash-chained log, filtered, and its verification.
class AuditView : public View {
public:
    explicit AuditView(Session& s) : View(s, "audit", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ReadAudit); }
    void draw() override;
    bool busy() const override;
    void prepare_screenshot(std::string_view variant) override;

private:
    void start_verify();
    void draw_verdict(const AuditVerdict& v);

    Loaded<std::vector<AuditEntry>> log_;
    std::string target_, actor_, since_, until_;
    int limit_ = 500;
    std::string query_;  // the filter last applied, as a cache key
    AuditFilter applied_;
    std::optional<AuditVerdict> verdict_;
    std::optional<Failure> verify_failure_;
    bool verifying_ = false;
    bool deep_ = false;          // replay the log against the business tables (slower)
    bool verified_deep_ = false;  // the verdict shown came from a deep check
    bool verify_on_open_ = false;  // --screen audit_verify: the screenshot shows a deep check
    std::int64_t expanded_ = 0;
    std::string logged_;  // the answer last written to the automation log
    ExportControl export_;
};

}  // namespace dj::ui
