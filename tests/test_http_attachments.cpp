// Attachments over HTTP, both ways: uploaded through the server, read back piece by piece
// and saved to disk byte for byte; the form's size and type limits enforced by the server on
// submission; and a submitted value's name and size are the stored file's, whatever the
// client claimed. One server for the file.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "http_support.hpp"
#include "service/attachment_download.hpp"

using namespace dj;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "Attach-test-2021!";

const std::string kFixture = std::string(DJ_TESTS_DIR) + "/forms_fixture";

struct Served {
    // The server's own LocalService loads the test plugin with the 走访慰问 form (photo: .jpg or
    // .png, at most 1000 bytes).
    test::ServedCounty s{[](LocalService& served) { served.set_extra_plugin_dirs({kFixture}); }};
    std::map<std::string, std::unique_ptr<remote::RemoteService>> clients;

    Served() {
        auto admin = s.county.as("admin");
        s.county.svc->set_extra_plugin_dirs({kFixture});
        s.county.svc->set_plugin(admin, PluginSetting{"formtest", "GW", true, "{}", false});
        // 张三 lives in difficulty: a 走访慰问 may name him.
        auto m = s.county.svc->member(admin, 1, s.county.svc->today());
        MemberInput in{m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.status, m.branch_code, "", "", {"生活困难"}};
        s.county.svc->update_member(admin, 1, in);
    }

    remote::RemoteService& as(const std::string& login) {
        auto& c = clients[login];
        if (c) return *c;
        auto info = s.county.svc->reset_password(s.county.as("admin"), login);
        c = remote::connect(s.url);
        auto first = c->login({login, info.initial_password, ""});
        c->change_password(first.actor, info.initial_password, kPassword);
        c->login({login, kPassword, ""});
        return *c;
    }
};

