#pragma once
// One screen of the desktop front-end (a View), registered once in app.cpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "export_control.hpp"
#include "model/audit_actions.hpp"
#include "view.hpp"

namespace dj::ui {

// What an entry changed, one readable line per field that differs (「名称：旧 → 新」).
// `labels`: the record's own field labels by id (AuditEntry::field_labels), before the
// generic ones.
std::vector<std::string> audit_changes(const std::string& before, const std::string& after,
                                       const std::map<std::string, std::string>& labels = {});

// 审计日志: the hash-chained log, filtered, and its verification.
class AuditView : public View {
public:
    explicit AuditView(Session& s) : View(s, "audit", Kind::Screen) {}
    const char* title() const override;
    bool available() const override { return session_.can(Capability::ReadAudit); }
    void draw() override;
    bool busy() const override;

private:
    Loaded<std::vector<AuditEntry>> log_;
    std::string target_, actor_, since_, until_;
    int limit_ = 500;
    std::string query_;  // the filter last applied, as a cache key
    AuditFilter applied_;
    std::optional<AuditVerdict> verdict_;
    std::optional<Failure> verify_failure_;
    bool verifying_ = false;
    std::int64_t expanded_ = 0;
    std::string logged_;  // the answer last written to the automation log
    ExportControl export_;
};

}  // namespace dj::ui
