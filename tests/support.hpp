#pragma once
// Shared test helpers: a temporary folder, a small known org tree with one user per role,
// and running the real CLI binary.
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>

#include "service/local_service.hpp"

namespace dj::test {

// A fresh folder under /tmp, removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// 测试县委 [XW] → 测试县直机关工委 [GW] → 甲局 [D1] → D1-B1, D1-B2 (党支部)
//                                      → 乙局 [D2] → D2-B1
// Users: admin (XW), leader (XW), reviewer (GW), discipline (GW), unit1 (unit_admin, D1),
//        filler1 (filler, D1-B1), gwadmin (admin, GW). Two members in D1-B1, one in D2-B1. Today is 2021-06-15.
struct SmallCounty {
    TempDir dir;
    std::string db_path;
    std::unique_ptr<LocalService> svc;
    SmallCounty();
    Actor as(const std::string& login) { return svc->actor(login); }
    std::size_t member_count();
    std::size_t audit_count();
};

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Runs the real dangjian binary with `args` (shell-quoted by the caller where needed).
CliResult run_cli(const std::string& args);

// Puts the default demo county (`dangjian demo`, county scale, seed 2020) at `db`: a copy of
// the one ctest made once for the run (DJ_DEMO_FIXTURE names it), else of one this process
// made on first use. Making it takes a quarter of a minute; copying it, a moment.
void make_demo(const std::string& db);

// The forms fixture (tests/forms_fixture: formtest.visit, owed monthly by every branch) on at
// the 机关工委, with the given members living in difficulty so a 走访慰问 may name them.
void use_forms_fixture(LocalService& svc, std::initializer_list<std::int64_t> in_difficulty = {1});
// The same on a database file through the CLI, as the GUI tests use it: the fixture folder as
// the database's own (plugins folders --set), formtest on at the 工委, and a new member in
// difficulty (困难党员丙) at D0001-B01. Returns that member's number; throws if a step fails.
std::string use_forms_fixture(const std::string& db);

std::string read_text_file(const std::string& path);
void write_text_file(const std::string& path, const std::string& text);

}  // namespace dj::test