Served& served() {
    static Served s;
    return s;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::filesystem::path scratch(const char* name) {
    auto dir = std::filesystem::temp_directory_path() / ("dj-attach-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

SubmitRequest visit(json values) {
    SubmitRequest r;
    r.form_id = "formtest.visit";
    r.unit_code = "D1-B1";
    r.period = "2021-06";
    r.values_json = values.dump();
    return r;
}

const json kVisit = {{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-20"}, {"amount", 500}};

}  // namespace

TEST_CASE("an attachment goes up and comes back down over HTTP byte for byte", "[http][attachments]") {
    auto& srv = served();
    auto& filler = srv.as("filler1");
    std::string bytes;
    for (int i = 0; i < 900; ++i) bytes.push_back(static_cast<char>(i * 13 % 256));  // NULs, broken UTF-8
    auto up = filler.add_attachment(Actor{}, "D1-B1", "走访.jpg", bytes);

    auto facts = filler.attachment(Actor{}, up.id);
    CHECK(facts.name == "走访.jpg");
    CHECK(facts.size == bytes.size());
    CHECK(facts.sha256 == up.sha256);
    auto to = scratch("down.jpg");
    save_attachment(filler, Actor{}, up.id, to);
    CHECK(slurp(to) == bytes);
    CHECK_FALSE(std::filesystem::exists(to.string() + ".part"));

    // The 部门's administrator above the branch reads it; 乙局's units learn nothing of it,
    // not even that it exists.
    CHECK(srv.as("unit1").attachment(Actor{}, up.id).name == "走访.jpg");
    CHECK_THROWS_WITH(srv.as("reviewer").attachment(Actor{}, 999999), Catch::Contains("不存在或无权查看"));
    auto d2 = srv.s.county.svc->create_user(srv.s.county.as("admin"), NewUser{"filler2", "乙局填报", Role::Filler, "D2-B1"});
    (void)d2;
    auto& other = srv.as("filler2");
    CHECK_THROWS_WITH(other.attachment(Actor{}, up.id), Catch::Contains("不存在或无权查看"));
    CHECK_THROWS_WITH(other.attachment_chunk(Actor{}, up.id, 0), Catch::Contains("不存在或无权查看"));
    CHECK_THROWS_WITH(save_attachment(other, Actor{}, up.id, scratch("no.jpg")), Catch::Contains("不存在或无权查看"));
    CHECK_FALSE(std::filesystem::exists(scratch("no.jpg")));
}

TEST_CASE("a file larger than one piece is saved whole, piece by piece", "[http][attachments]") {
    auto& srv = served();
    // Stored on the server's file directly: larger than this test server's upload limit.
    std::string big(kAttachmentChunkBytes * 2 + 12345, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 31 + i / 7) % 256);
    auto stored = srv.s.county.svc->add_attachment(srv.s.county.as("filler1"), "D1-B1", "相册.png", big);
    auto& filler = srv.as("filler1");
    std::size_t before = 0;
    {
        std::lock_guard lock(srv.s.log_mu);
        before = srv.s.log.size();
    }
    auto to = scratch("album.png");
    auto info = save_attachment(filler, Actor{}, stored.id, to);
    CHECK(info.size == big.size());
    CHECK(std::filesystem::file_size(to) == big.size());
    CHECK(slurp(to) == big);
    // Three pieces, each its own request: no answer carried the whole file.
    std::lock_guard lock(srv.s.log_mu);
    int pieces = 0;
    for (std::size_t i = before; i < srv.s.log.size(); ++i)
        pieces += srv.s.log[i].find("/api/v1/attachment_chunk") != std::string::npos;
    CHECK(pieces == 3);
}

TEST_CASE("the server enforces the form's size and type limits on attachments", "[http][attachments]") {
    auto& srv = served();
    auto& filler = srv.as("filler1");
    auto ok = filler.add_attachment(Actor{}, "D1-B1", "合影.jpg", std::string(600, 'p'));
    auto big = filler.add_attachment(Actor{}, "D1-B1", "大图.jpg", std::string(5000, 'p'));
    auto doc = filler.add_attachment(Actor{}, "D1-B1", "说明.docx", std::string(10, 'p'));
    json v = kVisit;
    v["photo"] = {{"attachment", big.id}};
    CHECK_THROWS_WITH(filler.submit(Actor{}, visit(v)), Catch::Contains("超过上限"));
    v["photo"] = {{"attachment", doc.id}};
    CHECK_THROWS_WITH(filler.submit(Actor{}, visit(v)), Catch::Contains("类型不符合要求"));
    // Sent with the submission itself, the same limits hold.
    auto with_file = visit(kVisit);
    with_file.attachments.push_back({"photo", "现场.gif", std::string(100, 'g')});
    CHECK_THROWS_WITH(filler.submit(Actor{}, with_file), Catch::Contains("类型不符合要求"));
    v["photo"] = {{"attachment", ok.id}};
    CHECK(filler.submit(Actor{}, visit(v)).state == "submitted");
    // A body over the server's upload limit is refused before it is stored.
    CHECK_THROWS(filler.add_attachment(Actor{}, "D1-B1", "超大.jpg", std::string(300u << 10, 'p')));
}

TEST_CASE("a submitted attachment's name and size are the stored file's, not the client's", "[http][attachments]") {
    auto& srv = served();
    auto& filler = srv.as("filler1");
    auto real = filler.add_attachment(Actor{}, "D1-B1", "真实.jpg", std::string(700, 'r'));
    json v = kVisit;
    // A client claiming another name and a tiny size (to pass the 1000-byte limit with a
    // bigger file, or to show a misleading name in lists) is corrected.
    v["photo"] = {{"attachment", real.id}, {"name", "伪造.png"}, {"size", 1}, {"sha256", "00"}};
    auto s = filler.submit(Actor{}, visit(v));
    json stored = json::parse(s.values_json)["photo"];
    CHECK(stored["name"] == "真实.jpg");
    CHECK(stored["size"] == 700);
    CHECK(stored["sha256"] == real.sha256);
    // A draft naming another unit's file keeps only its number: the other file's name never
    // lands in this record (and submitting it is refused).
    auto foreign = srv.s.county.svc->add_attachment(srv.s.county.as("admin"), "D2-B1", "乙局机密.jpg", std::string(10, 'z'));
    v["photo"] = {{"attachment", foreign.id}, {"name", "随便.jpg"}};
    auto draft = visit(v);
    draft.draft = true;
    auto d = filler.submit(Actor{}, draft);
    CHECK(json::parse(d.values_json)["photo"] == json({{"attachment", foreign.id}}));
    CHECK(d.values_json.find("乙局机密") == std::string::npos);
    draft.draft = false;
    draft.submission_id = d.id;
    CHECK_THROWS_WITH(filler.submit(Actor{}, draft), Catch::Contains("不属于本组织"));
}
