#pragma once
// 述职评议 (votes and their result) and rectification items (整改), through ReviewStore.
// One part of LocalService: each operation checks access once, on entry.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/service.hpp"
#include "service/service_context.hpp"

namespace dj {

class ReviewPart {
public:
    explicit ReviewPart(ServiceContext& ctx) : ctx_(ctx) {}

    EvaluationInfo evaluate(const Actor& who, std::int64_t submission_id, std::string_view rating, std::string_view comment, const std::vector<std::string>& issues);
    EvaluationInfo evaluation(const Actor& who, std::int64_t submission_id);
    std::vector<RectificationItem> rectifications(const Actor& who, const RectificationFilter& filter);
    RectificationItem add_rectification(const Actor& who, const NewRectification& item);
    RectificationItem update_rectification(const Actor& who, std::int64_t id, const RectificationUpdate& update);
    // The result of a report's votes under its form's rule (nullopt: no votes yet).
    std::optional<std::string> evaluation_result(std::int64_t submission_id, std::map<std::string, int>* tally = nullptr);
    // Adds an item inside the caller's transaction (no access check: the caller made it).
    RectificationItem insert_rectification(const Actor& who, std::int64_t org_id, const NewRectification& item);

private:
    ServiceContext& ctx_;
};

}  // namespace dj
