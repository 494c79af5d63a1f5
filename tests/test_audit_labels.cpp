// The audit log reads in Chinese (issue 16 item 4): every action the host writes has a label,
// and the states an entry records read as the screens call them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "forms/workflow.hpp"
#include "model/audit_actions.hpp"
#include "store/review_store.hpp"

using namespace dj;
namespace fs = std::filesystem;

TEST_CASE("every action id the host writes to the audit log has a Chinese label", "[audit][labels]") {
    // The literal action ids of every audit_append call in host/ (the submission workflow's
    // are built from forms::action_id and checked below).
    const std::regex call_re(R"re(audit_append\([^;]*?"([a-z_]+\.[a-z_]+)")re");
    std::set<std::string> actions;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(DJ_SOURCE_DIR) / "host")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), call_re), end; it != end; ++it) actions.insert((*it)[1]);
    }
    REQUIRE(actions.size() > 15);  // the scan found the calls, not nothing
    for (forms::Action a : {forms::Action::Save, forms::Action::Submit, forms::Action::Approve, forms::Action::Return,
                            forms::Action::Withdraw})
        actions.insert("submission." + std::string(forms::action_id(a)));
    for (const auto& a : actions) {
        INFO(a);
        CHECK(audit_action_label(a) != a);
    }
    CHECK(audit_action_label("submission.withdraw") == "撤回报送");
    CHECK(audit_action_label("rectification.add") == "登记整改事项");
    CHECK(audit_action_label("something.new") == "something.new");  // unknown: as it is
}

TEST_CASE("an audit entry's fields and states read as the screens call them", "[audit][labels]") {
    CHECK(audit_field_label("state") == "状态");
    CHECK(audit_field_label("summary") == "summary");  // a form's own field id: as it is
    CHECK(audit_value_label("state", "submitted") == "已报送");
    CHECK(audit_value_label("state", "draft") == "草稿");
    CHECK(audit_value_label("status", "verified") == "已销号");
    CHECK(audit_value_label("name", "draft") == "draft");  // only states and sources are translated
    // A rectification item's source, as the 整改 screen names it (not "inspection").
    CHECK(audit_field_label("source") == "来源");
    CHECK(audit_value_label("source", "inspection") == "督查检查");
    CHECK(audit_value_label("source", "indicator") == "指标未达标");
    CHECK(store::rectification_source_label("inspection") == "督查检查");
    CHECK(store::rectification_source_label("something") == "手工登记");
    // What an entry is about, by kind and number.
    CHECK(audit_target_label("rectification:573") == "整改事项 573");
    CHECK(audit_target_label("member:12") == "党员 12");
    CHECK(audit_target_label("script:D0001/selfcheck") == "单位脚本 D0001/selfcheck");
    CHECK(audit_target_label("something:1") == "something:1");
}
