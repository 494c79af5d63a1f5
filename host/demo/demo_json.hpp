#pragma once
// `dangjian demo --json`: what was generated, with the options it was generated from. Lives
// beside the generator (above the service), not in service/json_codec, so the service never
// includes the demo.
#include <nlohmann/json_fwd.hpp>

#include "demo/demo_generator.hpp"

namespace dj::demo {

nlohmann::json to_json(const Options& options, const Report& report, double seconds);

}  // namespace dj::demo
