#pragma once
// What a form's values may refer to (members, nodes, attachments), checked through the
// stores against the node the form is filled for.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "forms/form_validate.hpp"
#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class StoreFormContext : public forms::FormContext {
public:
    // `actor_org_id`: the acting user's scope; a member outside it is named by number only.
    StoreFormContext(const ServiceContext& ctx, std::int64_t node_id, std::optional<Period> period,
                     std::int64_t actor_org_id)
        : ctx_(ctx), node_id_(node_id), period_(period), actor_org_id_(actor_org_id) {}

    std::optional<std::string> check_member(std::int64_t id, const nlohmann::json& filter) override;
    std::optional<std::string> check_org(const std::string& code) override;
    std::optional<std::string> check_attachment(const nlohmann::json& ref, const forms::Field& field) override;
    std::optional<Period> period() const override { return period_; }
    Date today() const override;
    std::optional<std::vector<std::pair<std::int64_t, std::string>>> roster(Date on) override;

private:
    const ServiceContext& ctx_;
    std::int64_t node_id_;
    std::optional<Period> period_;
    std::int64_t actor_org_id_;
};

// Each problem of a validation, naming its field.
std::vector<FieldIssue> issues_of(const forms::Validation& v);

}  // namespace dj
