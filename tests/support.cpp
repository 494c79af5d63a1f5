#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <stdexcept>
#include <sstream>

#include "db/database.hpp"
#include "small_county.hpp"

namespace dj::test {

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dj-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

SmallCounty::SmallCounty() : db_path(dir.file("county.db")) {
    svc = LocalService::create(db_path, "测试县委", "admin");
    fill_small_county(*svc);
}

std::size_t SmallCounty::member_count() {
    auto st = svc->connection().prepare("SELECT count(*) FROM member");
    st.step();
    return static_cast<std::size_t>(st.int64(0));
}

std::size_t SmallCounty::audit_count() {
    auto st = svc->connection().prepare("SELECT count(*) FROM audit_log");
    st.step();
    return static_cast<std::size_t>(st.int64(0));
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

CliResult run_cli(const std::string& args) {
    TempDir tmp;
    std::string out = tmp.file("out"), err = tmp.file("err");
    std::string cmd = std::string(DJ_CLI_PATH) + " " + args + " >" + out + " 2>" + err + " </dev/null";
    int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text_file(out);
    r.err = read_text_file(err);
    return r;
}

void use_forms_fixture(LocalService& svc, std::initializer_list<std::int64_t> in_difficulty) {
    svc.set_extra_plugin_dirs({std::string(DJ_TESTS_DIR) + "/forms_fixture"});
    auto admin = svc.actor("admin");
    svc.set_plugin(admin, PluginSetting{"formtest", "GW", true, "{}", false});
    for (std::int64_t id : in_difficulty) {
        auto m = svc.member(admin, id, svc.today());
        MemberInput in{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_code, "", "", {"生活困难"}};
        svc.update_member(admin, id, in);
    }
}

std::string use_forms_fixture(const std::string& db) {
    auto step = [](const std::string& args) {
        auto r = run_cli(args);
        if (r.exit_code != 0) throw std::runtime_error("dangjian " + args + " failed:\n" + r.out + r.err);
        return r.out;
    };
    step("plugins folders --set '" + std::string(DJ_TESTS_DIR) + "/forms_fixture' --db " + db);
    step("plugins enable formtest --unit GW --db " + db);
    auto added = step("members add --db " + db +
                      " --name 困难党员丙 --gender 男 --birth 1950-01-01 --join 1975-07-01 --full 1976-07-01"
                      " --status 正式 --branch D0001-B01 --flags 生活困难");
    std::smatch m;
    if (!std::regex_search(added, m, std::regex("编号 ([0-9]+)"))) throw std::runtime_error("no member number in: " + added);
    return m[1];
}

void make_demo(const std::string& db) {
    namespace fs = std::filesystem;
    static std::unique_ptr<TempDir> own;  // this process's, when ctest made none
    std::string source;
    if (const char* fixture = std::getenv("DJ_DEMO_FIXTURE"); fixture && fs::exists(fixture)) {
        source = fixture;
    } else {
        if (!own) {
            auto dir = std::make_unique<TempDir>();
            auto r = run_cli("demo --db " + dir->file("demo.db"));
            if (r.exit_code != 0) throw std::runtime_error("dangjian demo failed: " + r.err);
            own = std::move(dir);
        }
        source = own->file("demo.db");
    }
    // The WAL too, should the maker not have checkpointed it on close.
    fs::copy_file(source, db, fs::copy_options::overwrite_existing);
    if (fs::exists(source + "-wal")) fs::copy_file(source + "-wal", db + "-wal", fs::copy_options::overwrite_existing);
}

}  // namespace dj::test
