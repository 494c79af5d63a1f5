#pragma once
// The org tree and its history (org_node, org_version through OrgStore), and the overview counts.
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class OrgPart {
public:
    explicit OrgPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<OrgNode> org_tree(const Actor& who, std::optional<Date> at);
    OrgNode org_node(const Actor& who, std::string_view code, std::optional<Date> at);
    std::vector<OrgNode> org_history(const Actor& who, std::string_view code);
    OrgNode create_org(const Actor& who, const NewOrg& org);
    OrgNode change_org(const Actor& who, std::string_view code, const OrgChange& change);
    void close_org(const Actor& who, std::string_view code, Date effective);
    Overview overview(const Actor& who);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
