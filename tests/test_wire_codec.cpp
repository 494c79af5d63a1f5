// The HTTP API's wire codec (api/wire.cpp): a request may leave out what is optional and gets
// the record's defaults, a missing required field is a 400 that names it, and the check that
// makes a DJ_WIRE list forgetting a member fail to build counts members correctly.
#include <catch2/catch.hpp>

#include "api/errors.hpp"
#include "api/routes.hpp"
#include "api/wire_fields.hpp"

using namespace dj;
using nlohmann::json;

namespace {

struct Inner {
    int a = 0;
    std::string b;
};
struct Five {
    std::string name;
    std::optional<int> count;
    Inner inner;  // an aggregate member counts once, not as its two
    std::vector<std::string> tags;
    bool on = true;
};

// The 400 a route answers when its argument `request` is `value`.
json refusal(const json& value) {
    api::Call call;
    call.args["request"] = value;
    try {
        api::decode_arg<SubmitRequest>(call, "request");
    } catch (...) {
        return api::error_reply(std::current_exception()).body["error"];
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the member count DJ_WIRE checks its list against is each record's own", "[wire]") {
    STATIC_REQUIRE(wire::field_count<Inner>() == 2);
    STATIC_REQUIRE(wire::field_count<Five>() == 5);
    // Optional, container, nested-record and defaulted members each count once, as DJ_WIRE's
    // list names them: a record with one member more than its list does not compile.
    REQUIRE(wire::field_count<SubmitRequest>() == json(SubmitRequest{}).size());
}

TEST_CASE("a request without its optional fields gets the record's defaults", "[wire]") {
    auto r = json{{"form_id", "f.visit"}, {"unit_code", "D1-B1"}, {"period", "2021-06"}}.get<SubmitRequest>();
    CHECK(r.form_id == "f.visit");
    CHECK(r.values_json == "{}");
    CHECK_FALSE(r.draft);
    CHECK_FALSE(r.member_id);
    CHECK(r.attachments.empty());
    // A default that is not the type's zero stays the record's: include_subtree is true.
    auto e = json{{"unit_code", "D1"}, {"filter", json::object()}}.get<MemberExport>();
    CHECK(e.filter.include_subtree);
    auto q = json{{"period", "2021"}, {"unit_code", "D1"}}.get<IndicatorQuery>();
    CHECK(q.subtree);
    // What is there is read, nested records too.
    auto f = json{{"unit_code", "D1"}, {"filter", {{"include_subtree", false}, {"name_part", "张"}}}}.get<MemberExport>();
    CHECK_FALSE(f.filter.include_subtree);
    CHECK(f.filter.name_part == "张");
}

TEST_CASE("a missing required field or a malformed one is a 400 naming it", "[wire]") {
    CHECK(refusal(json{{"form_id", "f.visit"}, {"unit_code", "D1-B1"}, {"period", "2021-06"}}).is_null());
    auto missing = refusal(json{{"form_id", "f.visit"}, {"unit_code", "D1-B1"}});
    CHECK(missing["code"] == "bad_request");
    CHECK(missing["field"] == "request.period");
    CHECK(missing["message"] == "参数「request.period」缺失");
    auto wrong = refusal(json{{"form_id", "f.visit"}, {"unit_code", "D1-B1"}, {"period", "2021-06"}, {"draft", "yes"}});
    CHECK(wrong["field"] == "request.draft");
    CHECK(wrong["message"] == "参数「request.draft」格式不正确");
    auto nested = refusal(json{{"form_id", "f"},
                               {"unit_code", "D1"},
                               {"period", "2021-06"},
                               {"attachments", json::array({{{"field", "photo"}, {"name", 3}}})}});
    CHECK(nested["field"] == "request.attachments");
    CHECK(refusal(json::array())["field"] == "request");
    // A null optional is unset; a null where a value must be is as good as missing.
    CHECK(refusal(json{{"form_id", "f"}, {"unit_code", "D1"}, {"period", "2021-06"}, {"member_id", nullptr}}).is_null());
    CHECK(refusal(json{{"form_id", nullptr}, {"unit_code", "D1"}, {"period", "2021-06"}})["field"] == "request.form_id");
}

TEST_CASE("every wire record survives a round trip with every member set", "[wire]") {
    SubmitRequest r;
    r.form_id = "f";
    r.unit_code = "u";
    r.period = "2021-06";
    r.member_id = 7;
    r.submission_id = 9;
    r.values_json = R"({"a":1})";
    r.draft = true;
    r.attachments.push_back({"photo", "照片.jpg", std::string("\0\x01\xff", 3)});
    auto back = json(r).get<SubmitRequest>();
    CHECK(back.form_id == r.form_id);
    CHECK(back.unit_code == r.unit_code);
    CHECK(back.period == r.period);
    CHECK(back.member_id == r.member_id);
    CHECK(back.submission_id == r.submission_id);
    CHECK(back.values_json == r.values_json);
    CHECK(back.draft == r.draft);
    REQUIRE(back.attachments.size() == 1);
    CHECK(back.attachments[0].bytes == r.attachments[0].bytes);
    // Encoding writes every member, so what a newer side adds always travels.
    CHECK(json(r).size() == wire::field_count<SubmitRequest>());
    CHECK(json(SubmissionFilter{}).size() == wire::field_count<SubmissionFilter>());
}
