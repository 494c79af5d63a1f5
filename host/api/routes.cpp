#include "api/routes.hpp"

namespace dj::api {

namespace {

template <auto M>
void add(std::map<std::string, Handler>& table) {
    Handler h;
    h.name = std::string(Route<M>::name);
    h.kind = Route<M>::kind;
    h.get = is_get<M>();
    h.upload = has_upload<M>();
    h.invoke = &invoke<M>;
    table.emplace(path_of<M>(), std::move(h));
}

}  // namespace

const std::map<std::string, Handler>& handlers() {
    static const std::map<std::string, Handler> table = [] {
        std::map<std::string, Handler> t;
#define DJ_ADD(op, ...) add<&Service::op>(t);
        DJ_SERVICE_ROUTES(DJ_ADD)
#undef DJ_ADD
        return t;
    }();
    return table;
}

std::vector<std::string> route_names() {
    std::vector<std::string> names;
#define DJ_NAME(op, ...) names.emplace_back(#op);
    DJ_SERVICE_ROUTES(DJ_NAME)
    DJ_SESSION_ROUTES(DJ_NAME)
#undef DJ_NAME
    return names;
}

}  // namespace dj::api
