#pragma once
// Forms that declare `rectifications = function(f) … end` turn a submitted record into
// rectification items: the plugin says which (e.g. one per finding of an inspection), the
// host files them against the record's unit and year, once per record and item.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/org.hpp"
#include "model/period.hpp"
#include "plugins/plugin_host.hpp"
#include "service/service_context.hpp"

namespace dj {

// Calls the form's function with the record's values and files each item it returns that
// is not filed yet (source_ref "<form id>:<submission id>:<n>"). Throws UserError naming
// the problem when the function fails or returns something that is not a list of items.
// Returns how many items were filed. Runs inside the caller's transaction.
int file_form_rectifications(ServiceContext& ctx, const plugins::FormBinding& form, const OrgNode& node,
                             const Period& period, std::int64_t submission_id, const nlohmann::json& values,
                             const std::string& actor);

}  // namespace dj
