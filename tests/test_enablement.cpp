// Effective plugin sets down the org tree: inheritance, overrides and settings.
#include <catch2/catch.hpp>

#include "plugins/enablement.hpp"

using namespace dj::plugins;
using nlohmann::json;

namespace {
EnablementEntry on(const char* code, const char* id, json settings = json::object()) {
    return {code, id, true, std::move(settings)};
}
EnablementEntry off(const char* code, const char* id) { return {code, id, false, json::object()}; }
}  // namespace

TEST_CASE("enabling at a node applies to its subtree", "[enablement]") {
    auto eff = effective_plugins({{"GW", {on("GW", "care"), on("GW", "venues")}}, {"D1", {}}, {"D1-B1", {}}});
    CHECK(eff["care"].enabled);
    CHECK(eff["care"].decided_at == "GW");
    CHECK(eff["care"].inherited);
    CHECK(eff["venues"].enabled);
}

TEST_CASE("a lower node disables, and a node below it re-enables", "[enablement]") {
    std::vector<std::pair<std::string, std::vector<EnablementEntry>>> path = {
        {"GW", {on("GW", "care")}}, {"D1", {off("D1", "care")}}};
    CHECK_FALSE(effective_plugins(path)["care"].enabled);
    path.push_back({"D1-B1", {on("D1-B1", "care")}});
    auto eff = effective_plugins(path);
    CHECK(eff["care"].enabled);
    CHECK_FALSE(eff["care"].inherited);
    CHECK(eff["care"].decided_at == "D1-B1");
}

TEST_CASE("settings merge key by key, the lower node winning, without changing enablement", "[enablement]") {
    auto eff = effective_plugins({{"GW", {on("GW", "venues", {{"target", 10}, {"weight", 5}})}},
                                  {"D1", {{"D1", "venues", std::nullopt, {{"target", 2}}}}}});
    CHECK(eff["venues"].enabled);
    CHECK(eff["venues"].settings["target"] == 2);
    CHECK(eff["venues"].settings["weight"] == 5);
    CHECK(eff["venues"].setting_source["target"] == "D1");
    CHECK(eff["venues"].setting_source["weight"] == "GW");
}

TEST_CASE("a plugin never mentioned on the path is not in the set", "[enablement]") {
    auto eff = effective_plugins({{"GW", {on("GW", "care")}}, {"D2", {}}});
    CHECK(eff.count("venues") == 0);
    CHECK(eff.size() == 1);
}
