#include "demo/demo_json.hpp"

#include <nlohmann/json.hpp>

namespace dj::demo {

using nlohmann::json;

json to_json(const Options& opt, const Report& rep, double seconds) {
    return {{"scale", opt.scale},          {"seed", opt.seed},
            {"year", opt.year},            {"departments", rep.departments},
            {"party_organisations", rep.party_organisations},
            {"branches", rep.branches},    {"groups", rep.groups},
            {"members", rep.members},      {"users", rep.users},
            {"submissions", rep.submissions}, {"late", rep.late},
            {"missing", rep.missing},      {"returned", rep.returned},
            {"approved", rep.approved},
            {"seconds", seconds}};
}

}  // namespace dj::demo
