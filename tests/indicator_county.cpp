#include "indicator_county.hpp"

#include <nlohmann/json.hpp>

#include "model/period.hpp"

namespace dj::test {

using nlohmann::json;

IndicatorCounty::IndicatorCounty() {
    svc->set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/indicators_fixture"});
    svc->set_plugin(as("admin"), PluginSetting{"indtest", "GW", true, "{}", false});
    for (const auto& m : svc->list_members(as("admin"), "XW", MemberFilter{true, {}, {}, svc->today()})) member_ids[m.name] = m.id;
}

std::int64_t IndicatorCounty::file(const std::string& form, const std::string& unit, const std::string& period,
                                   const std::string& values_json, const std::string& login) {
    Date saved = svc->today();
    svc->set_today(Period::parse_or_throw(period).end());
    SubmitRequest r;
    r.form_id = "indtest." + form;
    r.unit_code = unit;
    r.period = period;
    r.values_json = values_json;
    std::int64_t id = 0;
    try {
        id = svc->submit(as(login), r).id;
    } catch (...) {
        svc->set_today(saved);
        throw;
    }
    svc->set_today(saved);
    return id;
}

std::int64_t IndicatorCounty::activity(const std::string& branch, const std::string& period, const std::string& kind,
                                       int attendees, std::vector<std::int64_t> people, std::optional<std::int64_t> lecturer,
                                       bool draft) {
    json v = {{"kind", kind}, {"attendees", attendees}, {"people", people}};
    if (lecturer) v["lecturer"] = *lecturer;
    if (!draft) return file("activity", branch, period, v.dump());
    SubmitRequest r;
    r.form_id = "indtest.activity";
    r.unit_code = branch;
    r.period = period;
    r.values_json = v.dump();
    r.draft = true;
    Date saved = svc->today();
    svc->set_today(Period::parse_or_throw(period).end());
    auto id = svc->submit(as("admin"), r).id;
    svc->set_today(saved);
    return id;
}

void IndicatorCounty::reopen(const std::string& unit, const std::string& period) {
    svc->reopen(as("admin"), ReopenRequest{"indtest.activity", unit, period, "测试补报", svc->today().add_days(30)});
}

void IndicatorCounty::fill_2020() {
    auto admin = as("admin");
    auto member = [&](const char* name, Date full) {
        MemberInput m{name, "男", Date::from_ymd(1945, 1, 1), full.add_days(-365), full, "正式", "D1-B2", "", "", {}};
        member_ids[name] = svc->add_member(admin, m).id;
    };
    member("赵六", Date::from_ymd(1970, 12, 31));
    member("钱七", Date::from_ymd(1971, 1, 1));
    const auto zhang = member_ids.at("张三"), li = member_ids.at("李四"), wang = member_ids.at("王五");
    activity("D1-B1", "2020-01", "党课", 10, {zhang, li}, zhang);
    activity("D1-B1", "2020-04", "党课", 4, {zhang});
    activity("D1-B1", "2020-07", "党员大会", 6, {zhang, li});
    activity("D1-B2", "2020-02", "支委会", 3, {});
    activity("D2-B1", "2020-03", "党课", 5, {wang}, wang);
    activity("D2-B1", "2020-03", "党课", 7, {wang});
    activity("D2-B1", "2020-12", "党课", 2, {});
    activity("D2-B1", "2020-05", "党课", 30, {wang}, std::nullopt, true);  // a draft: never counted
    file("venue", "D1-B1", "2020", R"({"has_place":true,"has_flag":true,"has_rules":true})");
    file("venue", "D1-B2", "2020", R"({"has_place":true,"has_flag":true,"has_rules":false})");
    file("case", "D2", "2020", R"({"serious":true})");
    OrgChange b1;
    b1.attrs.has_discipline_member = true;
    b1.effective = Date::from_ymd(2010, 1, 1);
    svc->change_org(admin, "D1-B1", b1);
    OrgChange d2;
    d2.attrs.party_affairs_staff = 2;
    d2.effective = Date::from_ymd(2010, 1, 1);
    svc->change_org(admin, "D2", d2);
    svc->add_rectification(admin, NewRectification{"D1", 2020, "inspection", "", "支部台账不全", "", "", Date::from_ymd(2020, 11, 30)});
}

std::vector<IndicatorValue> IndicatorCounty::rows(const std::string& period) {
    return svc->indicator_values(as("admin"), IndicatorQuery{period, "XW", std::nullopt, true});
}

std::map<std::string, std::map<std::string, double>> IndicatorCounty::values(const std::string& period) {
    std::map<std::string, std::map<std::string, double>> out;
    for (const auto& r : rows(period))
        if (r.value) out[r.indicator_id.substr(r.indicator_id.find('.') + 1)][r.org_code] = *r.value;
    return out;
}

std::map<std::pair<std::string, std::string>, std::int64_t> IndicatorCounty::seqs(const std::string& period) {
    std::map<std::pair<std::string, std::string>, std::int64_t> out;
    auto st = svc->connection().prepare(
        "SELECT v.indicator_id, n.code, v.seq FROM indicator_value v JOIN org_node n ON n.id = v.org_id WHERE v.period = ?");
    st.bind(1, period);
    while (st.step()) {
        std::string id = st.text(0);
        out[{id.substr(id.find('.') + 1), st.text(1)}] = st.int64(2);
    }
    return out;
}

}  // namespace dj::test
