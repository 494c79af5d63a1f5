// The victim of the crash-safety test: submits visit records in a loop and prints
// "ACK <id>" after each one the service acknowledged, until it is killed.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "service/local_service.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: crash_child DB PLUGIN_DIR\n");
        return 2;
    }
    auto svc = dj::LocalService::open(argv[1]);
    svc->set_extra_plugin_dirs({argv[2]});
    auto filler = svc->actor("filler1");
    for (int i = 0;; ++i) {
        dj::SubmitRequest r;
        r.form_id = "formtest.visit";
        r.unit_code = "D1-B1";
        r.period = "2021-06";
        r.values_json = nlohmann::json({{"member", 1}, {"occasion", "日常"}, {"date", "2021-06-10"},
                                        {"amount", 100 + i}, {"goods", "慰问品 " + std::to_string(i)}})
                            .dump();
        auto s = svc->submit(filler, r);
        std::printf("ACK %lld\n", static_cast<long long>(s.id));
        std::fflush(stdout);
    }
}
