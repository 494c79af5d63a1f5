// dangjian users …: one-time passwords, passwd, reset-password, disable/enable, unlock,
// change, and the state `users list` shows.
#include <catch2/catch.hpp>

#include <regex>

#include "accounts_support.hpp"

using dj::test::run_cli;

namespace {

std::string one_time_password_in(const std::string& out) {
    std::smatch m;
    REQUIRE(std::regex_search(out, m, std::regex("一次性初始密码：(\\S+)")));
    return m[1];
}

std::string line_of(const std::string& listing, const std::string& login) {
    std::istringstream in(listing);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(login + "\t", 0) == 0) return line;
    return "";
}

}  // namespace

TEST_CASE("cli: accounts from creation to first password, reset, disable and change", "[cli][accounts]") {
    dj::test::TempDir dir;
    const std::string db = dir.file("c.db");
    REQUIRE(run_cli("init --db " + db + " --county 某县委").exit_code == 0);
    REQUIRE(run_cli("org add --db " + db + " --code D1 --name 甲局 --type 部门 --parent GW").exit_code == 0);

    auto add = run_cli("users add --db " + db + " --login wang --name 王五 --role 填报人 --org D1");
    REQUIRE(add.exit_code == 0);
    const std::string first = one_time_password_in(add.out);
    CHECK(first.size() >= 12);
    CHECK_THAT(line_of(run_cli("users list --db " + db).out, "wang"), Catch::Contains("需改密"));

    // users passwd for --as wang: old and new from a file (a terminal would be asked without echo).
    const std::string pw = dir.file("pw");
    dj::test::write_text_file(pw, first + "\nshort\n");
    auto refused = run_cli("users passwd --db " + db + " --as wang --password-file " + pw);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("至少需要 10 个字符"));
    dj::test::write_text_file(pw, first + "\nwang's own password\n");
    auto changed = run_cli("users passwd --db " + db + " --as wang --password-file " + pw);
    CHECK(changed.exit_code == 0);
    CHECK_THAT(changed.out, Catch::Contains("已修改用户 wang 的密码"));
    CHECK_THAT(line_of(run_cli("users list --db " + db).out, "wang"), !Catch::Contains("需改密"));

    auto reset = run_cli("users reset-password --db " + db + " wang");
    CHECK(reset.exit_code == 0);
    CHECK(one_time_password_in(reset.out) != first);

    CHECK(run_cli("users disable --db " + db + " wang").exit_code == 0);
    CHECK_THAT(line_of(run_cli("users list --db " + db).out, "wang"), Catch::Contains("已停用"));
    CHECK(run_cli("org tree --db " + db + " --as wang").exit_code == 2);
    CHECK(run_cli("users enable --db " + db + " wang").exit_code == 0);
    CHECK_THAT(line_of(run_cli("users list --db " + db).out, "wang"), !Catch::Contains("已停用"));
    CHECK(run_cli("users unlock --db " + db + " wang").exit_code == 0);

    auto change = run_cli("users change --db " + db + " wang --role 评议人 --name 王五一");
    CHECK(change.exit_code == 0);
    CHECK_THAT(change.out, Catch::Contains("王五一，评议人"));
    auto json = run_cli("users list --json --db " + db);
    CHECK_THAT(json.out, Catch::Contains("\"must_change_password\": true"));

    // A 单位管理员 cannot make a 领导 (exit 2, nothing written).
    auto unit = run_cli("users add --db " + db + " --login d1admin --name 甲 --role 单位管理员 --org D1");
    REQUIRE(unit.exit_code == 0);
    auto leader = run_cli("users add --db " + db + " --as d1admin --login boss --name 乙 --role 领导 --org D1");
    CHECK(leader.exit_code == 2);
    CHECK_THAT(leader.err, Catch::Contains("不能管理领导账号"));
    CHECK(line_of(run_cli("users list --db " + db).out, "boss").empty());
}
