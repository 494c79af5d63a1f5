#pragma once
// Indicators (cached by the engine, kept current by the change bus) and reminders.
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class IndicatorPart {
public:
    explicit IndicatorPart(ServiceContext& ctx) : ctx_(ctx) {}

    std::vector<IndicatorInfo> list_indicators(const Actor& who, std::string_view unit_code);
    std::vector<IndicatorValue> indicator_values(const Actor& who, const IndicatorQuery& query);
    IndicatorRefresh refresh_indicators(const Actor& who);
    std::vector<Reminder> reminders(const Actor& who, Date date, std::string_view unit_code);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
